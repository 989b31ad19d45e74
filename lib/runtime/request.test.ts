import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import {
  compareStrings,
  itemsOf,
  namespacedName,
  observedComposed,
  observedComposite,
  requiredResources,
} from './request.js';

const obj = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'X',
  metadata: { namespace, name },
});

describe('requiredResources', () => {
  const req = RunFunctionRequest.fromPartial({
    requiredResources: {
      none: { items: [] },
      some: {
        items: [{ resource: obj('b', 'x') }, { resource: obj('a', 'z') }, { resource: obj('a', 'y') }],
      },
    },
  });

  it('tells "not fetched yet", "fetched, none" and "present" apart', () => {
    expect([requiredResources(req, 'missing'), requiredResources(req, 'none')]).toEqual([
      { kind: 'unresolved' },
      { kind: 'absent' },
    ]);
  });

  it('returns present items sorted by namespace, then name, whatever order they arrived in', () => {
    expect(requiredResources(req, 'some')).toEqual({
      kind: 'present',
      items: [obj('a', 'y'), obj('a', 'z'), obj('b', 'x')],
    });
  });

  it('orders by namespace before name, even when one namespace prefixes another', () => {
    const r = requiredResources(
      RunFunctionRequest.fromPartial({
        requiredResources: {
          x: {
            items: [{ resource: obj('ab', 'a') }, { resource: obj('a', 'z') }, { resource: obj('a', 'b') }],
          },
        },
      }),
      'x',
    );
    expect(itemsOf(r)).toEqual([obj('a', 'b'), obj('a', 'z'), obj('ab', 'a')]);
  });

  it('has no items unless present', () => {
    expect([itemsOf({ kind: 'unresolved' }), itemsOf({ kind: 'absent' })]).toEqual([[], []]);
  });
});

describe('observed state', () => {
  const req = RunFunctionRequest.fromPartial({
    observed: {
      composite: { resource: obj('ml', 'qwen') },
      resources: { b: { resource: obj('ml', 'b') }, a: { resource: obj('ml', 'a') } },
    },
  });
  it('reads the XR and the composed resources by key', () => {
    expect({ xr: observedComposite(req), composed: observedComposed(req) }).toEqual({
      xr: obj('ml', 'qwen'),
      composed: { a: obj('ml', 'a'), b: obj('ml', 'b') },
    });
  });
  it('has no XR when the request carries none', () => {
    expect(observedComposite(RunFunctionRequest.fromPartial({}))).toBeUndefined();
  });
});

describe('names and ordering', () => {
  it('reads namespace and name, empty when missing', () => {
    expect([
      namespacedName(obj('a', 'b')),
      namespacedName({ metadata: { name: 'c' } }),
      namespacedName(42),
    ]).toEqual([
      { namespace: 'a', name: 'b' },
      { namespace: '', name: 'c' },
      { namespace: '', name: '' },
    ]);
  });
  it('orders strings by code point, not locale', () => {
    expect(['b', 'B', 'a', 'é'].sort(compareStrings)).toEqual(['B', 'a', 'b', 'é']);
  });
});
