import { describe, expect, it } from 'vitest';
import { workers as workersSchema } from '../apis/serving.js';
import { roleShape } from '../scheduling/topology.js';
import { enginePlan, type EnginePlanResult } from './engine-plan.js';
import { modelArg } from './model-source.js';
import type { ReplicaRole } from './roles.js';

const TOKEN = { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } };
const NAMES = ['qwen', 'publishers/ml-team/models/qwen'] as const;
const ARGS = 'spec.workers.template.spec.containers[1].args';

interface Input {
  readonly topology?: Record<string, unknown>;
  readonly engine?: Record<string, unknown>;
  readonly podSecurity?: Record<string, unknown>;
  readonly role?: ReplicaRole['role'];
  readonly uri?: string;
  readonly modelName?: string;
}

function plan(i: Input): EnginePlanResult {
  const workers = workersSchema.parse({
    topology: i.topology ?? {},
    resources: {},
    template: {
      spec: {
        containers: [
          { name: 'sidecar', image: 'proxy' },
          { name: 'engine', image: 'vllm', ...(i.engine ?? {}) },
        ],
        ...(i.podSecurity === undefined ? {} : { securityContext: i.podSecurity }),
      },
    },
  });
  const role: ReplicaRole = {
    role: i.role ?? 'unified',
    pool: 'h200',
    workers,
    poolPath: 'spec.nodePool',
    workersPath: 'spec.workers',
  };
  const shape = roleShape(workers, 'spec.workers');
  if (!shape.ok) throw new Error(shape.error.message);
  return enginePlan({
    role,
    shape: shape.value,
    modelUri: i.uri,
    modelName: i.modelName ?? 'qwen',
    namespace: 'ml-team',
  });
}

describe('enginePlan: where the model comes from', () => {
  it('spec.model.uri: KServe’s storage initializer, which gets the engine’s Hugging Face token', () => {
    expect(
      plan({
        uri: 'hf://Qwen/Qwen3-8B',
        engine: { args: ['--max-model-len=8192'], env: [TOKEN, { name: 'LOG', value: 'debug' }] },
      }),
    ).toEqual({
      ok: true,
      plan: {
        leader: 'single',
        worker: undefined,
        source: { kind: 'storage', uri: 'hf://Qwen/Qwen3-8B', credentials: [TOKEN] },
        port: 8000,
        servedNames: NAMES,
        extraArgs: [],
      },
    });
  });

  it('no uri: the engine downloads the --model it names, which leaves the args', () => {
    expect(
      plan({ engine: { args: ['--max-model-len=8192', '--model', 'Qwen/Qwen3-8B', '--trust-remote-code'] } }),
    ).toEqual({
      ok: true,
      plan: {
        leader: 'single',
        worker: undefined,
        source: {
          kind: 'engine',
          model: 'Qwen/Qwen3-8B',
          args: ['--max-model-len=8192', '--trust-remote-code'],
        },
        port: 8000,
        servedNames: NAMES,
        extraArgs: [],
      },
    });
  });

  it('no uri and no model anywhere: NoModelSource, naming both places', () => {
    expect(plan({ engine: { args: ['--max-model-len=8192'] } })).toEqual({
      ok: false,
      reason: 'NoModelSource',
      messages: [
        `${ARGS}: names no model and spec.model.uri is not set; set spec.model.uri (e.g. hf://Qwen/Qwen3-8B) or pass --model=<model> to the engine`,
      ],
    });
  });

  it('a uri and a model in the args fight: vLLM would get two', () => {
    expect(plan({ uri: 'hf://Qwen/Qwen3-8B', engine: { args: ['Qwen/Qwen3-8B'] } })).toEqual({
      ok: false,
      reason: 'ConflictingEngineArgs',
      messages: [
        `${ARGS}: names the model "Qwen/Qwen3-8B" but spec.model.uri is set, so KServe serves what its storage initializer downloads to /mnt/models; remove the model from the args, or remove spec.model.uri to let the engine download it`,
      ],
    });
  });

  it('an engine with its own command owns its model source', () => {
    const result = plan({ engine: { command: ['sh', '-c', 'vllm serve Qwen/Qwen3-8B'] } });
    expect(result.ok && result.plan.source).toEqual({ kind: 'custom' });
  });

  it('modelArg: a later --model wins; a leading positional is the model; flags are not', () => {
    expect([
      modelArg(['--model=a', '--model', 'b', '-x']),
      modelArg(['org/m', '--x']),
      modelArg(['--max-model-len', '10']),
      modelArg([]),
    ]).toEqual([
      { model: 'b', rest: ['--model=a', '-x'] },
      { model: 'org/m', rest: ['--x'] },
      undefined,
      undefined,
    ]);
  });
});

describe('enginePlan: the served names', () => {
  it('a model name with a slash is served as is and under publishers/<namespace>/models/<name>', () => {
    expect(plan({ modelName: 'Qwen/Qwen3-8B', engine: { args: ['--model=Qwen/Qwen3-8B'] } })).toEqual({
      ok: true,
      plan: {
        leader: 'single',
        worker: undefined,
        source: { kind: 'engine', model: 'Qwen/Qwen3-8B', args: [] },
        port: 8000,
        servedNames: ['Qwen/Qwen3-8B', 'publishers/ml-team/models/Qwen/Qwen3-8B'],
        extraArgs: [],
      },
    });
  });
});

describe('enginePlan: the pods and the flags KServe’s presets leave out', () => {
  it('one node with data and expert parallelism gets the flags the single-node preset does not pass', () => {
    const result = plan({ uri: 'hf://m/m', topology: { tensor: 2, data: 4, dataLocal: 4, expert: true } });
    expect(result.ok && result.plan.extraArgs).toEqual([
      '--data-parallel-size=4',
      '--data-parallel-size-local=4',
      '--enable-expert-parallel',
    ]);
  });

  it('flags the user already wrote are not repeated', () => {
    const result = plan({
      uri: 'hf://m/m',
      topology: { data: 2, dataLocal: 2, expert: true },
      engine: { args: ['-dp', '2', '--enable-expert-parallel'] },
    });
    expect(result.ok && result.plan.extraArgs).toEqual(['--data-parallel-size-local=2']);
  });

  it('multi-node groups: data parallelism across nodes, else pipeline; the decode engine sits on 8001', () => {
    const pick = (r: EnginePlanResult) =>
      r.ok ? [r.plan.leader, r.plan.worker, r.plan.port, r.plan.extraArgs] : r;
    expect([
      pick(plan({ uri: 'hf://m/m', topology: { data: 16, dataLocal: 8, expert: true } })),
      pick(plan({ uri: 'hf://m/m', topology: { tensor: 8, pipeline: 2 }, role: 'decode' })),
      pick(plan({ uri: 'hf://m/m', topology: { tensor: 8 }, role: 'prefill' })),
    ]).toEqual([
      ['data-leader', 'data-worker', 8000, []],
      ['pipeline-leader', 'pipeline-worker', 8001, []],
      ['single', undefined, 8000, []],
    ]);
  });
});

describe('enginePlan: settings that fight KServe', () => {
  it('names every conflicting flag with its field path', () => {
    expect(
      plan({
        uri: 'hf://m/m',
        topology: { tensor: 8, pipeline: 2 },
        engine: {
          command: ['sh', '-c', 'vllm serve /mnt/models --port=9000'],
          args: ['--served-model-name=Qwen/Qwen3-8B', '--port', '8000', '--node-rank', '1', '--headless'],
        },
      }),
    ).toEqual({
      ok: false,
      reason: 'ConflictingEngineArgs',
      messages: [
        'spec.workers.template.spec.containers[1].command: --port 9000 differs from the port KServe serves the engine on (8000); remove it',
        `${ARGS}: --served-model-name is set by KServe, which serves the model as "qwen" and "publishers/ml-team/models/qwen"; remove it, and set spec.model.name on the ModelDeployment to serve another name`,
        `${ARGS}: --node-rank is set per pod by KServe's preset for this topology; remove it`,
        `${ARGS}: --headless is set per pod by KServe's preset for this topology; remove it`,
      ],
    });
  });

  it('the rendezvous flags are only refused where KServe sets them, on multi-node groups', () => {
    expect(plan({ uri: 'hf://m/m', engine: { args: ['--master-port', '29501'] } }).ok).toBe(true);
  });

  it('Go template text would be evaluated by KServe', () => {
    expect(
      plan({
        uri: 'hf://m/m',
        engine: { args: ['--chat-template={{ messages }}'], env: [{ name: 'X', value: '{{ .Spec }}' }] },
      }),
    ).toEqual({
      ok: false,
      reason: 'ConflictingEngineArgs',
      messages: [
        `${ARGS}: contains "{{", which KServe evaluates as a Go template; remove it`,
        'spec.workers.template.spec.containers[1].env[0].value: contains "{{", which KServe evaluates as a Go template; remove it',
      ],
    });
  });

  it('root under the preset’s runAsNonRoot, inherited from the pod (the schema refuses it on the engine)', () => {
    const root = (r: EnginePlanResult) => (r.ok ? [] : r.messages);
    expect([
      root(plan({ uri: 'hf://m/m', podSecurity: { runAsUser: 0 } })),
      root(plan({ uri: 'hf://m/m', engine: { securityContext: { runAsUser: 0, runAsNonRoot: false } } })),
      root(
        plan({
          uri: 'hf://m/m',
          engine: { securityContext: { runAsUser: 1000 } },
          podSecurity: { runAsUser: 0 },
        }),
      ),
      root(
        plan({
          uri: 'hf://m/m',
          engine: { securityContext: { runAsNonRoot: false } },
          podSecurity: { runAsUser: 0 },
        }),
      ),
    ]).toEqual([
      [
        "spec.workers.template.spec.securityContext.runAsUser: 0 (root) cannot start: KServe's preset sets runAsNonRoot: true on the engine; set a non-zero runAsUser (e.g. 1000), or runAsNonRoot: false on the engine",
      ],
      [],
      [],
      [],
    ]);
  });
});
