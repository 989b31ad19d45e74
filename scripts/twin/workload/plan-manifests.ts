// Development aid, not used by the e2e suite: the manifests `modelplane plan -o yaml` would have
// provider-kubernetes apply to workload clusters, so a branch's composed objects can be tried on a
// workload cluster of the twin without the hub:
//
//   modelplane plan examples/quickstart -o yaml | node --import tsx plan-manifests.ts [<provider-config>...] |
//     kubectl --kubeconfig .twin/<cluster>/kubeconfig apply --server-side -f -
//
// Objects that only observe are skipped; with provider-config names, only Objects for those
// clusters are kept. Namespaces come first, as kubectl needs them before what lives in them.

import { parseAllDocuments, stringify } from 'yaml';

interface ObjectMR {
  apiVersion?: string;
  kind?: string;
  spec: {
    managementPolicies?: string[];
    providerConfigRef?: { name: string };
    forProvider: { manifest: { kind: string } };
  };
}

export function planManifests(planYaml: string, only: string[]): { kind: string }[] {
  const out: { kind: string }[] = [];
  for (const doc of parseAllDocuments(planYaml)) {
    const o = doc.toJS() as ObjectMR | null;
    if (o?.kind !== 'Object' || o.apiVersion?.startsWith('kubernetes.m.crossplane.io/') !== true) continue;
    const policies = o.spec.managementPolicies ?? ['*'];
    if (!policies.includes('*') && !policies.includes('Create')) continue;
    if (only.length > 0 && !only.includes(o.spec.providerConfigRef?.name ?? '')) continue;
    out.push(o.spec.forProvider.manifest);
  }
  return out.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
}

if (process.argv[1]?.endsWith('plan-manifests.ts') === true) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (input += chunk));
  process.stdin.on('end', () => {
    const manifests = planManifests(input, process.argv.slice(2));
    process.stdout.write(
      manifests.map((m) => `---\n${stringify(m, { aliasDuplicateObjects: false })}`).join(''),
    );
  });
}
