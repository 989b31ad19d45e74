import { describe, expect, it } from 'vitest';
import { childName, endpointKey, replicaKey, replicaName, shortHash, truncateName } from './names.js';

describe('names', () => {
  it('names a replica after its deployment plus a hash of namespace, deployment, cluster and index', () => {
    expect([
      replicaName('ml-team', 'qwen', 'gke-east', 0),
      replicaName('ml-team', 'qwen', 'gke-east', 1),
      replicaName('other-team', 'qwen', 'gke-east', 0),
    ]).toEqual([
      `qwen-${shortHash('ml-team/qwen/gke-east/0')}`,
      `qwen-${shortHash('ml-team/qwen/gke-east/1')}`,
      `qwen-${shortHash('other-team/qwen/gke-east/0')}`,
    ]);
    expect(
      new Set([
        replicaName('ml-team', 'qwen', 'gke-east', 0),
        replicaName('other-team', 'qwen', 'gke-east', 0),
      ]).size,
    ).toBe(2);
  });

  it('truncates long deployment names to 57 characters without a trailing dash', () => {
    const long = `${'a'.repeat(56)}-bbbbbbbb`;
    const name = replicaName('ns', long, 'c', 0);
    expect({ name, length: name.length }).toEqual({
      name: `${'a'.repeat(56)}-${shortHash(`ns/${long}/c/0`)}`,
      length: 62,
    });
  });

  it('hashes with sha256 (known vector)', () => {
    expect(shortHash('abc', 8)).toBe('ba7816bf');
  });

  it('makes desired-resource keys that read well in render output', () => {
    expect([replicaKey('gke-east', 2), endpointKey('gke-east', 2)]).toEqual([
      'replica-gke-east-2',
      'endpoint-gke-east-2',
    ]);
  });

  it('keeps child names within a DNS label, hashing only when it must', () => {
    const long = childName('x'.repeat(60), 'gateway');
    expect([childName('qwen-1', 'llmisvc'), long, long.length]).toEqual([
      'qwen-1-llmisvc',
      `${'x'.repeat(57)}-${shortHash(`${'x'.repeat(60)}-gateway`)}`,
      63,
    ]);
  });

  it('truncates and trims dashes', () => {
    expect([truncateName('abc--def', 5), truncateName('abc', 10)]).toEqual(['abc', 'abc']);
  });
});
