// Fuzz seeds: the RunFunctionRequests Crossplane would send for every render fixture
// (examples/render/<kind>/<case>/), built the way Crossplane's requirements loop builds them: the
// first call carries the XR and its observed children; the function's answer says which resources
// it requires; the next call carries those, selected from the fixture's required.yaml files by
// apiVersion, kind, name, labels and namespace; repeated until the requirements settle.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  Ready,
  RunFunctionRequest,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/paths.js';

type Obj = Record<string, unknown>;

export interface Seed {
  /** "modeldeployments/retained-ready#2": the fixture and the call of its requirements loop. */
  readonly name: string;
  readonly request: RunFunctionRequest;
}

export interface FixtureSet {
  /** The function every fixture of the kind runs: compose-model-deployment, ... */
  readonly fn: string;
  readonly kind: string;
  readonly cases: readonly { readonly name: string; readonly dir: string }[];
}

const RESOURCE_NAME = 'crossplane.io/composition-resource-name';

function docs(path: string): Obj[] {
  if (!existsSync(path)) return [];
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null && typeof o === 'object');
}

const meta = (o: Obj): Obj =>
  typeof o.metadata === 'object' && o.metadata !== null ? (o.metadata as Obj) : {};

/** Every kind under examples/render, with the function its Composition calls. */
export function fixtureSets(): FixtureSet[] {
  const base = join(repoRoot, 'examples', 'render');
  return readdirSync(base)
    .sort()
    .filter((kind) => existsSync(join(base, kind, 'functions.yaml')))
    .map((kind) => {
      const [fnDoc] = docs(join(base, kind, 'functions.yaml'));
      const name = meta(fnDoc ?? {}).name;
      const fn = (typeof name === 'string' ? name : '').replace(/^modelplane-/, '');
      const cases = readdirSync(join(base, kind))
        .sort()
        .filter((c) => existsSync(join(base, kind, c, 'xr.yaml')))
        .map((c) => ({ name: `${kind}/${c}`, dir: join(base, kind, c) }));
      return { fn, kind, cases };
    });
}

/** Crossplane's matching of one required-resource selector against the fixture's objects. */
function matches(obj: Obj, sel: ResourceSelector): boolean {
  if (obj.apiVersion !== sel.apiVersion || obj.kind !== sel.kind) return false;
  const m = meta(obj);
  if (sel.namespace !== undefined && sel.namespace !== '' && m.namespace !== sel.namespace) return false;
  if (sel.matchName !== undefined) return m.name === sel.matchName;
  const labels = (m.labels ?? {}) as Record<string, string>;
  return Object.entries(sel.matchLabels?.labels ?? {}).every(([k, v]) => labels[k] === v);
}

function resolve(
  required: readonly Obj[],
  selectors: Readonly<Record<string, ResourceSelector>>,
): RunFunctionRequest['requiredResources'] {
  const out: RunFunctionRequest['requiredResources'] = {};
  for (const [key, sel] of Object.entries(selectors)) {
    out[key] = {
      items: required
        .filter((o) => matches(o, sel))
        .map((resource) => ({ resource, connectionDetails: {}, ready: Ready.READY_UNSPECIFIED })),
    };
  }
  return out;
}

/**
 * The requests of one fixture's requirements loop (at most four calls), each answered by `call`
 * (the real bundle over gRPC).
 */
export async function fixtureSeeds(
  fixture: { readonly name: string; readonly dir: string },
  call: (req: RunFunctionRequest) => Promise<RunFunctionResponse>,
): Promise<Seed[]> {
  const [xr] = docs(join(fixture.dir, 'xr.yaml'));
  const observed: Record<
    string,
    { resource: Obj; connectionDetails: Record<string, Buffer>; ready: Ready.READY_UNSPECIFIED }
  > = {};
  for (const o of docs(join(fixture.dir, 'observed.yaml'))) {
    const key = ((meta(o).annotations ?? {}) as Record<string, string>)[RESOURCE_NAME];
    if (key !== undefined)
      observed[key] = { resource: o, connectionDetails: {}, ready: Ready.READY_UNSPECIFIED };
  }
  const required = [
    ...docs(join(dirname(fixture.dir), 'required.yaml')),
    ...docs(join(fixture.dir, 'required.yaml')),
  ];
  const seeds: Seed[] = [];
  let requiredResources: RunFunctionRequest['requiredResources'] = {};
  for (let i = 0; i < 4; i++) {
    const request = RunFunctionRequest.fromPartial({
      meta: { tag: `${fixture.name}#${i}` },
      observed: { composite: { resource: xr ?? {}, connectionDetails: {} }, resources: observed },
      requiredResources,
    });
    seeds.push({ name: `${fixture.name}#${i}`, request });
    const selectors = (await call(request)).requirements?.resources ?? {};
    const next = resolve(required, selectors);
    if (JSON.stringify(next) === JSON.stringify(requiredResources)) break;
    requiredResources = next;
  }
  return seeds;
}
