import { describe, expect, it } from 'vitest';
import { replicaName } from '../names.js';
import { claimTemplateKey, claimTemplateName, KEY_NAMESPACE, KEY_SERVICE, objectName } from './keys.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('replica object names', () => {
  it('read as the replica plus what the object is, the claim template with the hash of its spec', () => {
    expect([
      objectName('qwen-5ab63', KEY_SERVICE),
      objectName('qwen-5ab63', claimTemplateKey('prefill', '1a2b3')),
      claimTemplateName('qwen-5ab63', 'decode', '1a2b3'),
    ]).toEqual([
      'qwen-5ab63-llm-inference-service',
      'qwen-5ab63-claim-template-prefill-1a2b3',
      'qwen-5ab63-decode-1a2b3',
    ]);
  });

  it('stay distinct DNS labels of at most 63 characters for the longest replica names', () => {
    const longest = replicaName('ml-team', 'a'.repeat(80), 'gke-east', 0);
    expect(longest.length).toBe(63);
    const names = [
      objectName(longest, KEY_NAMESPACE),
      objectName(longest, KEY_SERVICE),
      ...(['unified', 'decode', 'prefill'] as const).flatMap((role) =>
        ['00000', 'fffff'].flatMap((hash) => [
          objectName(longest, claimTemplateKey(role, hash)),
          claimTemplateName(longest, role, hash),
        ]),
      ),
    ];
    expect(names.every((n) => n.length <= 63 && DNS_LABEL.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
