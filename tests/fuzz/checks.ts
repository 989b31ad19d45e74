// What every fuzzed answer must satisfy (issue 12). Each check returns the problem in one line, or
// undefined. Server liveness and "no gRPC error" are checked by the engine around the call.

import {
  RunFunctionRequest,
  Severity,
  Status,
  Target,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';

/** The request the bytes decode to, or undefined when they are not a RunFunctionRequest. */
export function decodeRequest(bytes: Uint8Array): RunFunctionRequest | undefined {
  try {
    return RunFunctionRequest.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A well-formed answer: the tag echoed, TTL 60 s, known enums, an object per desired resource. */
export function wellFormed(
  req: RunFunctionRequest | undefined,
  rsp: RunFunctionResponse,
): string | undefined {
  if (rsp.meta === undefined) return 'response has no meta';
  if (rsp.meta.ttl?.seconds !== 60) return `response TTL is ${JSON.stringify(rsp.meta.ttl)}, want 60 s`;
  if (req === undefined) {
    const [only] = rsp.results;
    if (rsp.results.length !== 1 || only?.severity !== Severity.SEVERITY_FATAL)
      return 'undecodable request not answered with exactly one Fatal result';
    if (!only.message.startsWith('cannot decode RunFunctionRequest: '))
      return `undecodable request answered with "${only.message}"`;
    return undefined;
  }
  if (rsp.meta.tag !== (req.meta?.tag ?? '')) return `tag ${rsp.meta.tag} does not echo ${req.meta?.tag}`;
  for (const r of rsp.results) {
    if (![Severity.SEVERITY_NORMAL, Severity.SEVERITY_WARNING, Severity.SEVERITY_FATAL].includes(r.severity))
      return `result with severity ${r.severity}: ${r.message}`;
    if (r.target === Target.TARGET_UNSPECIFIED) return `result without a target: ${r.message}`;
  }
  for (const c of rsp.conditions) {
    if (
      ![
        Status.STATUS_CONDITION_TRUE,
        Status.STATUS_CONDITION_FALSE,
        Status.STATUS_CONDITION_UNKNOWN,
      ].includes(c.status)
    )
      return `condition ${c.type} with status ${c.status}`;
    if (c.type === '' || c.reason === '') return `condition without a type or reason: ${JSON.stringify(c)}`;
  }
  for (const [key, r] of Object.entries(rsp.desired?.resources ?? {})) {
    if (typeof r.resource !== 'object') return `desired resource ${key} has no object`;
  }
  return undefined;
}

/**
 * Whether the function decided nothing new: requirements not all answered yet, or a user error it
 * reports (a False condition with a Warning of the same reason), or a wait.
 */
export function holds(req: RunFunctionRequest, rsp: RunFunctionResponse): boolean {
  const required = Object.keys(rsp.requirements?.resources ?? {});
  if (required.some((k) => !(k in req.requiredResources))) return true;
  return rsp.conditions.some(
    (c) =>
      c.status === Status.STATUS_CONDITION_FALSE &&
      (c.reason.startsWith('WaitingFor') ||
        rsp.results.some((r) => r.severity === Severity.SEVERITY_WARNING && r.reason === c.reason)),
  );
}

const nameOf = (o: unknown): string => {
  const m =
    typeof o === 'object' && o !== null ? (o as { metadata?: { name?: unknown } }).metadata : undefined;
  return typeof m?.name === 'string' ? m.name : '';
};

/**
 * No child the function composed before (`owned`: the observed keys of the unmutated seed that are
 * still observed) is missing from desired, unless the function decided so: never while it holds;
 * otherwise only a ModelDeployment's replica removed with a "Removed replica <name> on <cluster>:
 * <why>" event whose why holds (the endpoint of a replica goes with it or when the replica is not
 * Ready). A Fatal answer changes nothing in Crossplane, so it passes.
 */
export function keepsChildren(
  fn: string,
  req: RunFunctionRequest,
  rsp: RunFunctionResponse,
  owned: ReadonlySet<string>,
): string | undefined {
  if (rsp.results.some((r) => r.severity === Severity.SEVERITY_FATAL)) return undefined;
  const desired = rsp.desired?.resources ?? {};
  const missing = Object.keys(req.observed?.resources ?? {})
    .filter((k) => owned.has(k) && !(k in desired))
    .sort();
  if (missing.length === 0) return undefined;
  if (holds(req, rsp)) return `holds (${reasons(rsp)}) but drops ${missing.join(', ')}`;
  if (fn !== 'compose-model-deployment') return undefined;
  const problems = missing
    .filter((k) => k.startsWith('replica-'))
    .map((k) => removalProblem(req, rsp, k))
    .filter((p): p is string => p !== undefined);
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** Why the removal of the observed replica under `key` is not a decision the request supports. */
function removalProblem(req: RunFunctionRequest, rsp: RunFunctionResponse, key: string): string | undefined {
  const name = nameOf(req.observed?.resources[key]?.resource);
  const event = rsp.results.find(
    (r) =>
      r.severity === Severity.SEVERITY_NORMAL &&
      name !== '' &&
      r.message.startsWith(`Removed replica ${name} `),
  );
  if (event === undefined) return `drops ${key} without announcing a removal (${reasons(rsp)})`;
  const notFound = / on (\S+): InferenceCluster (\S+) not found$/.exec(event.message);
  if (notFound !== null) {
    const present = (req.requiredResources.clusters?.items ?? []).some(
      (i) => nameOf(i.resource) === notFound[2],
    );
    if (present)
      return `removes ${key} as "InferenceCluster ${notFound[2]} not found", but it is there (invalid?)`;
  }
  if (event.message.endsWith('no longer matches nodeSelector')) {
    const placed = Object.keys(rsp.desired?.resources ?? {}).some((k) => k.startsWith('replica-'));
    if (!placed) return `removes ${key} for a nodeSelector that places no replica anywhere`;
  }
  return undefined;
}
function reasons(rsp: RunFunctionResponse): string {
  return rsp.conditions.map((c) => `${c.type}=${c.reason}`).join(', ');
}
