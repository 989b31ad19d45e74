// Upstream install manifests adapted for processes on loopback (scripts/twin/workload/manifests.ts):
// webhooks and CRD conversion by URL with the twin's CA bundle, everything else untouched.

import { describe, expect, it } from 'vitest';
import { conversion, objectsOf, webhooks, type Manifest } from '../../scripts/twin/workload/manifests.js';

const lwsWebhooks = `
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: mutating-webhook-configuration
  creationTimestamp: null
webhooks:
- clientConfig: { service: { name: webhook-service, namespace: system, path: /mutate-lws } }
  name: mleaderworkerset.kb.io
- clientConfig: { service: { name: webhook-service, namespace: system, path: /mutate--v1-pod } }
  name: mpod.kb.io
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: validating-webhook-configuration }
webhooks:
- clientConfig: { service: { name: webhook-service, namespace: system, path: /validate-lws } }
  name: vleaderworkerset.kb.io
`;

describe('webhooks reached by URL', () => {
  it('points every webhook at the loopback server with the CA bundle, prefixes names, applies kustomize patches', () => {
    const patch = {
      kind: 'MutatingWebhookConfiguration',
      ops: [
        {
          op: 'replace',
          path: '/webhooks/1',
          value: {
            clientConfig: {
              service: { name: 'webhook-service', namespace: 'system', path: '/mutate--v1-pod' },
            },
            name: 'mpod.kb.io',
            objectSelector: {
              matchExpressions: [{ key: 'leaderworkerset.sigs.k8s.io/name', operator: 'Exists' }],
            },
          },
        },
      ],
    };
    const out = webhooks('lws-', 'https://127.0.0.1:30108', 'Q0E=', objectsOf(lwsWebhooks) as Manifest[], [
      patch,
    ]);
    expect(out).toEqual([
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        metadata: { name: 'lws-mutating-webhook-configuration' },
        webhooks: [
          {
            clientConfig: { url: 'https://127.0.0.1:30108/mutate-lws', caBundle: 'Q0E=' },
            name: 'mleaderworkerset.kb.io',
          },
          {
            clientConfig: { url: 'https://127.0.0.1:30108/mutate--v1-pod', caBundle: 'Q0E=' },
            name: 'mpod.kb.io',
            objectSelector: {
              matchExpressions: [{ key: 'leaderworkerset.sigs.k8s.io/name', operator: 'Exists' }],
            },
          },
        ],
      },
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'lws-validating-webhook-configuration' },
        webhooks: [
          {
            clientConfig: { url: 'https://127.0.0.1:30108/validate-lws', caBundle: 'Q0E=' },
            name: 'vleaderworkerset.kb.io',
          },
        ],
      },
    ]);
  });
});

describe('CRD conversion reached by URL', () => {
  it("turns kustomize's conversion patch into a merge patch whose webhook is on loopback", () => {
    const patch = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'llminferenceservices.serving.kserve.io' },
      spec: {
        conversion: {
          strategy: 'Webhook',
          webhook: {
            clientConfig: {
              service: {
                name: 'llmisvc-webhook-server-service',
                namespace: 'kserve',
                path: '/convert',
                port: 443,
              },
            },
            conversionReviewVersions: ['v1', 'v1beta1'],
          },
        },
      },
    };
    const kustomization = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      metadata: { name: 'k' },
    };
    expect(conversion('https://127.0.0.1:30107', 'Q0E=', [patch, kustomization] as Manifest[])).toEqual([
      {
        crd: 'llminferenceservices.serving.kserve.io',
        patch: {
          spec: {
            conversion: {
              strategy: 'Webhook',
              webhook: {
                clientConfig: { url: 'https://127.0.0.1:30107/convert', caBundle: 'Q0E=' },
                conversionReviewVersions: ['v1', 'v1beta1'],
              },
            },
          },
        },
      },
    ]);
  });
});

describe('helm-wrapped plain files', () => {
  it('drops only the guard lines around a chart file', () => {
    const text =
      "{{- if .Values.crds.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: { x: '{{ not-a-guard }}' }\n{{- end }}\n";
    expect(objectsOf(text)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a', annotations: { x: '{{ not-a-guard }}' } },
      },
    ]);
  });
});
