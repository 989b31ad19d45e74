import { describe, expect, it } from 'vitest';
import { serveCommand, serveScript, shellQuote, type ServeKind } from './serve-command.js';

const P = { tensor: '8', pipeline: '2', data: '16', dataLocal: '8', expert: '--enable-expert-parallel' };
const NAMES = ['qwen', 'publishers/ml-team/models/qwen'] as const;
const TLS =
  '{{ if .GlobalConfig.EnableTLS }}--enable-ssl-refresh --ssl-certfile /var/run/kserve/tls/tls.crt ' +
  '--ssl-keyfile /var/run/kserve/tls/tls.key{{ end }}';
const RESOLVE = [
  'for i in $(seq 1 30); do',
  '  ADDR=$(getent hosts "$LWS_LEADER_ADDRESS" | cut -d" " -f1)',
  '  [ -n "$ADDR" ] && break',
  '  sleep 1',
  'done',
  'ADDR=${ADDR:-$LWS_LEADER_ADDRESS}',
];

function script(kind: ServeKind, port = 8000): string {
  return serveScript({ kind, model: "'Qwen/Qwen3-8B'", servedNames: NAMES, port, parallelism: P });
}

describe('serveScript', () => {
  it('one node: the model, the names KServe routes on, its port, the tensor size and TLS, then "$@"', () => {
    expect(script('single')).toBe(
      "exec vllm serve 'Qwen/Qwen3-8B' --served-model-name qwen publishers/ml-team/models/qwen " +
        `--port 8000 --tensor-parallel-size 8 ${TLS} "$@"`,
    );
  });

  it('behind the decode routing sidecar the engine listens on 8001', () => {
    expect(script('single', 8001)).toContain(' --port 8001 ');
  });

  it('data-parallel groups resolve the leader and give each node its first rank; workers run headless', () => {
    const common =
      "exec vllm serve 'Qwen/Qwen3-8B' --served-model-name qwen publishers/ml-team/models/qwen --port 8000 " +
      '--enable-expert-parallel --tensor-parallel-size 8 --data-parallel-size 16 --data-parallel-size-local 8 ' +
      '--data-parallel-address "$ADDR" --data-parallel-rpc-port 5555';
    expect([script('data-leader'), script('data-worker')]).toEqual([
      [...RESOLVE, `${common} --data-parallel-start-rank 0 ${TLS} "$@"`].join('\n'),
      [
        ...RESOLVE,
        `${common} --data-parallel-start-rank $(( \${LWS_WORKER_INDEX:-0} * 8 )) --headless ${TLS} "$@"`,
      ].join('\n'),
    ]);
  });

  it('pipeline-parallel groups use vLLM’s multi-node launcher: one node per stage, ranked by LWS', () => {
    const common =
      "exec vllm serve 'Qwen/Qwen3-8B' --served-model-name qwen publishers/ml-team/models/qwen --port 8000 " +
      '--enable-expert-parallel --tensor-parallel-size 8 --pipeline-parallel-size 2 --nnodes 2 ' +
      '--node-rank "${LWS_WORKER_INDEX:-0}" --master-addr "$ADDR"';
    expect([script('pipeline-leader'), script('pipeline-worker')]).toEqual([
      [...RESOLVE, `${common} ${TLS} "$@"`].join('\n'),
      [...RESOLVE, `${common} --headless ${TLS} "$@"`].join('\n'),
    ]);
  });

  it('leaves out an empty expert flag', () => {
    expect(
      serveScript({
        kind: 'single',
        model: '/mnt/models',
        servedNames: NAMES,
        port: 8000,
        parallelism: { ...P, tensor: '1', expert: '' },
      }),
    ).toBe(
      `exec vllm serve /mnt/models --served-model-name qwen publishers/ml-team/models/qwen --port 8000 --tensor-parallel-size 1 ${TLS} "$@"`,
    );
  });
});

describe('serveCommand and shellQuote', () => {
  it('runs the script the way KServe’s presets do, args following as "$@"', () => {
    expect(serveCommand('exec x "$@"')).toEqual(['/bin/bash', '-c', 'exec x "$@"', '--']);
  });

  it('quotes only what needs quoting, and single quotes safely', () => {
    expect(['Qwen/Qwen3-8B', 's3://bucket/m', "it's a model", 'a b', ''].map(shellQuote)).toEqual([
      'Qwen/Qwen3-8B',
      's3://bucket/m',
      "'it'\\''s a model'",
      "'a b'",
      "''",
    ]);
  });
});
