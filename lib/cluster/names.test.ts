import { describe, expect, it } from 'vitest';
import { shortHash } from '../names.js';
import { cloudName } from './names.js';

describe('cloudName', () => {
  const cases: { name: string; wanted: string; max: number; alphanumeric?: boolean; want: string }[] = [
    { name: 'a name the cloud accepts is kept as it is', wanted: 'gke-east', max: 40, want: 'gke-east' },
    {
      name: 'a name that is too long keeps its start and gains a hash of the whole',
      wanted: 'inference-cluster-in-the-eastern-region-of-the-us',
      max: 40,
      want: `inference-cluster-in-the-eastern-r-${shortHash('inference-cluster-in-the-eastern-region-of-the-us')}`,
    },
    {
      name: 'dots are not allowed, so they become dashes and the hash keeps the name unique',
      wanted: 'gpu.east',
      max: 40,
      want: `gpu-east-${shortHash('gpu.east')}`,
    },
    {
      name: 'a name must start with a letter',
      wanted: '8x-h200',
      max: 40,
      want: `x-h200-${shortHash('8x-h200')}`,
    },
    {
      name: 'alphanumeric names drop dashes',
      wanted: 'gpuh100-spot',
      max: 12,
      alphanumeric: true,
      want: `gpuh100${shortHash('gpuh100-spot')}`,
    },
    {
      name: 'a short alphanumeric name is kept',
      wanted: 'gpuh200',
      max: 12,
      alphanumeric: true,
      want: 'gpuh200',
    },
    {
      name: 'a name with nothing usable still starts with a letter',
      wanted: '1234',
      max: 12,
      alphanumeric: true,
      want: `m${shortHash('1234')}`,
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(cloudName(tc.wanted, tc.max, tc.alphanumeric)).toBe(tc.want);
      expect(tc.want.length).toBeLessThanOrEqual(tc.max);
    });
  }
});
