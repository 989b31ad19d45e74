// Engine settings that fight what KServe's presets (or modelplane's composed command) set on the
// engine, refused before anything is deployed, each with the field path that holds it:
// - `--served-model-name`: the preset serves "<model.name>" and "publishers/<namespace>/models/
//   <model.name>", the names KServe routes on; the engine's args come after and vLLM keeps the last.
// - `--port` other than the role's (8000; 8001 behind the decode routing sidecar): KServe's Service,
//   probes and sidecar use that port.
// - `--headless` and the multi-node rendezvous flags (`--nnodes`, `--node-rank`, `--master-addr`,
//   `--master-port`, `--data-parallel-address`, `--data-parallel-rpc-port`,
//   `--data-parallel-start-rank`, `--data-parallel-rank`): they differ per pod and are set per pod;
//   one value in the shared args would give every node the same rank.
// - `{{` anywhere in the command, args or env values: KServe renders the merged spec as a Go
//   template (config_merge.go, ReplaceVariables), so the text would be evaluated, not passed.
// - a securityContext that runs as root: the presets set runAsNonRoot: true on the engine, so the
//   kubelet refuses `runAsUser: 0` (CreateContainerConfigError) unless runAsNonRoot is set to false.
// The model arguments are checked by model-source.ts.

import { ENGINE_CONTAINER, type Container, type Workers } from '../apis/serving.js';
import { isObject } from '../runtime/json.js';
import { normalizeFlag } from './engine-args.js';

const ALWAYS_OWNED = ['--served-model-name', '--headless'];
const MULTI_NODE_OWNED = [
  '--nnodes',
  '--node-rank',
  '--master-addr',
  '--master-port',
  '--data-parallel-address',
  '--data-parallel-rpc-port',
  '--data-parallel-start-rank',
  '--data-parallel-rank',
];

export interface EngineLocation {
  readonly container: Container;
  /** "spec.workers.template.spec.containers[0]" */
  readonly path: string;
}

/** The engine container and its field path inside the role's workers. */
export function engineLocation(workers: Workers, workersPath: string): EngineLocation {
  const containers = workers.template.spec.containers;
  const index = containers.findIndex((c) => c.name === ENGINE_CONTAINER);
  const container = containers[index];
  // The XR schema and zod both require exactly one engine container; reaching this is a bug.
  if (container === undefined) throw new Error(`the pod template has no container named ${ENGINE_CONTAINER}`);
  return { container, path: `${workersPath}.template.spec.containers[${index}]` };
}

function words(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((t) => t.split(/\s+/)).filter((w) => w !== '');
}

/** The value following or attached to `flag` at `words[i]`, if any. */
function valueAt(list: readonly string[], i: number): string | undefined {
  const word = list[i] ?? '';
  const eq = word.indexOf('=');
  return eq > 0 ? word.slice(eq + 1) : list[i + 1];
}

function flagProblems(
  list: readonly string[] | undefined,
  field: string,
  owned: readonly string[],
  port: number,
  servedAs: string,
): string[] {
  const out: string[] = [];
  const ws = words(list);
  for (let i = 0; i < ws.length; i++) {
    const word = ws[i] ?? '';
    const written = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    const flag = normalizeFlag(written);
    if (flag === '--port') {
      const value = valueAt(ws, i);
      if (value !== String(port)) {
        const shown = value === undefined ? written : `${written} ${value}`;
        out.push(`${field}: ${shown} differs from the port KServe serves the engine on (${port}); remove it`);
      }
    } else if (flag === '--served-model-name') {
      out.push(
        `${field}: ${written} is set by KServe, which serves the model as ${servedAs}; remove it, and set spec.model.name on the ModelDeployment to serve another name`,
      );
    } else if (owned.includes(flag)) {
      out.push(`${field}: ${written} is set per pod by KServe's preset for this topology; remove it`);
    }
  }
  return out;
}

function templateProblems(c: Container, path: string): string[] {
  const out: string[] = [];
  const scan = (values: readonly string[] | undefined, field: string) => {
    if ((values ?? []).some((v) => v.includes('{{'))) {
      out.push(`${field}: contains "{{", which KServe evaluates as a Go template; remove it`);
    }
  };
  scan(c.command, `${path}.command`);
  scan(c.args, `${path}.args`);
  (c.env ?? []).forEach((e, i) => {
    scan(e.value === undefined ? [] : [e.value], `${path}.env[${i}].value`);
  });
  return out;
}

function numberField(obj: unknown, key: string): number | undefined {
  if (!isObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'number' ? value : undefined;
}

function boolField(obj: unknown, key: string): boolean | undefined {
  if (!isObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** Root under the preset's runAsNonRoot: the container's runAsUser, else the pod's. */
function rootProblems(workers: Workers, engine: EngineLocation, workersPath: string): string[] {
  const container = (engine.container as Record<string, unknown>).securityContext;
  const pod = (workers.template.spec as Record<string, unknown>).securityContext;
  const nonRoot = boolField(container, 'runAsNonRoot') ?? true;
  if (!nonRoot) return [];
  const own = numberField(container, 'runAsUser');
  const inherited = numberField(pod, 'runAsUser');
  const user = own ?? inherited;
  if (user !== 0) return [];
  const field =
    own !== undefined
      ? `${engine.path}.securityContext.runAsUser`
      : `${workersPath}.template.spec.securityContext.runAsUser`;
  return [
    `${field}: 0 (root) cannot start: KServe's preset sets runAsNonRoot: true on the engine; ` +
      'set a non-zero runAsUser (e.g. 1000), or runAsNonRoot: false on the engine',
  ];
}

export interface ConflictContext {
  readonly workers: Workers;
  readonly workersPath: string;
  /** The port the role's engine must listen on. */
  readonly port: number;
  /** Whether one worker spans several nodes (a LeaderWorkerSet group). */
  readonly multiNode: boolean;
  /** '"qwen" and "publishers/ml-team/models/qwen"', for the --served-model-name message. */
  readonly servedAs: string;
}

/** One message per setting of the engine that fights KServe, each starting with its field path. */
export function engineConflicts(ctx: ConflictContext): string[] {
  const engine = engineLocation(ctx.workers, ctx.workersPath);
  const owned = [...ALWAYS_OWNED, ...(ctx.multiNode ? MULTI_NODE_OWNED : [])];
  const c = engine.container;
  return [
    ...flagProblems(c.command, `${engine.path}.command`, owned, ctx.port, ctx.servedAs),
    ...flagProblems(c.args, `${engine.path}.args`, owned, ctx.port, ctx.servedAs),
    ...templateProblems(c, engine.path),
    ...rootProblems(ctx.workers, engine, ctx.workersPath),
  ];
}
