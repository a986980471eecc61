// `podPhaseNotReady:` — the rule behind kube-prometheus KubePodNotReady: a pod (not owned by a Job)
// whose *phase* is Pending, Unknown or Failed, for at least `for` (15m in production).
// It looks at the phase only, so a pod that is Running but never passes its readiness probe —
// the probe-cycle deadlock — never matches: scenarios assert it as a known blind spot, so a report
// reader learns why that alert did not page.

import type { KubernetesObject } from "@kubernetes/client-node";
import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { observeSustained } from "./observeSustained.js";

export interface PodPhaseNotReadyParams {
  selector?: string;
  namespace?: string;
  /** How long a pod must stay in such a phase (default 0s). */
  for?: string;
}

const NOT_READY_PHASES = new Set(["Pending", "Unknown", "Failed"]);

export const podPhaseNotReadyCheck: CheckKind<PodPhaseNotReadyParams> = {
  kind: "podPhaseNotReady",
  summary: "A pod's phase is Pending/Unknown/Failed for at least `for` (watched; KubePodNotReady's rule — blind to Running-but-unready pods).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      selector: { type: "string" },
      namespace: { type: "string" },
      for: { type: "string", pattern: "^\\s*(\\d+(\\.\\d+)?(ms|s|m|h))+\\s*$" },
    },
  },
  describe: (params) => `pods${params.selector ? ` ${params.selector}` : ""} in phase Pending/Unknown/Failed${params.for ? ` for ${params.for}` : ""} (KubePodNotReady rule)`,
  firesAfterMs: (params) => (params.for ? parseDuration(params.for) : 0),
  observe(params, context, emit) {
    const target = { apiVersion: "v1", kind: "Pod", namespace: params.namespace ?? context.namespace, ...(params.selector ? { labelSelector: params.selector } : {}) };
    return observeSustained(context, target, params.for ? parseDuration(params.for) : 0, podsInNotReadyPhase, emit);
  },
};

/** Pod name → phase, for pods the rule counts; exported for tests. */
export function podsInNotReadyPhase(objects: KubernetesObject[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const object of objects) {
    const pod = object as KubernetesObject & { status?: { phase?: string } };
    // The rule joins on kube_pod_owner{owner_kind!="Job"}: Job pods are expected to finish.
    if (pod.metadata?.ownerReferences?.some((owner) => owner.kind === "Job")) continue;
    const phase = pod.status?.phase ?? "Unknown";
    if (NOT_READY_PHASES.has(phase)) result.set(pod.metadata?.name ?? "?", phase);
  }
  return result;
}
