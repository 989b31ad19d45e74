// The real bundle, `node dist/modelplane.js`, as a user runs it: what it prints on stdout and
// stderr and its exit status, for a plan, for every kind of bad input, and for bad usage. Never a
// stack trace.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../tests/support/golden.js';
import { repoRoot } from '../tests/support/paths.js';
import { PLAN_HELP } from './help.js';
import { run } from './run.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const bundle = join(repoRoot, 'dist', 'modelplane.js');
const PACKAGE = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

function modelplane(args: readonly string[], cwd = repoRoot, stdin = ''): Run {
  const r = spawnSync(process.execPath, [bundle, ...args], { cwd, encoding: 'utf8', input: stdin });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with the given files, to run the CLI in. */
function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const CLASS = `apiVersion: modelplane.ai/v1alpha1
kind: InferenceClass
metadata:
  name: l4
spec:
  resources:
    gpu: {count: 1, memory: 24Gi}
`;

describe('modelplane plan', () => {
  it('plans the bundled example fleet when given no files, and says so on stderr', () => {
    expect(modelplane(['plan'])).toEqual({
      code: 0,
      stdout: readFileSync(join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.txt'), 'utf8'),
      stderr:
        'Planning the bundled example fleet (examples/quickstart); pass files or folders to plan your own.\n',
    });
  });

  it('plans a folder as -o json, with nothing on stderr', () => {
    expect(modelplane(['plan', 'examples/quickstart', '-o', 'json'])).toEqual({
      code: 0,
      stdout: readFileSync(join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.json'), 'utf8'),
      stderr: '',
    });
  });

  it('prints warnings from the functions on stderr; an unschedulable replica makes the exit status 3', () => {
    const r = modelplane(['plan', 'examples/multi-region']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 3,
      stderr:
        "warning: ModelDeployment/ml-team/llama-eu: 1 of 3 replicas cannot be scheduled: 0/3 clusters available: 2 didn't match clusterSelector, 1 insufficient capacity (pool l4: needs 1 node with 1 free GPU, has 0)\n",
    });
  });

  it('prints only the moved replica with --diff', () => {
    expect(modelplane(['plan', 'examples/drain', '--diff'])).toEqual({
      code: 0,
      stdout: readFileSync(join(repoRoot, 'examples', 'drain', 'expected', 'diff.txt'), 'utf8'),
      stderr: '',
    });
  });

  it('prints every composed object as YAML documents with -o yaml', () => {
    const r = modelplane(['plan', 'examples/quickstart', '-o', 'yaml']);
    const kinds = r.stdout.split('\n').filter((l) => l.startsWith('kind: '));
    expect({ code: r.code, first: r.stdout.split('\n')[0], documents: kinds.length }).toEqual({
      code: 0,
      first: '---',
      documents: (
        JSON.parse(
          readFileSync(join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.json'), 'utf8'),
        ) as { resources: unknown[] }
      ).resources.length,
    });
  });
});

/** stdout, stderr and the exit status in one file, so a golden holds the whole answer. */
function transcript(r: Run): string {
  return `${r.stdout}--- stderr\n${r.stderr}--- exit status ${r.code}\n`;
}

const wouldNotServe = 'tests/plan-fixtures/would-not-serve';

describe('exit status: 0 everything would serve, 3 the plan completed but something would not serve', () => {
  const cases: { name: string; code: number }[] = [
    { name: 'serves', code: 0 },
    { name: 'invalid-selector', code: 3 },
    { name: 'unmatched-cluster-selector', code: 3 },
    { name: 'no-capacity', code: 3 },
    { name: 'topology-mismatch', code: 3 },
    { name: 'no-model-source', code: 3 },
    { name: 'no-ready-endpoints', code: 3 },
    { name: 'not-ready-cluster', code: 3 },
  ];
  for (const c of cases) {
    it(`${c.name}: exit status ${c.code}, with its whole output checked in`, () => {
      const r = modelplane(['plan', `${wouldNotServe}/platform.yaml`, `${wouldNotServe}/${c.name}.yaml`]);
      expect(r.code).toBe(c.code);
      expectGolden(join(repoRoot, wouldNotServe, 'expected', `${c.name}.txt`), transcript(r));
    });
  }

  it('gates a --diff the same way', () => {
    const r = modelplane([
      'plan',
      '--diff',
      `${wouldNotServe}/platform.yaml`,
      `${wouldNotServe}/no-capacity.yaml`,
    ]);
    expect(r.code).toBe(3);
  });
});

describe('input as kubectl takes it', () => {
  const quickstart = ['platform.yaml', 'ml-team.yaml'].map((f) =>
    readFileSync(join(repoRoot, 'examples', 'quickstart', f), 'utf8'),
  );
  const quickstartTable = readFileSync(
    join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.txt'),
    'utf8',
  );

  it('reads standard input for the file -, alone (kubectl kustomize … | modelplane plan -)', () => {
    expect(modelplane(['plan', '-'], repoRoot, quickstart.join('---\n'))).toEqual({
      code: 0,
      stdout: quickstartTable,
      stderr: '',
    });
  });

  it('reads standard input next to files', () => {
    expect(modelplane(['plan', 'examples/quickstart/platform.yaml', '-'], repoRoot, quickstart[1])).toEqual({
      code: 0,
      stdout: quickstartTable,
      stderr: '',
    });
  });

  it('takes -o=json as -o json', () => {
    expect(modelplane(['plan', 'examples/quickstart', '-o=json'])).toEqual({
      code: 0,
      stdout: readFileSync(join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.json'), 'utf8'),
      stderr: '',
    });
  });

  it('lists kinds it does not model (Secret, ConfigMap, AppProject) as not planned, and merges the same Namespace from two folders', () => {
    const r = modelplane(['plan', 'examples/quickstart', 'tests/plan-fixtures/not-planned']);
    expect(r.code).toBe(0);
    expectGolden(join(repoRoot, 'tests', 'plan-fixtures', 'not-planned', 'expected.txt'), transcript(r));
  });

  it('shows the replicas, and the capacity they hold, of ModelDeployments that are not in the input', () => {
    const r = modelplane([
      'plan',
      'examples/drain/platform.yaml',
      'examples/drain/running.yaml',
      '-o',
      'json',
    ]);
    const plan = JSON.parse(r.stdout) as {
      replicasWithoutDeployment: unknown[];
      clusters: { pools: unknown }[];
    };
    expect({
      code: r.code,
      replicas: plan.replicasWithoutDeployment,
      pools: plan.clusters.map((c) => c.pools),
    }).toEqual({
      code: 0,
      replicas: [
        ['evals', 'evals-52709', 'gke-us-east'],
        ['evals', 'evals-9adb6', 'gke-us-west'],
        ['qwen3-8b', 'qwen3-8b-5ae4e', 'gke-us-east'],
        ['qwen3-8b', 'qwen3-8b-e3894', 'gke-us-west'],
      ].map(([deployment, replica, cluster]) => ({
        replica,
        cluster,
        index: 0,
        pools: { unified: 'l4' },
        gpus: 1,
        nodes: 1,
        ready: true,
        namespace: 'ml-team',
        deployment,
      })),
      pools: [
        [{ name: 'l4', gpus: 3, allocatedGpus: 2, freeGpus: 1 }],
        [{ name: 'l4', gpus: 3, allocatedGpus: 2, freeGpus: 1 }],
      ],
    });
  });
});

describe('bad input: one line per problem, "file:object: field path: problem", exit 1', () => {
  const cases: {
    name: string;
    files: Record<string, string>;
    args: string[];
    stdin?: string;
    stderr: string;
  }[] = [
    {
      name: 'a file that does not exist',
      files: {},
      args: ['missing.yaml'],
      stderr: 'missing.yaml: cannot read: no such file or directory\n',
    },
    {
      name: 'a folder without YAML files',
      files: { 'notes.md': '# notes\n' },
      args: ['.'],
      stderr: '.: no .yaml or .yml files in this folder\n',
    },
    {
      name: 'invalid YAML',
      files: { 'fleet.yaml': `${CLASS}---\nkind: [InferenceClass\n` },
      args: ['fleet.yaml'],
      stderr:
        'fleet.yaml:document 2: invalid YAML at line 10, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    },
    {
      name: 'an unknown kind within modelplane.ai',
      files: {
        'fleet.yaml':
          'apiVersion: modelplane.ai/v1alpha1\nkind: ModelDeploy\nmetadata: {name: qwen, namespace: shop}\n',
      },
      args: ['fleet.yaml'],
      stderr:
        'fleet.yaml:ModelDeploy/shop/qwen: unknown kind "modelplane.ai/v1alpha1, Kind=ModelDeploy": modelplane.ai/v1alpha1 has InferenceClass, InferenceCluster, ModelDeployment, ModelReplica, ModelEndpoint, ModelService\n',
    },
    {
      name: 'the same object twice, differently',
      files: {
        'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ml-team}\n',
        'b.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ml-team, labels: {team: ml}}\n',
      },
      args: ['a.yaml', 'b.yaml'],
      stderr: 'b.yaml:Namespace/ml-team: defined twice, differently: also in a.yaml (document 1)\n',
    },
    {
      name: 'invalid YAML on standard input',
      files: {},
      args: ['-'],
      stdin: 'kind: [InferenceClass\n',
      stderr:
        '<stdin>:document 1: invalid YAML at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    },
    {
      name: 'an object the XRD schema refuses',
      files: {
        'fleet.yaml': `${CLASS}---
apiVersion: modelplane.ai/v1alpha1
kind: InferenceCluster
metadata: {name: gke-east}
spec:
  source: GCP
  nodePool:
    - {name: l4, class: l4}
`,
      },
      args: ['fleet.yaml'],
      stderr: [
        'fleet.yaml:InferenceCluster/gke-east: spec.nodePool: unknown field (did you mean "nodePools"?)',
        'fleet.yaml:InferenceCluster/gke-east: spec.nodePools: Required value',
        'fleet.yaml:InferenceCluster/gke-east: spec.source: Unsupported value: "GCP": supported values: "GKE", "EKS", "AKS", "Existing"',
        '',
      ].join('\n'),
    },
    {
      name: 'an object that breaks an admission rule (XRD CEL, mirrored in zod)',
      files: {
        'md.yaml': `apiVersion: modelplane.ai/v1alpha1
kind: ModelDeployment
metadata: {name: qwen, namespace: ml-team}
spec:
  workers:
    topology: {data: 3, dataLocal: 2}
    resources: {}
    template: {spec: {containers: [{name: engine, image: vllm/vllm-openai:v0.11.0}]}}
`,
      },
      args: ['md.yaml'],
      stderr:
        'md.yaml:ModelDeployment/ml-team/qwen: spec.workers.topology.data: must be a multiple of dataLocal (3 % 2 != 0)\n',
    },
    {
      name: 'problems in several files, in file order',
      files: {
        'b.yaml': 'apiVersion: modelplane.ai/v1alpha1\nkind: InferenceClass\nmetadata: {name: x}\nspec: {}\n',
        'a.yaml': 'apiVersion: modelplane.ai/v1alpha1\nkind: ModelService\nmetadata: {name: c}\nspec: {}\n',
      },
      args: ['b.yaml', 'a.yaml'],
      stderr: [
        'a.yaml:ModelService/default/c: spec.endpoints: Required value',
        'b.yaml:InferenceClass/x: spec.resources: Required value',
        '',
      ].join('\n'),
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      expect(modelplane(['plan', ...c.args], workdir(c.files), c.stdin)).toEqual({
        code: 1,
        stdout: '',
        stderr: c.stderr,
      });
    });
  }
});

describe('usage', () => {
  const usage = (message: string) => ({
    code: 2,
    stdout: '',
    stderr: `modelplane: ${message}\nRun 'modelplane plan --help' for usage.\n`,
  });
  const cases: { name: string; args: string[]; want: Run }[] = [
    {
      name: 'an unknown command',
      args: ['apply'],
      want: usage('unknown command "apply": the command is plan'),
    },
    { name: 'an unknown flag', args: ['plan', '--frobnicate'], want: usage("Unknown option '--frobnicate'") },
    {
      name: 'an unknown output format',
      args: ['plan', '-o', 'xml'],
      want: usage('unknown output format "xml": use table, json, yaml'),
    },
    {
      name: 'a missing flag value',
      args: ['plan', '-o'],
      want: usage("Option '-o, --output <value>' argument missing"),
    },
    { name: 'plan --help', args: ['plan', '--help'], want: { code: 0, stdout: PLAN_HELP, stderr: '' } },
    {
      name: '--version',
      args: ['--version'],
      want: { code: 0, stdout: `modelplane ${PACKAGE.version}\n`, stderr: '' },
    },
    {
      name: 'plan --version',
      args: ['plan', '--version'],
      want: { code: 0, stdout: `modelplane ${PACKAGE.version}\n`, stderr: '' },
    },
    {
      name: 'standard input twice',
      args: ['plan', '-', '-'],
      want: usage('standard input (-) can be read only once'),
    },
  ];
  for (const c of cases) {
    it(`answers ${c.name}`, () => {
      expect(modelplane(c.args)).toEqual(c.want);
    });
  }

  it('runs through the bin shim that npm links as `modelplane`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelplane-bin-'));
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'modelplane.js'), 'plan', '--help'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: PLAN_HELP,
      stderr: '',
    });
  });
});

describe('internal errors', () => {
  it('are one line on stderr and exit status 2, never a stack trace', () => {
    let stderr = '';
    const code = run(['plan', join(repoRoot, 'examples', 'quickstart')], {
      stdout: () => {
        throw new Error('cannot write: disk full\n    at write (fs.js:1:1)');
      },
      stderr: (text) => (stderr += text),
      stdin: () => '',
    });
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: 'modelplane: internal error: cannot write: disk full\n',
    });
  });
});
