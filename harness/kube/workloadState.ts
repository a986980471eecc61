// Pure readers of workload state from raw API objects (as lists and watches deliver them): is a
// Deployment available, is a pod ready, how many ready addresses a Service has. Kept free of I/O so
// the rules (which are easy to get subtly wrong) are unit-tested.

import type { KubernetesObject } from "@kubernetes/client-node";

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

type Raw = KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

export interface DeploymentState {
  name: string;
  available: boolean;
  /** "2/2 ready, 2 updated, Available=True" */
  detail: string;
}

/** Available means: the rollout for the current generation is complete and every wanted replica is ready. */
export function deploymentState(object: KubernetesObject): DeploymentState {
  const deployment = object as Raw;
  const name = deployment.metadata?.name ?? "?";
  const wanted = numberOr(deployment.spec?.replicas, 1);
  const status = deployment.status ?? {};
  const ready = numberOr(status.readyReplicas, 0);
  const updated = numberOr(status.updatedReplicas, 0);
  const total = numberOr(status.replicas, 0);
  const observed = numberOr(status.observedGeneration, 0);
  const generation = numberOr(deployment.metadata?.generation, 0);
  const availableCondition = conditions(status).find((c) => c.type === "Available");
  const available =
    observed >= generation && availableCondition?.status === "True" && ready >= wanted && updated >= wanted && total === wanted;
  const detail = `${ready}/${wanted} ready, ${updated} updated, ${total} total, Available=${availableCondition?.status ?? "unknown"}`;
  return { name, available, detail };
}

export interface PodState {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** e.g. "CrashLoopBackOff" when a container is waiting for that reason. */
  waitingReason?: string;
  nodeName?: string;
  deleting: boolean;
}

export function podState(object: KubernetesObject): PodState {
  const pod = object as Raw;
  const status = pod.status ?? {};
  const readyCondition = conditions(status).find((c) => c.type === "Ready");
  const containers = Array.isArray(status.containerStatuses) ? (status.containerStatuses as Array<Record<string, unknown>>) : [];
  const restarts = containers.reduce((sum, container) => sum + numberOr(container.restartCount, 0), 0);
  const waiting = containers
    .map((container) => (container.state as { waiting?: { reason?: string } } | undefined)?.waiting?.reason)
    .find((reason): reason is string => typeof reason === "string");
  const state: PodState = {
    name: pod.metadata?.name ?? "?",
    phase: typeof status.phase === "string" ? status.phase : "Unknown",
    ready: readyCondition?.status === "True",
    restarts,
    deleting: pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null,
  };
  if (waiting) state.waitingReason = waiting;
  if (typeof pod.spec?.nodeName === "string") state.nodeName = pod.spec.nodeName;
  return state;
}

/** "3 pods: 2 Running/ready, 1 Pending" — for messages. */
export function summarizePods(pods: PodState[]): string {
  if (pods.length === 0) return "no pods";
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const label = `${pod.phase}${pod.ready ? "/ready" : "/unready"}${pod.waitingReason ? `/${pod.waitingReason}` : ""}${pod.deleting ? "/deleting" : ""}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts.entries()].map(([label, count]) => `${count} ${label}`);
  return `${pods.length} pod${pods.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/**
 * Ready addresses across a Service's EndpointSlices. Per discovery/v1, a missing `ready` condition
 * means ready; terminating endpoints are not counted even if still serving.
 */
export function readyEndpointAddresses(slices: KubernetesObject[]): string[] {
  const addresses = new Set<string>();
  for (const slice of slices) {
    const endpoints = (slice as { endpoints?: Array<{ addresses?: string[]; conditions?: { ready?: boolean; terminating?: boolean } }> }).endpoints;
    for (const endpoint of endpoints ?? []) {
      const ready = endpoint.conditions?.ready ?? true;
      const terminating = endpoint.conditions?.terminating ?? false;
      if (ready && !terminating) for (const address of endpoint.addresses ?? []) addresses.add(address);
    }
  }
  return [...addresses].sort();
}

function conditions(status: Record<string, unknown>): Condition[] {
  return Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
