// Watch-based waits with deadlines, the vocabulary setup steps and tests use. Each resolves with a
// one-line description of what was seen, or rejects with DeadlineExceededError naming the last state.

import type { KubeClients } from "./kubeClients.js";
import { waitForObjects } from "./watchObjects.js";
import { deploymentState, podState, readyEndpointAddresses, summarizePods } from "./workloadState.js";

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export function waitForDeploymentAvailable(clients: KubeClients, namespace: string, name: string, options: WaitOptions): Promise<string> {
  return waitForObjects(
    clients,
    { apiVersion: "apps/v1", kind: "Deployment", namespace, fieldSelector: `metadata.name=${name}` },
    (objects) => {
      const first = objects[0];
      if (!first) return { done: false, detail: `deployment ${namespace}/${name} does not exist` };
      const state = deploymentState(first);
      return { done: state.available, detail: `deployment ${namespace}/${name}: ${state.detail}` };
    },
    { ...options, what: `deployment ${namespace}/${name} available` },
  );
}

/** All pods matching the selector ready (and at least `min` of them, default 1). */
export function waitForPodsReady(
  clients: KubeClients,
  namespace: string,
  labelSelector: string,
  options: WaitOptions & { min?: number },
): Promise<string> {
  const min = options.min ?? 1;
  return waitForObjects(
    clients,
    { apiVersion: "v1", kind: "Pod", namespace, labelSelector },
    (objects) => {
      const pods = objects.map(podState).filter((pod) => !pod.deleting);
      const done = pods.length >= min && pods.every((pod) => pod.ready);
      return { done, detail: `pods ${labelSelector} in ${namespace}: ${summarizePods(pods)}` };
    },
    { ...options, what: `pods ${labelSelector} in ${namespace} ready` },
  );
}

/** Ready endpoint count of a Service satisfies `wanted` ("empty", or at least `min`). */
export function waitForEndpoints(
  clients: KubeClients,
  namespace: string,
  service: string,
  wanted: { empty: true } | { min: number },
  options: WaitOptions,
): Promise<string> {
  const label = "empty" in wanted ? "empty" : `≥ ${wanted.min} ready`;
  return waitForObjects(
    clients,
    { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", namespace, labelSelector: `kubernetes.io/service-name=${service}` },
    (slices) => {
      const addresses = readyEndpointAddresses(slices);
      const done = "empty" in wanted ? addresses.length === 0 : addresses.length >= wanted.min;
      return { done, detail: `service ${namespace}/${service}: ${addresses.length} ready endpoint(s)` };
    },
    { ...options, what: `endpoints of ${namespace}/${service} ${label}` },
  );
}

export function waitForObjectPresence(
  clients: KubeClients,
  target: { apiVersion: string; kind: string; namespace?: string; name: string },
  wanted: "exists" | "absent",
  options: WaitOptions,
): Promise<string> {
  const where = target.namespace ? `${target.namespace}/${target.name}` : target.name;
  return waitForObjects(
    clients,
    { apiVersion: target.apiVersion, kind: target.kind, namespace: target.namespace, fieldSelector: `metadata.name=${target.name}` },
    (objects) => {
      const exists = objects.length > 0;
      return { done: exists === (wanted === "exists"), detail: `${target.kind} ${where} ${exists ? "exists" : "is absent"}` };
    },
    { ...options, what: `${target.kind} ${where} ${wanted}` },
  );
}
