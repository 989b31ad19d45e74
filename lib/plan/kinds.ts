// The kinds `modelplane plan` reads, with the checks the API server would make on each.
//
// - The six modelplane kinds: the XRD's OpenAPI schema (imported from apis/schema, so the CLI bundle
//   needs no YAML at run time) plus what Crossplane adds to every XR's CRD (spec.crossplane and
//   status.conditions), and the zod type the kind's function parses with (it mirrors the XRD's CEL
//   rules).
// - Companion kinds that belong in a fleet folder so that it applies as is: a Namespace, the fleet
//   Gateway (used by the plan: ModelServices take their address from it), a KEDA ScaledObject and
//   an Argo CD Application (checked, listed, not planned: they act at run time).
// - Any other kind outside modelplane.ai (a Secret, a ConfigMap, an Argo CD AppProject): the plan
//   does not model it, so it is listed as not planned, after the metadata checks every object gets.
//   A fleet folder applies as is with `kubectl apply`, and the plan previews the same folder.
// An unknown kind within modelplane.ai is an error: it is a typo or a version this CLI does not
// know, and a plan that skipped it would preview something other than what would run.

import type { z } from 'zod';
import { XRDS } from '../../apis/schema/kinds.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelEndpoint,
  modelReplica,
  modelService,
} from '../apis/index.js';
import { isObject } from '../runtime/json.js';
import type { Schema } from './schema.js';

export type Scope = 'Namespaced' | 'Cluster';
/** A kind the plan does not model has no known scope. */
export type KindScope = Scope | 'Unknown';

export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  readonly scope: KindScope;
  /** The whole object's structural schema; metadata is checked by metadata.ts. */
  readonly schema: Schema;
  /** The zod type of a modelplane kind (its function parses with it). */
  readonly zod?: z.ZodType;
  /** Planned (a modelplane kind or the fleet Gateway) or only listed. */
  readonly planned: boolean;
  /** False for kinds the plan does not model at all: they stay out of the simulated world. */
  readonly modelled: boolean;
}

const preserve: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function root(spec: Schema, status: Schema, required: readonly string[]): Schema {
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: preserve,
      spec,
      status,
    },
    required,
  };
}

/** What Crossplane's generated CRD adds to an XR's schema (what `kubectl get -o yaml` shows). */
function crossplaneAdditions(xrdSchema: Schema): Schema {
  const props = isObject(xrdSchema.properties) ? xrdSchema.properties : {};
  const spec = isObject(props.spec) ? props.spec : { type: 'object' };
  const status = isObject(props.status) ? props.status : { type: 'object' };
  const specProps = isObject(spec.properties) ? spec.properties : {};
  const statusProps = isObject(status.properties) ? status.properties : {};
  return root(
    { ...spec, properties: { ...specProps, crossplane: preserve } },
    {
      ...status,
      properties: {
        ...statusProps,
        conditions: { type: 'array', items: preserve },
        crossplane: preserve,
      },
    },
    Array.isArray(xrdSchema.required) ? (xrdSchema.required as string[]) : [],
  );
}

interface XrdShape {
  spec: {
    names: { kind: string };
    scope: Scope;
    group: string;
    versions: { name: string; schema: { openAPIV3Schema: Schema } }[];
  };
}

function fromXrd(xrd: Schema, zod: z.ZodType): KindInfo {
  const { spec } = xrd as unknown as XrdShape;
  const version = spec.versions[0];
  if (version === undefined) throw new Error(`XRD ${spec.names.kind} has no version`);
  return {
    apiVersion: `${spec.group}/${version.name}`,
    kind: spec.names.kind,
    scope: spec.scope,
    schema: crossplaneAdditions(version.schema.openAPIV3Schema),
    zod,
    planned: true,
    modelled: true,
  };
}

export const MODELPLANE_KINDS: readonly KindInfo[] = [
  fromXrd(XRDS.inferenceClass, inferenceClass),
  fromXrd(XRDS.inferenceCluster, inferenceCluster),
  fromXrd(XRDS.modelDeployment, modelDeployment),
  fromXrd(XRDS.modelReplica, modelReplica),
  fromXrd(XRDS.modelEndpoint, modelEndpoint),
  fromXrd(XRDS.modelService, modelService),
];

export const COMPANION_KINDS: readonly KindInfo[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    scope: 'Cluster',
    schema: root(preserve, preserve, []),
    planned: false,
    modelled: true,
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    scope: 'Namespaced',
    schema: root(
      {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: {
          gatewayClassName: { type: 'string', minLength: 1 },
          listeners: { type: 'array', minItems: 1, items: preserve },
        },
        required: ['gatewayClassName', 'listeners'],
      },
      preserve,
      ['spec'],
    ),
    planned: true,
    modelled: true,
  },
  {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    scope: 'Namespaced',
    schema: root(
      {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: {
          scaleTargetRef: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { name: { type: 'string', minLength: 1 } },
            required: ['name'],
          },
          minReplicaCount: { type: 'integer', minimum: 0 },
          maxReplicaCount: { type: 'integer', minimum: 0 },
        },
        required: ['scaleTargetRef'],
      },
      preserve,
      ['spec'],
    ),
    planned: false,
    modelled: true,
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    scope: 'Namespaced',
    schema: root(preserve, preserve, ['spec']),
    planned: false,
    modelled: true,
  },
];

const ALL = [...MODELPLANE_KINDS, ...COMPANION_KINDS];

export type KindLookup =
  { readonly found: true; readonly info: KindInfo } | { readonly found: false; readonly problem: string };

/** The kind of an object by apiVersion and kind, or a sentence saying what the plan reads instead. */
export function lookupKind(apiVersion: string, kind: string): KindLookup {
  const info = ALL.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (info !== undefined) return { found: true, info };
  const sameKind = ALL.find((k) => k.kind === kind && group(k.apiVersion) === group(apiVersion));
  if (sameKind !== undefined) {
    return {
      found: false,
      problem: `unknown apiVersion ${JSON.stringify(apiVersion)} for ${kind}: use ${sameKind.apiVersion}`,
    };
  }
  if (group(apiVersion) === MODELPLANE_GROUP) {
    return {
      found: false,
      problem:
        `unknown kind ${JSON.stringify(`${apiVersion}, Kind=${kind}`)}: modelplane.ai/v1alpha1 has ` +
        MODELPLANE_KINDS.map((k) => k.kind).join(', '),
    };
  }
  return { found: true, info: notModelled(apiVersion, kind) };
}

const MODELPLANE_GROUP = 'modelplane.ai';

/** A kind the plan does not model: its scope is unknown, so its namespace stays as written. */
function notModelled(apiVersion: string, kind: string): KindInfo {
  return {
    apiVersion,
    kind,
    scope: 'Unknown',
    // Any fields: only metadata is checked (by metadata.ts), as every API server does.
    schema: { ...root(preserve, preserve, []), 'x-kubernetes-preserve-unknown-fields': true },
    planned: false,
    modelled: false,
  };
}

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
