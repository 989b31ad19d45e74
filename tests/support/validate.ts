// Schema validation of composed objects with the real Kubernetes validators, through
// `crossplane resource validate`: our XRDs (apis/), the upstream CRDs (.crds/, fetched by
// scripts/fetch-crds.mjs) and the built-in kinds' schemas. Manifests wrapped in provider-kubernetes Objects are
// unwrapped and validated too, so a bad remote LLMInferenceService fails here, not on a cluster.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { builtinCrdsDir } from './builtin-crds.js';
import { repoRoot, requireUpstreamCrds, tool } from './paths.js';

type Obj = Record<string, unknown>;

/** Objects wrapped by provider-kubernetes Objects (spec.forProvider.manifest), recursively. */
export function withWrappedManifests(objects: readonly Obj[]): Obj[] {
  const out: Obj[] = [];
  for (const o of objects) {
    out.push(o);
    const manifest = ((o.spec as Obj | undefined)?.forProvider as Obj | undefined)?.manifest;
    // An observe-only Object's manifest only names the remote object it reads (apiVersion, kind,
    // metadata); its spec belongs to someone else, so there is nothing of ours to validate.
    const policies = (o.spec as Obj | undefined)?.managementPolicies;
    const observeOnly = Array.isArray(policies) && policies.length === 1 && policies[0] === 'Observe';
    if (
      String(o.apiVersion).startsWith('kubernetes.') &&
      o.kind === 'Object' &&
      !observeOnly &&
      typeof manifest === 'object' &&
      manifest !== null
    ) {
      out.push(...withWrappedManifests([manifest as Obj]));
    }
  }
  return out;
}

interface ValidateJson {
  summary: { total: number; valid: number; invalid: number; missingSchemas: number };
  resources: {
    apiVersion: string;
    kind: string;
    name?: string;
    status: string;
    errors?: { message: string }[];
  }[];
}

/**
 * Kinds whose CRDs no registry reachable here serves (tools/crds/sources.json "notServed": the
 * Upbound providers' releases are not on the Go module proxy), as "apiVersion Kind". Objects of
 * these kinds are checked by their functions' own tests, not against a schema.
 */
export const KINDS_WITHOUT_SCHEMA: ReadonlySet<string> = new Set(
  (
    JSON.parse(readFileSync(join(repoRoot, 'tools', 'crds', 'sources.json'), 'utf8')) as {
      notServed: { kinds: string[] }[];
    }
  ).notServed.flatMap((s) => s.kinds),
);

/**
 * Validates `objects` (and the manifests they wrap), except those of KINDS_WITHOUT_SCHEMA. Returns
 * one line per problem, none when all are valid; an object whose kind has no schema is a problem.
 */
export function schemaProblems(objects: readonly Obj[]): string[] {
  const named = withWrappedManifests(objects)
    .filter((o) => !KINDS_WITHOUT_SCHEMA.has(`${String(o.apiVersion)} ${String(o.kind)}`))
    .map((o) => {
      // Remote manifests may omit metadata.name only when generateName is used; validate needs a name.
      const meta = (o.metadata as Obj | undefined) ?? {};
      return meta.name === undefined ? { ...o, metadata: { ...meta, name: 'unnamed' } } : o;
    });
  // Identical objects (the KServe presets every cluster carries) validate once: same verdict.
  const all = [...new Map(named.map((o) => [JSON.stringify(o), o])).values()];
  if (all.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-validate-'));
  const file = join(dir, 'resources.yaml');
  writeFileSync(file, all.map((o) => stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n'));
  const extensions = [join(repoRoot, 'apis'), requireUpstreamCrds(), builtinCrdsDir()].join(',');
  const r = spawnSync(
    tool('crossplane'),
    [
      'resource',
      'validate',
      '--crossplane-image=',
      '--error-on-missing-schemas',
      '--cache-dir',
      join(dir, 'cache'),
      '-o',
      'json',
      extensions,
      file,
    ],
    { encoding: 'utf8' },
  );
  let parsed: ValidateJson;
  try {
    parsed = JSON.parse(r.stdout) as ValidateJson;
  } catch {
    throw new Error(`crossplane resource validate failed (exit ${r.status}): ${r.stderr}${r.stdout}`);
  }
  const problems: string[] = [];
  for (const res of parsed.resources) {
    if (res.status === 'valid') continue;
    const id = `${res.kind} ${res.name ?? ''}`.trim();
    if (res.errors === undefined || res.errors.length === 0) problems.push(`${id}: ${res.status}`);
    for (const e of res.errors ?? []) problems.push(`${id}: ${e.message}`);
  }
  return problems.sort();
}
