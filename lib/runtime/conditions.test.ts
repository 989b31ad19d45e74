import { describe, expect, it } from 'vitest';
import {
  conditionFalse,
  conditionTrue,
  conditionUnknown,
  fatal,
  findCondition,
  isConditionTrue,
  normal,
  warning,
} from './conditions.js';

describe('condition and result builders', () => {
  it('build plain values, with a message only when given', () => {
    expect([
      conditionTrue('Scheduled', 'AllReplicasScheduled', 'Scheduled 2 of 2 replicas on 2 clusters'),
      conditionFalse('Scheduled', 'NoClusters'),
      conditionUnknown('RoutingReady', 'Pending', 'waiting for the route'),
      normal('Scheduled replica qwen-1 on a', 'ReplicaScheduled'),
      warning('bad'),
      fatal('cannot compose X: y', 'Internal'),
    ]).toEqual([
      {
        type: 'Scheduled',
        status: 'True',
        reason: 'AllReplicasScheduled',
        message: 'Scheduled 2 of 2 replicas on 2 clusters',
      },
      { type: 'Scheduled', status: 'False', reason: 'NoClusters' },
      { type: 'RoutingReady', status: 'Unknown', reason: 'Pending', message: 'waiting for the route' },
      { severity: 'Normal', message: 'Scheduled replica qwen-1 on a', reason: 'ReplicaScheduled' },
      { severity: 'Warning', message: 'bad' },
      { severity: 'Fatal', message: 'cannot compose X: y', reason: 'Internal' },
    ]);
  });
});

describe('findCondition', () => {
  const obj = {
    status: {
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        {
          type: 'Ready',
          status: 'False',
          reason: 'Creating',
          message: 'Unready resources: x',
          lastTransitionTime: 't',
        },
        'garbage',
        { type: 'Serving' },
      ],
    },
  };
  it('finds a condition by type and keeps type, status, reason and message', () => {
    expect(findCondition(obj, 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'Creating',
      message: 'Unready resources: x',
    });
  });
  it('ignores malformed entries and missing statuses', () => {
    expect([
      findCondition(obj, 'Serving'),
      findCondition({}, 'Ready'),
      findCondition(undefined, 'Ready'),
      findCondition({ status: { conditions: 'x' } }, 'Ready'),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('tells whether a condition is True', () => {
    expect([isConditionTrue(obj, 'Synced'), isConditionTrue(obj), isConditionTrue({})]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
