// Upstream install manifests, adapted only where an in-cluster install differs from processes on
// loopback: webhooks and CRD conversion are reached by URL (https://127.0.0.1:<port>/<path>, with the
// caBundle of the twin's webhook CA) instead of through a Service; helm guard lines around plain
// CRD files are dropped; namespaced objects get the namespace kustomize would give them.
//
//   node --import tsx manifests.ts webhooks [--prefix <p>] <https://127.0.0.1:port> <ca.crt> <manifests.yaml> [json6902-patch.yaml...]
//       every webhook's clientConfig → { url: <base><service.path>, caBundle }; names prefixed as the
//       project's kustomize namePrefix does (LWS: "lws-"); the patches are kustomize's JSON 6902
//       patches of the Mutating/Validating configuration (LWS ships its pod webhooks' objectSelector
//       that way: config/webhook/{mutating,validating}-patch.yaml)
//   node --import tsx manifests.ts conversion <https://127.0.0.1:port> <ca.crt> <conversion-patch.yaml...>
//       for each kustomize patch that sets a CRD's spec.conversion (KServe's
//       config/crd/full/llmisvc/*_conversion_webhook_patch.yaml), one line `<crd-name> <merge patch>`
//       whose Webhook clientConfig is { url: <base><service.path>, caBundle } (the CRDs themselves
//       are applied as shipped: megabytes of YAML are not worth parsing here)
//   node --import tsx manifests.ts namespace <namespace> <file...>   metadata.namespace on every object
//   node --import tsx manifests.ts plain <file...>                   helm guard lines dropped

import { readFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';

export type Manifest = Record<string, unknown> & {
  kind?: string;
  metadata: { name: string; namespace?: string; creationTimestamp?: unknown };
  spec?: Record<string, unknown>;
  webhooks?: { clientConfig?: { url?: string; service?: { path?: string }; caBundle?: string } }[];
};
interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}
interface Conversion {
  strategy: string;
  webhook?: { clientConfig: { url?: string; service?: { path?: string }; caBundle?: string } };
}

/** The objects of a YAML file; a helm chart that ships plain files wraps them in `{{ if }}`/`{{ end }}` lines only. */
export function objectsOf(text: string, file = 'input'): unknown[] {
  const plain = text
    .split('\n')
    .filter((line) => !/^\{\{-?\s*(if|end)\b.*\}\}\s*$/.test(line))
    .join('\n');
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(plain)) {
    const error = doc.errors[0];
    if (error !== undefined) throw new Error(`${file}: ${error.message}`);
    const obj: unknown = doc.toJS();
    if (obj !== null && typeof obj === 'object') out.push(obj);
  }
  return out;
}

const read = (file: string) => objectsOf(readFileSync(file, 'utf8'), file);

/** The JSON 6902 ops kustomize's webhook patches use: add/replace at a path. */
function applyPatch(obj: unknown, ops: PatchOp[]): void {
  for (const op of ops) {
    if (op.op !== 'replace' && op.op !== 'add') throw new Error(`unsupported patch op ${op.op}`);
    const keys = op.path.split('/').slice(1);
    const last = keys.pop() ?? '';
    let parent = obj as Record<string, unknown>;
    for (const k of keys) parent = parent[k] as Record<string, unknown>;
    if (Array.isArray(parent) && op.op === 'add')
      parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
    else parent[last] = op.value;
  }
}

export function webhooks(
  prefix: string,
  base: string,
  caBundle: string,
  manifests: Manifest[],
  patches: { kind: string; ops: PatchOp[] }[],
): Manifest[] {
  for (const patch of patches) {
    const target = manifests.find((o) => o.kind === patch.kind);
    if (target === undefined) throw new Error(`no ${patch.kind} to patch`);
    applyPatch(target, patch.ops);
  }
  return manifests.map((o) => {
    const metadata = { ...o.metadata };
    delete metadata.creationTimestamp;
    return {
      ...o,
      metadata: { ...metadata, name: `${prefix}${o.metadata.name}` },
      webhooks: (o.webhooks ?? []).map((hook) => ({
        ...hook,
        clientConfig: { url: `${base}${hook.clientConfig?.service?.path ?? '/'}`, caBundle },
      })),
    };
  });
}

/** The JSON merge patch, per CRD name, that sets the conversion a kustomize patch declares. */
export function conversion(
  base: string,
  caBundle: string,
  patches: Manifest[],
): { crd: string; patch: unknown }[] {
  return patches
    .filter((o) => o.kind === 'CustomResourceDefinition' && o.spec?.conversion !== undefined)
    .map((o) => {
      const conv = structuredClone(o.spec?.conversion) as Conversion;
      if (conv.strategy === 'Webhook' && conv.webhook !== undefined) {
        const path = conv.webhook.clientConfig.service?.path ?? '/convert';
        conv.webhook.clientConfig = { url: `${base}${path}`, caBundle };
      }
      return { crd: o.metadata.name, patch: { spec: { conversion: conv } } };
    });
}

export function toYaml(objects: unknown[]): string {
  return objects.map((o) => `---\n${stringify(o, { aliasDuplicateObjects: false, lineWidth: 0 })}`).join('');
}

function main(argv: string[]): string {
  const [command = '', ...args] = argv;
  const ca = (file: string | undefined) => readFileSync(file ?? '').toString('base64');
  switch (command) {
    case 'webhooks': {
      const prefix = args[0] === '--prefix' ? (args.splice(0, 2)[1] ?? '') : '';
      const [base = '', caFile, manifest = '', ...patchFiles] = args;
      const patches = patchFiles.map((f) => ({
        kind: /validating/.test(f) ? 'ValidatingWebhookConfiguration' : 'MutatingWebhookConfiguration',
        ops: read(f).flat() as PatchOp[],
      }));
      return toYaml(webhooks(prefix, base, ca(caFile), read(manifest) as Manifest[], patches));
    }
    case 'conversion': {
      const [base = '', caFile, ...files] = args;
      return conversion(base, ca(caFile), files.flatMap(read) as Manifest[])
        .map(({ crd, patch }) => `${crd} ${JSON.stringify(patch)}\n`)
        .join('');
    }
    case 'namespace': {
      const [namespace = '', ...files] = args;
      return toYaml(
        (files.flatMap(read) as Manifest[]).map((o) => ({ ...o, metadata: { ...o.metadata, namespace } })),
      );
    }
    case 'plain':
      return toYaml(args.flatMap(read));
    default:
      console.error('usage: manifests.ts webhooks|conversion|namespace|plain ... (see the header)');
      process.exit(2);
  }
}

if (process.argv[1]?.endsWith('manifests.ts') === true) {
  try {
    process.stdout.write(main(process.argv.slice(2)));
  } catch (err) {
    console.error(`manifests: ${(err as Error).message}`);
    process.exit(1);
  }
}
