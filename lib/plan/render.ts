// The three outputs of `modelplane plan`: `-o table` (for people), `-o json` (SPEC 7's shape, for
// scripts) and `-o yaml` (every composed object as Crossplane would apply it), and the same three
// for `--diff`.

import { stringify } from 'yaml';
import type { JsonObject } from '../runtime/json.js';
import type { ReplicaChange, ReplicaPlace } from './diff.js';
import {
  planJsonText,
  type ClusterJson,
  type PlacementJson,
  type PlanJson,
  type PlanView,
  type TaintJson,
} from './model.js';
import { table } from './table.js';

export type OutputFormat = 'table' | 'json' | 'yaml';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

export function renderPlan(plan: PlanView, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return planJsonText(plan.json);
    case 'yaml':
      return yamlDocuments(plan.json.resources);
    case 'table':
      return planTable(plan.json);
  }
}

export function renderDiff(changes: readonly ReplicaChange[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ changes }, null, 2)}\n`;
    case 'yaml':
      return stringify({ changes }, { lineWidth: 0 });
    case 'table':
      return diffTable(changes);
  }
}

/** Multi-document YAML that `kubectl apply -f -` accepts. */
export function yamlDocuments(objects: readonly JsonObject[]): string {
  return objects.map((o) => `---\n${stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('');
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function poolsText(pools: Readonly<Record<string, string>>): string {
  if (pools.unified !== undefined && Object.keys(pools).length === 1) return pools.unified;
  return Object.keys(pools)
    .sort()
    .map((role) => `${role}=${pools[role] ?? ''}`)
    .join(',');
}

function taintText(t: TaintJson): string {
  return `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`;
}

/**
 * The table, from the `-o json` data alone: whatever the table shows, a script reading the JSON
 * can see too (tests/plan-json.test.ts renders every example both ways).
 */
export function planTable(json: PlanJson): string {
  const sections: string[] = [];
  if (json.deployments.length > 0) {
    sections.push(
      table(
        ['DEPLOYMENT', 'DESIRED', 'SCHEDULED', 'READY', 'GPUS'],
        json.deployments.map((d) => [
          `${d.namespace}/${d.name}`,
          `${d.replicas}`,
          `${d.scheduled}`,
          `${d.ready}`,
          `${d.gpus}`,
        ]),
      ),
    );
  }
  const replicaRows = [
    ...json.deployments.flatMap((d) =>
      d.placements.map((p): [PlacementJson, string] => [p, `${d.namespace}/${d.name}`]),
    ),
    ...json.replicasWithoutDeployment.map((r): [PlacementJson, string] => [
      r,
      `${r.namespace}/${r.deployment} (not in the input)`,
    ]),
  ];
  if (replicaRows.length > 0) {
    sections.push(
      table(
        ['REPLICA', 'DEPLOYMENT', 'CLUSTER', 'INDEX', 'POOLS', 'GPUS', 'NODES', 'READY'],
        replicaRows.map(([r, deployment]) => [
          r.replica,
          deployment,
          r.cluster,
          `${r.index}`,
          poolsText(r.pools),
          `${r.gpus}`,
          `${r.nodes}`,
          yesNo(r.ready),
        ]),
      ),
    );
  }
  const unschedulable = json.deployments.filter((d) => d.unschedulable !== null);
  if (unschedulable.length > 0) {
    sections.push(
      table(
        ['UNSCHEDULABLE', 'REPLICAS', 'WHY'],
        unschedulable.map((d) => [
          `${d.namespace}/${d.name}`,
          `${d.replicas - d.scheduled}`,
          d.unschedulable ?? '',
        ]),
      ),
    );
  }
  if (json.clusters.length > 0) sections.push(clusterTable(json.clusters));
  if (json.services.length > 0) {
    const rows: string[][] = [];
    for (const s of json.services) {
      const name = `${s.namespace}/${s.name}`;
      const address = s.address ?? '-';
      if (s.backends.length === 0) rows.push([name, address, '-', '-']);
      s.backends.forEach((b, i) => {
        rows.push(i === 0 ? [name, address, b.endpoint, `${b.weight}`] : ['', '', b.endpoint, `${b.weight}`]);
      });
    }
    sections.push(table(['SERVICE', 'ADDRESS', 'BACKEND', 'WEIGHT'], rows));
  }
  const schedulingReasons = new Set(unschedulable.map((d) => `ModelDeployment/${d.namespace}/${d.name}`));
  const notReady = json.notReady.flatMap((x) =>
    x.conditions
      .filter((c) => !(schedulingReasons.has(x.object) && c.type === 'Scheduled'))
      .map((c, i) => [i === 0 ? x.object : '', `${c.type}=${c.status}`, c.reason, c.message]),
  );
  if (notReady.length > 0) sections.push(table(['NOT READY', 'CONDITION', 'REASON', 'MESSAGE'], notReady));
  if (json.notPlanned.length > 0) {
    sections.push(
      table(
        ['NOT PLANNED', 'WHY'],
        json.notPlanned.map((c) => [c.object, c.why]),
      ),
    );
  }
  const planned = json.deployments.length + json.clusters.length + json.services.length > 0;
  if (!planned) {
    sections.unshift(
      'Nothing to plan: the input has no InferenceClusters, ModelDeployments or ModelServices.',
    );
  }
  const notes = [
    ...json.assumptions.map((a) => `* ${a}.`),
    ...(planned
      ? [
          `Converged in ${plural(json.rounds, 'round')}, with every provider and remote workload simulated as Ready.`,
        ]
      : []),
  ];
  return `${[...sections, ...(notes.length > 0 ? [notes.join('\n')] : [])].join('\n\n')}\n`;
}

function clusterTable(clusters: readonly ClusterJson[]): string {
  const rows: string[][] = [];
  for (const c of clusters) {
    const gateway = c.gateway === null ? '-' : `${c.gateway.address}${c.gateway.assumed ? '*' : ''}`;
    const head = [c.name, c.source, yesNo(c.ready), gateway, c.taints.map(taintText).join(',') || '-'];
    const blank = head.map(() => '');
    if (c.pools.length === 0) rows.push([...head, '-', '-', '-', '-']);
    c.pools.forEach((p, i) => {
      rows.push([...(i === 0 ? head : blank), p.name, `${p.gpus}`, `${p.allocatedGpus}`, `${p.freeGpus}`]);
    });
  }
  return table(
    ['CLUSTER', 'SOURCE', 'READY', 'GATEWAY', 'TAINTS', 'POOL', 'GPUS', 'ALLOCATED', 'FREE'],
    rows,
  );
}

function placeText(p: ReplicaPlace | null): string {
  return p === null ? '-' : `${p.replica} on ${p.cluster}/${poolsText(p.pools)}`;
}

function diffTable(changes: readonly ReplicaChange[]): string {
  if (changes.length === 0) return 'No changes: every ModelReplica in the input stays where it is.\n';
  const count = (kind: ReplicaChange['change']) => changes.filter((c) => c.change === kind).length;
  const rows = changes.map((c) => [
    c.change,
    `${c.namespace}/${c.deployment}`,
    placeText(c.from),
    placeText(c.to),
  ]);
  const summary = `${count('added')} added, ${count('moved')} moved, ${count('removed')} removed.`;
  return `${table(['CHANGE', 'DEPLOYMENT', 'FROM', 'TO'], rows)}\n\n${summary}\n`;
}
