// DRA device selectors that pin a ResourceClaim to the hardware an InferenceClass describes
// (SPEC 4.1, 4.4 item 3). Attributes and capacities outside the `modelplane.ai` domain are real DRA
// device facts published by the GPU driver, so the claim asks for exactly them:
//   string   device.attributes["gpu.nvidia.com"].architecture == "Hopper"
//   int      device.attributes["gpu.nvidia.com"].pcieGeneration == 5
//   bool     device.attributes["gpu.nvidia.com"].nvlink == true
//   version  device.attributes["gpu.nvidia.com"].cudaComputeCapability.compareTo(semver("9.0.0")) == 0
//   capacity device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("141Gi")) >= 0
// DRA exposes version attributes as semver values and capacities as Quantities, so those compare
// through the Kubernetes CEL libraries rather than as strings. A capacity is a floor (at least what
// the class promises); everything else is an equality. `modelplane.ai/` keys are fleet-scheduling
// facts no device publishes, so they are never pinned.

import { MODELPLANE_DOMAIN, type AttributeValue, type InferenceClassSpec } from '../apis/inference-class.js';
import { compareStrings } from '../runtime/request.js';

/** The API server rejects a DeviceRequest with more selectors than this (resource.k8s.io/v1). */
export const MAX_SELECTORS = 32;

/** A CEL string literal: JSON string syntax is valid CEL string syntax. */
function literal(text: string): string {
  return JSON.stringify(text);
}

function splitKey(key: string): { domain: string; name: string } {
  const slash = key.indexOf('/');
  return { domain: key.slice(0, slash), name: key.slice(slash + 1) };
}

function attributeRef(domain: string, name: string): string {
  return `device.attributes[${literal(domain)}].${name}`;
}

/** The selector pinning one attribute, typed as DRA types it; undefined for an empty value. */
export function attributeExpression(key: string, value: AttributeValue): string | undefined {
  const { domain, name } = splitKey(key);
  const ref = attributeRef(domain, name);
  if (value.string !== undefined) return `${ref} == ${literal(value.string)}`;
  if (value.int !== undefined) return `${ref} == ${value.int}`;
  if (value.bool !== undefined) return `${ref} == ${value.bool}`;
  if (value.version !== undefined) return `${ref}.compareTo(semver(${literal(value.version)})) == 0`;
  return undefined;
}

/** The selector requiring at least `quantity` of one capacity. */
export function capacityExpression(key: string, quantity: string): string {
  const { domain, name } = splitKey(key);
  return `device.capacity[${literal(domain)}].${name}.compareTo(quantity(${literal(quantity)})) >= 0`;
}

function isDeviceFact(key: string): boolean {
  return splitKey(key).domain !== MODELPLANE_DOMAIN;
}

/** Every pinned fact of the class, attributes then capacities, each sorted by key. */
export function pinnedFacts(cls: InferenceClassSpec): string[] {
  const facts: string[] = [];
  for (const key of Object.keys(cls.attributes).filter(isDeviceFact).sort(compareStrings)) {
    const value = cls.attributes[key];
    const expression = value === undefined ? undefined : attributeExpression(key, value);
    if (expression !== undefined) facts.push(expression);
  }
  for (const key of Object.keys(cls.capacity).filter(isDeviceFact).sort(compareStrings)) {
    const value = cls.capacity[key];
    if (value !== undefined) facts.push(capacityExpression(key, value.value));
  }
  return facts;
}

/**
 * The selector expressions for a claim: one per fact, so an allocation failure names the fact that
 * did not match. A class may pin up to 64 facts (32 attributes, 32 capacities) but a request takes
 * at most 32 selectors, so beyond 32 facts consecutive facts are joined with && into equal groups.
 */
export function deviceSelectors(cls: InferenceClassSpec): string[] {
  const facts = pinnedFacts(cls);
  const perSelector = Math.ceil(facts.length / MAX_SELECTORS);
  if (perSelector <= 1) return facts;
  const out: string[] = [];
  for (let i = 0; i < facts.length; i += perSelector) {
    out.push(facts.slice(i, i + perSelector).join(' && '));
  }
  return out;
}
