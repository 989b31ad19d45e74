// The plan engine with small composition functions written for these tests (not the real ones):
// how it builds requests, loops on requirements, applies responses, composes XRs through their own
// functions, garbage-collects, reaches the fixpoint, counts calls and stays deterministic.

import { describe, expect, it } from 'vitest';
import {
  isConditionTrue,
  namespacedName,
  observedComposed,
  observedComposite,
  requireAll,
  requireByName,
  requiredResources,
  itemsOf,
  warning,
  type DesiredResource,
  type FunctionOutput,
} from '../runtime/index.js';
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { isObject, type JsonObject } from '../runtime/json.js';
import type { CompositeKind } from './crossplane.js';
import { runEngine, type EngineResult } from './engine.js';

const API = 'test.modelplane.ai/v1';

function kind(name: string, compose: (req: RunFunctionRequest) => FunctionOutput): CompositeKind {
  return { apiVersion: API, kind: name, fn: { name: `compose-${name.toLowerCase()}`, compose } };
}

function specOf(req: RunFunctionRequest): Record<string, unknown> {
  const xr = observedComposite(req);
  return isObject(xr?.spec) ? xr.spec : {};
}

/** Parent: composes spec.children Child XRs and reports how many are Ready. */
const parent = kind('Parent', (req) => {
  const { name } = namespacedName(observedComposite(req));
  const observed = observedComposed(req);
  const resources: Record<string, DesiredResource> = {};
  let ready = 0;
  for (let i = 0; i < Number(specOf(req).children); i++) {
    const key = `child-${i}`;
    const isReady = isConditionTrue(observed[key]);
    if (isReady) ready++;
    resources[key] = {
      resource: {
        apiVersion: API,
        kind: 'Child',
        metadata: { name: `${name}-${i}`, labels: { parent: name } },
        spec: { index: i },
      },
      ready: isReady,
    };
  }
  return { status: { readyChildren: ready }, resources, ready: ready === Number(specOf(req).children) };
});

/** Child: composes one ConfigMap (not an XR), Ready once the ConfigMap is observed Ready. */
const child = kind('Child', (req) => {
  const { name } = namespacedName(observedComposite(req));
  const cm = observedComposed(req).cm;
  return {
    status: { configured: cm !== undefined },
    resources: {
      cm: {
        resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { from: name } },
        ready: isConditionTrue(cm),
      },
    },
  };
});

function obj(
  kindName: string,
  name: string,
  spec: JsonObject,
  namespace = 'team',
  extra: JsonObject = {},
): JsonObject {
  return { apiVersion: API, kind: kindName, metadata: { name, namespace, ...extra }, spec };
}

/** The whole world as plain data: every object with what it observes and who owns it. */
function worldOf(result: EngineResult) {
  if (!result.ok) throw new Error(result.message);
  return result.world.all().map((e) => ({
    id: e.id,
    provenance: e.provenance,
    owner: e.owner === undefined ? null : `${e.owner.id} ${e.owner.key}`,
    observed: e.observed,
  }));
}

function converged(result: EngineResult) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('composing', () => {
  it('runs a composed XR through its own function and lets its parent observe it', () => {
    const result = converged(runEngine([obj('Parent', 'p', { children: 1 })], [parent, child]));
    expect(worldOf(result)).toEqual([
      {
        id: `${API}|Child|team|p-0`,
        provenance: 'composed',
        owner: `${API}|Parent|team|p child-0`,
        observed: {
          apiVersion: API,
          kind: 'Child',
          metadata: {
            annotations: { 'crossplane.io/composition-resource-name': 'child-0' },
            labels: { 'crossplane.io/composite': 'p', parent: 'p' },
            name: 'p-0',
            namespace: 'team',
          },
          spec: { index: 0 },
          status: {
            configured: true,
            conditions: [
              { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
              { type: 'Ready', status: 'True', reason: 'Available' },
            ],
          },
        },
      },
      {
        id: `${API}|Parent|team|p`,
        provenance: 'input',
        owner: null,
        observed: {
          apiVersion: API,
          kind: 'Parent',
          metadata: { name: 'p', namespace: 'team' },
          spec: { children: 1 },
          status: {
            readyChildren: 1,
            conditions: [
              { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
              { type: 'Ready', status: 'True', reason: 'Available' },
            ],
          },
        },
      },
      {
        id: 'v1|ConfigMap|team|p-0',
        provenance: 'composed',
        owner: `${API}|Child|team|p-0 cm`,
        observed: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            annotations: { 'crossplane.io/composition-resource-name': 'cm' },
            labels: { 'crossplane.io/composite': 'p-0' },
            name: 'p-0',
            namespace: 'team',
          },
          data: { from: 'p-0' },
          status: {
            conditions: [
              { type: 'Ready', status: 'True', reason: 'Available' },
              { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
            ],
          },
        },
      },
    ]);
  });

  it('calls each function only when its request changed, and reports the counts', () => {
    const result = converged(runEngine([obj('Parent', 'p', { children: 2 })], [parent, child]));
    // Parent: composes (1), observes its new children (2); sees them Ready (3), observes its new status (4).
    // Each child: composes (1), observes its ConfigMap Ready (2), observes its new status (3).
    expect({ rounds: result.rounds, calls: result.calls }).toEqual({
      rounds: 2,
      calls: { 'compose-child': 6, 'compose-parent': 4 },
    });
  });

  it('derives Ready from the composed resources when the function does not set it', () => {
    const unready = kind('Lazy', () => ({
      resources: {
        a: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, ready: false },
        b: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }, ready: true },
      },
    }));
    const result = converged(runEngine([obj('Lazy', 'l', {})], [unready]));
    expect(result.world.get(`${API}|Lazy|team|l`)?.observed.status).toEqual({
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        { type: 'Ready', status: 'False', reason: 'Creating', message: 'Unready resources: a' },
      ],
    });
  });

  it('deletes what a parent stops desiring, with everything it composed', () => {
    const shrinking = kind('Shrinking', (req) => {
      // Two children at first; one once the first child is Ready.
      const first = observedComposed(req)['child-0'];
      const n = isConditionTrue(first) ? 1 : 2;
      const resources: Record<string, DesiredResource> = {};
      for (let i = 0; i < n; i++) {
        resources[`child-${i}`] = {
          resource: { apiVersion: API, kind: 'Child', metadata: { name: `s-${i}` }, spec: {} },
        };
      }
      return { resources };
    });
    const result = converged(runEngine([obj('Shrinking', 's', {})], [shrinking, child]));
    expect(result.world.all().map((e) => e.id)).toEqual([
      `${API}|Child|team|s-0`,
      `${API}|Shrinking|team|s`,
      'v1|ConfigMap|team|s-0',
    ]);
  });
});

describe('required resources', () => {
  /** Reader: requires every Parent (any namespace) and reports their names. */
  const reader = kind('Reader', (req) => {
    const requirements = { parents: requireAll(API, 'Parent') };
    const found = requiredResources(req, 'parents');
    if (found.kind === 'unresolved') return { requirements };
    return { requirements, status: { parents: itemsOf(found).map((o) => namespacedName(o).name) } };
  });

  it('resolves requirements from the world and calls again until they are stable', () => {
    const result = converged(
      runEngine(
        [
          obj('Reader', 'r', {}),
          obj('Parent', 'b', { children: 0 }, 'x'),
          obj('Parent', 'a', { children: 0 }, 'y'),
        ],
        [reader, parent],
      ),
    );
    expect(result.world.get(`${API}|Reader|team|r`)?.observed.status).toEqual({
      parents: ['b', 'a'],
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        { type: 'Ready', status: 'True', reason: 'Available' },
      ],
    });
    // Reader: asks (1), gets the parents (2); observes its new status in one call, seeded with the
    // stable requirements (3). Both parents' statuses change after the reader ran: one more call (4).
    expect(result.calls['compose-reader']).toBe(4);
  });

  it('assumes the fleet Gateway a function requires when the input has none', () => {
    const needsGateway = kind('Route', (req) => {
      const requirements = {
        gateway: requireByName('gateway.networking.k8s.io/v1', 'Gateway', 'modelplane', 'modelplane-system'),
      };
      const gw = itemsOf(requiredResources(req, 'gateway'))[0];
      const addresses = (gw?.status as { addresses?: unknown } | undefined)?.addresses;
      return { requirements, status: { addresses: addresses ?? null } };
    });
    const result = converged(runEngine([obj('Route', 'r', {})], [needsGateway]));
    expect(result.world.get(`${API}|Route|team|r`)?.observed.status?.valueOf()).toMatchObject({
      addresses: [{ type: 'IPAddress', value: '198.51.100.7' }],
    });
    expect(result.assumptions).toEqual([
      'Gateway/modelplane-system/modelplane is not in the input: assumed at 198.51.100.7',
    ]);
  });
});

describe('failures', () => {
  it('keeps the previous state of an XR whose function returns a Fatal result, and reports it', () => {
    // Fragile composes a ConfigMap until a Parent named "trigger" exists, then throws.
    const fragile = kind('Fragile', (req) => {
      const requirements = { trigger: requireByName(API, 'Parent', 'trigger', 'team') };
      const found = requiredResources(req, 'trigger');
      if (found.kind === 'present') throw new Error('the trigger exists');
      return {
        requirements,
        status: { phase: 'fine' },
        resources: {
          cm: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f' } }, ready: true },
        },
        results: [warning('a warning that is shown, not fatal')],
      };
    });
    const creator = kind('Creator', () => ({
      resources: {
        p: {
          resource: { apiVersion: API, kind: 'Parent', metadata: { name: 'trigger' }, spec: { children: 0 } },
        },
      },
    }));
    const result = converged(
      runEngine([obj('Fragile', 'f', {}), obj('Creator', 'c', {})], [fragile, creator, parent]),
    );
    expect(result.world.get(`${API}|Fragile|team|f`)?.observed.status).toEqual({
      phase: 'fine',
      conditions: [
        { type: 'Ready', status: 'True', reason: 'Available' },
        {
          type: 'Synced',
          status: 'False',
          reason: 'ReconcileError',
          message:
            'cannot compose resources: pipeline step "compose-fragile" returned a fatal result: cannot compose Fragile team/f: the trigger exists',
        },
      ],
    });
    expect(result.world.get('v1|ConfigMap|team|f')?.owner?.key).toBe('cm');
    expect({ errors: result.errors, warnings: result.warnings }).toEqual({
      errors: [{ object: 'Fragile/team/f', message: 'cannot compose Fragile team/f: the trigger exists' }],
      warnings: [],
    });
  });

  it('stops after the round limit and names what kept changing', () => {
    const counter = kind('Counter', (req) => {
      const status = observedComposite(req)?.status as { n?: number } | undefined;
      return { status: { n: (status?.n ?? 0) + 1 } };
    });
    const result = runEngine([obj('Counter', 'c', {})], [counter], { maxRounds: 3 });
    expect(result).toEqual({
      ok: false,
      message: 'no fixpoint after 3 rounds; still changing: Counter/team/c (status.n)',
      calls: { 'compose-counter': 20 },
    });
  });
});

describe('input from a live control plane', () => {
  const exported = (name: string, key: string) =>
    obj('Child', name, {}, 'team', {
      labels: { 'crossplane.io/composite': 'p' },
      annotations: { 'crossplane.io/composition-resource-name': key },
    });

  it('lets a parent observe its exported children from the first reconcile and delete those it no longer wants', () => {
    const result = converged(
      runEngine(
        [obj('Parent', 'p', { children: 1 }), exported('p-0', 'child-0'), exported('p-1', 'child-1')],
        [parent, child],
      ),
    );
    expect(result.world.all().map((e) => `${e.id} ${e.provenance} ${e.owner?.key ?? '-'}`)).toEqual([
      `${API}|Child|team|p-0 input child-0`,
      `${API}|Parent|team|p input -`,
      'v1|ConfigMap|team|p-0 composed cm',
    ]);
  });

  it('adopts an uncontrolled object the first time a parent desires it', () => {
    const result = converged(
      runEngine([obj('Parent', 'p', { children: 1 }), obj('Child', 'p-0', { index: 7 })], [parent, child]),
    );
    const adopted = result.world.get(`${API}|Child|team|p-0`);
    expect({ provenance: adopted?.provenance, owner: adopted?.owner, spec: adopted?.observed.spec }).toEqual({
      provenance: 'input',
      owner: { id: `${API}|Parent|team|p`, key: 'child-0' },
      spec: { index: 0 },
    });
  });
});

describe('determinism', () => {
  it('gives the same world and the same counts for the input in any order', () => {
    const input = [
      obj('Parent', 'b', { children: 2 }),
      obj('Parent', 'a', { children: 1 }, 'other'),
      obj('Parent', 'c', { children: 3 }),
      obj('Child', 'loose', {}),
    ];
    const baseline = converged(runEngine(input, [parent, child]));
    const seen = JSON.stringify({ world: worldOf(baseline), calls: baseline.calls, rounds: baseline.rounds });
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      const shuffled = order.map((i) => input[i] as JsonObject);
      const r = converged(runEngine(shuffled, [parent, child]));
      expect(JSON.stringify({ world: worldOf(r), calls: r.calls, rounds: r.rounds })).toBe(seen);
    }
  });
});
