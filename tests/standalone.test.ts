// The repository needs nothing beside it: no file reads the folder a CI setup once placed next to
// the clone, and the upstream CRDs the tests validate against come from pinned Go modules
// (tools/crds/go.mod, go.sum) through scripts/fetch-crds.mjs into .crds/.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOf } from './support/code-of.js';
import { repoRoot, requireUpstreamCrds } from './support/paths.js';
import { KINDS_WITHOUT_SCHEMA } from './support/validate.js';

/** The sibling folder, spelled so that this file does not mention it. */
const SIBLING = '..' + '/shared';
// "../shared" in a path string, or a path built from the pieces '..' and 'shared'.
const READS_SIBLING = /\.\.[/\\]shared\b|['"`]\.\.['"`]\s*,\s*['"`]shared['"`]/;

function trackedFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\0').filter((f) => f !== '' && existsSync(join(repoRoot, f)));
}

describe('the repository stands alone', () => {
  it('the guard sees a sibling-folder read in code and ignores one in a comment', () => {
    const samples: [string, string][] = [
      ['a.ts', `const dir = resolve(root, '${SIBLING}/crds');`],
      ['b.ts', `const dir = join(root, ${["'..'", "'shared'"].join(', ')}, 'crds');`],
      ['c.sh', `[[ -d ${SIBLING}/crds ]] || exit 1`],
      ['d.md', `Run:\n\n\`\`\`sh\nls ${SIBLING}\n\`\`\`\n`],
      ['e.ts', `// once read from ${SIBLING}/crds\nconst x = 1; /* ${SIBLING} */`],
      ['f.sh', `# CI used to need ${SIBLING}\necho ok`],
      ['g.md', `The folder ${SIBLING} is no longer needed.\n`],
      ['h.go', `// ${SIBLING}\npackage main`],
    ];
    expect(samples.map(([file, text]) => READS_SIBLING.test(codeOf(file, text)))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it(`no file reads ${SIBLING} (comments aside)`, () => {
    const offenders = trackedFiles().filter((file) => {
      const bytes = readFileSync(join(repoRoot, file));
      if (bytes.includes(0)) return false; // binary
      const text = bytes.toString('utf8');
      return READS_SIBLING.test(text) && READS_SIBLING.test(codeOf(file, text));
    });
    expect(offenders).toEqual([]);
  });

  it('.crds/ holds every file tools/crds/sources.json copies, each from a module go.mod pins and go.sum hashes', () => {
    const crds = requireUpstreamCrds();
    const sources = JSON.parse(readFileSync(join(repoRoot, 'tools', 'crds', 'sources.json'), 'utf8')) as {
      copied: { folder: string; module: string; files: string[] }[];
    };
    const goMod = readFileSync(join(repoRoot, 'tools', 'crds', 'go.mod'), 'utf8');
    const goSum = readFileSync(join(repoRoot, 'tools', 'crds', 'go.sum'), 'utf8');
    const problems: string[] = [];
    for (const s of sources.copied) {
      const version = new RegExp(`^\\s+${s.module.replace(/[.]/g, '\\.')} (v\\S+)$`, 'm').exec(goMod)?.[1];
      if (version === undefined) problems.push(`${s.module}: not required by go.mod`);
      else if (!goSum.includes(`${s.module} ${version} h1:`))
        problems.push(`${s.module}@${version}: no go.sum hash`);
      for (const f of s.files)
        if (!existsSync(join(crds, s.folder, f))) problems.push(`${s.folder}/${f}: missing`);
    }
    expect(problems).toEqual([]);
  });

  it('the kinds validated without a schema are exactly the Upbound providers’ (not served here), and .crds/ has the CRDs of every other group', () => {
    const crds = requireUpstreamCrds();
    // Each file holds one CRD, as upstream writes them: its group is the first `  group:` line.
    const groups = new Set<string>();
    for (const folder of readdirSync(crds, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(crds, folder.name)).filter((f) => f.endsWith('.yaml'))) {
        const group = /^ {2}group: (\S+)$/m.exec(readFileSync(join(crds, folder.name, file), 'utf8'))?.[1];
        if (group !== undefined) groups.add(group);
      }
    }
    expect([...KINDS_WITHOUT_SCHEMA].sort()).toEqual([
      'container.gcp.m.upbound.io/v1beta1 Cluster',
      'container.gcp.m.upbound.io/v1beta1 NodePool',
      'containerservice.azure.m.upbound.io/v1beta1 KubernetesCluster',
      'containerservice.azure.m.upbound.io/v1beta1 KubernetesClusterNodePool',
      'eks.aws.m.upbound.io/v1beta1 Cluster',
      'eks.aws.m.upbound.io/v1beta1 ClusterAuth',
      'eks.aws.m.upbound.io/v1beta1 NodeGroup',
    ]);
    expect([...groups].sort()).toEqual([
      'apiextensions.crossplane.io',
      'argoproj.io',
      'gateway.envoyproxy.io',
      'gateway.networking.k8s.io',
      'inference.networking.k8s.io',
      'keda.sh',
      'kubernetes.crossplane.io',
      'kubernetes.m.crossplane.io',
      'kueue.x-k8s.io',
      'leaderworkerset.x-k8s.io',
      'pkg.crossplane.io',
      'protection.crossplane.io',
      'serving.kserve.io',
    ]);
  });
});
