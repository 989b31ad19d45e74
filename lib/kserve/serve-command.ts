// The `vllm serve` command of one pod, as KServe v0.20's LLMInferenceServiceConfig presets start the
// engine (config/llmisvcconfig/config-llm-*.yaml): `bash -c '<script>' -- <args>`, the container's
// args arriving as "$@" after the preset's own flags. Two users share this builder, so they agree
// flag for flag:
// - the pipeline-parallel presets modelplane ships onto every workload cluster (presets.ts), which
//   serve /mnt/models (the storage initializer's download) and read parallelism from KServe's Go
//   templating ({{ .Spec.Parallelism.Tensor }}) because one preset serves every replica;
// - the inline command of a replica without spec.model.uri (lib/replica/pod.ts), where the engine
//   fetches its own model: KServe's preset command would run `vllm serve /mnt/models`, which
//   nothing mounts, and vLLM's positional model wins over --model. Its values are the replica's own.
//
// What every script keeps from KServe's presets: the served model names KServe routes on
// ("<model.name>" and "publishers/<namespace>/models/<model.name>"), the port its Service, probes and
// routing sidecar expect (8000; 8001 behind the decode role's routing sidecar), and the TLS flags
// when KServe's `enableLLMInferenceServiceTLS` is on ({{ .GlobalConfig.EnableTLS }} is rendered by
// KServe's ReplaceVariables, config_merge.go, for the merged spec: ours included). Multi-node pods
// also resolve the LeaderWorkerSet leader's address (LWS_LEADER_ADDRESS, injected by LWS) to an IP
// the way the data-parallel preset does, because ZMQ and torch.distributed bind to IPs.

/** Where KServe's storage initializer puts the model, and what its presets serve. */
export const MOUNTED_MODEL = '/mnt/models';

/** The engine's port: KServe's workload Service and probes use 8000; behind the decode routing sidecar 8001. */
export const ENGINE_PORT = 8000;
export const DECODE_ENGINE_PORT = 8001;
/** The data-parallel RPC port KServe's data-parallel presets use when parallelism.dataRPCPort is unset. */
export const DATA_PARALLEL_RPC_PORT = 5555;

/** TLS flags exactly as KServe's presets pass them when LLMInferenceService TLS is enabled. */
const TLS_FLAGS =
  '{{ if .GlobalConfig.EnableTLS }}--enable-ssl-refresh --ssl-certfile /var/run/kserve/tls/tls.crt ' +
  '--ssl-keyfile /var/run/kserve/tls/tls.key{{ end }}';

/**
 * The pod of a role: one node (a Deployment pod), or the leader or a worker of a multi-node
 * LeaderWorkerSet group spread by data parallelism or pipeline parallelism.
 */
export type ServeKind = 'single' | 'data-leader' | 'data-worker' | 'pipeline-leader' | 'pipeline-worker';

/** Parallelism as shell words: numbers for one replica, KServe template expressions for a preset. */
export interface ServeParallelism {
  readonly tensor: string;
  readonly pipeline: string;
  readonly data: string;
  readonly dataLocal: string;
  /** A shell fragment that is `--enable-expert-parallel` or empty. */
  readonly expert: string;
}

export interface ServeInput {
  readonly kind: ServeKind;
  /** A shell word: MOUNTED_MODEL, or the quoted model the engine downloads. */
  readonly model: string;
  /** The two served names, as shell words. */
  readonly servedNames: readonly [string, string];
  readonly port: number;
  readonly parallelism: ServeParallelism;
}

/** A single-quoted shell word; safe for any text without NUL. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Resolves the LeaderWorkerSet leader to an IP into ADDR, retrying while its DNS record appears. */
const RESOLVE_LEADER = [
  'for i in $(seq 1 30); do',
  '  ADDR=$(getent hosts "$LWS_LEADER_ADDRESS" | cut -d" " -f1)',
  '  [ -n "$ADDR" ] && break',
  '  sleep 1',
  'done',
  'ADDR=${ADDR:-$LWS_LEADER_ADDRESS}',
];

function coordinationFlags(kind: ServeKind, p: ServeParallelism): string[] {
  switch (kind) {
    case 'single':
      return [`--tensor-parallel-size ${p.tensor}`];
    case 'data-leader':
    case 'data-worker':
      return [
        p.expert,
        `--tensor-parallel-size ${p.tensor}`,
        `--data-parallel-size ${p.data}`,
        `--data-parallel-size-local ${p.dataLocal}`,
        '--data-parallel-address "$ADDR"',
        `--data-parallel-rpc-port ${DATA_PARALLEL_RPC_PORT}`,
        kind === 'data-leader'
          ? '--data-parallel-start-rank 0'
          : `--data-parallel-start-rank $(( \${LWS_WORKER_INDEX:-0} * ${p.dataLocal} ))`,
        ...(kind === 'data-worker' ? ['--headless'] : []),
      ];
    case 'pipeline-leader':
    case 'pipeline-worker':
      // vLLM's own multi-node launcher (vLLM ≥ 0.11.1): every node runs `vllm serve` with the
      // same sizes and its rank; the leader serves the API, the others run --headless.
      return [
        p.expert,
        `--tensor-parallel-size ${p.tensor}`,
        `--pipeline-parallel-size ${p.pipeline}`,
        `--nnodes ${p.pipeline}`,
        '--node-rank "${LWS_WORKER_INDEX:-0}"',
        '--master-addr "$ADDR"',
        ...(kind === 'pipeline-worker' ? ['--headless'] : []),
      ];
  }
}

/** The `bash -c` script of one pod; the container's args follow as "$@". */
export function serveScript(input: ServeInput): string {
  const multiNode = input.kind !== 'single';
  const words = [
    'exec vllm serve',
    input.model,
    `--served-model-name ${input.servedNames[0]} ${input.servedNames[1]}`,
    `--port ${input.port}`,
    ...coordinationFlags(input.kind, input.parallelism).filter((f) => f !== ''),
    TLS_FLAGS,
    '"$@"',
  ];
  return [...(multiNode ? RESOLVE_LEADER : []), words.join(' ')].join('\n');
}

/** The container command running `script`: KServe's presets use the same shape. */
export function serveCommand(script: string): string[] {
  return ['/bin/bash', '-c', script, '--'];
}

/** Whether a pod of this kind serves HTTP (headless workers do not, so they carry no probes). */
export function servesHttp(kind: ServeKind): boolean {
  return kind !== 'data-worker' && kind !== 'pipeline-worker';
}
