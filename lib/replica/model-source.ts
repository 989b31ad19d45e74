// Where a replica's engine gets its weights, and the engine arguments that go with it.
//
// - With spec.model.uri, KServe's storage initializer downloads the model into /mnt/models and the
//   preset's command serves it (`vllm serve /mnt/models … "$@"`). A model named in the engine args
//   as well would fight it: vLLM moves `--model X` to the positional slot, and two positionals are
//   an error. For hf:// and s3:// the storage initializer needs the engine's credentials: KServe
//   merges an init container named `storage-initializer` from the pod template into the one it
//   builds (workload_storage.go, attachStorageInitializer → MergeContainerWithPatch), so the
//   credential env of the engine container is passed that way.
// - Without it, the engine downloads the model named in its args (`--model X`, or X as the first
//   argument, vLLM's `vllm serve [model_tag]`). The model comes out of the args and becomes the
//   positional argument of a command modelplane composes (lib/kserve/serve-command.ts); vLLM would
//   otherwise serve its default model.
// - An engine with its own `command` runs that command, as written: it owns its model source.

import type { Container } from '../apis/serving.js';

/** Credential env the storage initializer reads, by URI scheme (huggingface_hub, boto3). */
const STORAGE_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  hf: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_ENDPOINT'],
  s3: [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_DEFAULT_REGION',
    'AWS_REGION',
    'AWS_ENDPOINT_URL',
    'S3_ENDPOINT',
    'S3_USE_HTTPS',
    'S3_VERIFY_SSL',
  ],
};

/** KServe's name for its model-download init container (pkg/constants). */
export const STORAGE_INITIALIZER = 'storage-initializer';

export type ModelSource =
  | {
      /** KServe's storage initializer fetches spec.model.uri; the preset's command serves it. */
      readonly kind: 'storage';
      readonly uri: string;
      /** The engine env the storage initializer must see too (copied as written, secrets stay references). */
      readonly credentials: readonly Record<string, unknown>[];
    }
  | {
      /** The engine fetches `model` itself; `args` are the engine args without it. */
      readonly kind: 'engine';
      readonly model: string;
      readonly args: readonly string[];
    }
  | { /** The user's own command: left as written. */ readonly kind: 'custom' };

export type ModelSourceResult =
  | { readonly ok: true; readonly source: ModelSource }
  | {
      readonly ok: false;
      /** 'conflict': the args name a model KServe would not serve; 'missing': nothing names one. */
      readonly problem: 'conflict' | 'missing';
      readonly message: string;
    };

/** Where `--model` (or the positional model) sits in the args: its value and the args without it. */
export interface ModelArg {
  readonly model: string;
  readonly rest: string[];
}

/** The model named in the engine args, or undefined. A later --model wins, as in argparse. */
export function modelArg(args: readonly string[]): ModelArg | undefined {
  let found: ModelArg | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--model' && i + 1 < args.length) {
      found = { model: args[i + 1] ?? '', rest: [...args.slice(0, i), ...args.slice(i + 2)] };
      i++;
    } else if (arg.startsWith('--model=')) {
      found = { model: arg.slice('--model='.length), rest: [...args.slice(0, i), ...args.slice(i + 1)] };
    }
  }
  if (found !== undefined) return found;
  const first = args[0];
  if (first !== undefined && first !== '' && !first.startsWith('-'))
    return { model: first, rest: args.slice(1) };
  return undefined;
}

function schemeOf(uri: string): string {
  const sep = uri.indexOf('://');
  return sep > 0 ? uri.slice(0, sep) : '';
}

/**
 * The model source of a role's engine. `argsPath` names the engine's args for messages
 * ("spec.workers.template.spec.containers[0].args").
 */
export function modelSource(
  uri: string | undefined,
  engine: Container,
  argsPath: string,
  uriPath: string,
): ModelSourceResult {
  if (engine.command !== undefined && engine.command.length > 0)
    return { ok: true, source: { kind: 'custom' } };
  const args = engine.args ?? [];
  const named = modelArg(args);
  if (uri !== undefined) {
    if (named !== undefined) {
      return {
        ok: false,
        problem: 'conflict',
        message:
          `${argsPath}: names the model ${JSON.stringify(named.model)} but ${uriPath} is set, so KServe ` +
          `serves what its storage initializer downloads to /mnt/models; remove the model from the args, ` +
          `or remove ${uriPath} to let the engine download it`,
      };
    }
    const wanted = STORAGE_CREDENTIALS[schemeOf(uri)] ?? [];
    const credentials = (engine.env ?? [])
      .filter((e) => wanted.includes(e.name))
      .map((e) => structuredClone(e) as Record<string, unknown>);
    return { ok: true, source: { kind: 'storage', uri, credentials } };
  }
  if (named === undefined || named.model === '') {
    return {
      ok: false,
      problem: 'missing',
      message:
        `${argsPath}: names no model and ${uriPath} is not set; set ${uriPath} (e.g. hf://Qwen/Qwen3-8B) ` +
        `or pass --model=<model> to the engine`,
    };
  }
  return { ok: true, source: { kind: 'engine', model: named.model, args: named.rest } };
}
