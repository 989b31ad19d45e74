// metadata checks the API server makes on every object (an XRD's schema does not cover metadata):
// a DNS-subdomain name, a DNS-label namespace, label keys and values in Kubernetes' syntax,
// string annotations, and no fields ObjectMeta does not have.

import { isObject } from '../runtime/json.js';
import { unknownField, type SchemaProblem } from './schema.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** ObjectMeta fields; those the plan does not read are accepted as exported from a live cluster. */
const OBJECT_META_FIELDS = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'generateName',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];

export function metadataProblems(metadata: unknown): SchemaProblem[] {
  if (metadata === undefined || metadata === null)
    return [{ path: 'metadata.name', problem: 'Required value' }];
  if (!isObject(metadata)) {
    return [
      { path: 'metadata', problem: `Invalid value: ${JSON.stringify(metadata)}: must be of type object` },
    ];
  }
  const out: SchemaProblem[] = [];
  const name = metadata.name;
  if (name === undefined || name === null || name === '') {
    out.push({ path: 'metadata.name', problem: 'Required value' });
  } else if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    out.push({
      path: 'metadata.name',
      problem: `Invalid value: ${JSON.stringify(name)}: must be a lowercase RFC 1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)`,
    });
  }
  const namespace = metadata.namespace;
  if (
    namespace !== undefined &&
    namespace !== null &&
    (typeof namespace !== 'string' || namespace.length > 63 || !DNS_LABEL.test(namespace))
  ) {
    out.push({
      path: 'metadata.namespace',
      problem: `Invalid value: ${JSON.stringify(namespace)}: must be a lowercase RFC 1123 label (lower-case letters, digits and '-', at most 63 characters)`,
    });
  }
  out.push(...labelProblems(metadata.labels), ...annotationProblems(metadata.annotations));
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META_FIELDS.includes(key)) {
      out.push({ path: `metadata.${key}`, problem: unknownField(key, OBJECT_META_FIELDS) });
    }
  }
  return out;
}

function labelProblems(labels: unknown): SchemaProblem[] {
  if (labels === undefined || labels === null) return [];
  if (!isObject(labels)) {
    return [
      {
        path: 'metadata.labels',
        problem: `Invalid value: ${JSON.stringify(labels)}: must be of type object`,
      },
    ];
  }
  const out: SchemaProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const path = `metadata.labels.${key}`;
    const slash = key.lastIndexOf('/');
    const prefix = slash < 0 ? undefined : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (
      (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) ||
      name.length > 63 ||
      !LABEL_NAME.test(name)
    ) {
      out.push({
        path,
        problem: `Invalid value: ${JSON.stringify(key)}: a label key is an optional DNS-subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      });
    }
    if (typeof value !== 'string') {
      out.push({
        path,
        problem: `Invalid value: ${JSON.stringify(value)}: must be of type string (quote it in YAML)`,
      });
    } else if (value.length > 63 || !LABEL_VALUE.test(value)) {
      out.push({
        path,
        problem: `Invalid value: ${JSON.stringify(value)}: a label value is empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      });
    }
  }
  return out;
}

function annotationProblems(annotations: unknown): SchemaProblem[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isObject(annotations)) {
    return [
      {
        path: 'metadata.annotations',
        problem: `Invalid value: ${JSON.stringify(annotations)}: must be of type object`,
      },
    ];
  }
  return Object.entries(annotations)
    .filter(([, v]) => typeof v !== 'string')
    .map(([key, v]) => ({
      path: `metadata.annotations.${key}`,
      problem: `Invalid value: ${JSON.stringify(v)}: must be of type string (quote it in YAML)`,
    }));
}
