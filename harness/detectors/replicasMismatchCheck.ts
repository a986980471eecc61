// `replicasMismatch:` — a Deployment has fewer available replicas than it wants, for at least `for`.
// Stands for kube-prometheus KubeDeploymentReplicasMismatch
// (kube_deployment_spec_replicas > kube_deployment_status_replicas_available, for: 15m); its extra
// clause "no rollout progress in 10m" is left out, because a replay scales `for` down to seconds.

import type { KubernetesObject } from "@kubernetes/client-node";
import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { observeSustained } from "./observeSustained.js";

export interface ReplicasMismatchParams {
  /** Deployment names; every Deployment of the namespace when omitted. */
  deployments?: string[];
  namespace?: string;
  /** How long the mismatch must last (default 0s: at once). */
  for?: string;
}

export const replicasMismatchCheck: CheckKind<ReplicasMismatchParams> = {
  kind: "replicasMismatch",
  summary: "A Deployment has fewer available replicas than desired, for at least `for` (watched; KubeDeploymentReplicasMismatch).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      deployments: { type: "array", items: { type: "string" }, minItems: 1 },
      namespace: { type: "string" },
      for: { type: "string", pattern: "^\\s*(\\d+(\\.\\d+)?(ms|s|m|h))+\\s*$" },
    },
  },
  describe: (params) => `replicas mismatch (available < desired) on ${params.deployments?.join(", ") ?? "any deployment"}${params.for ? ` for ${params.for}` : ""}`,
  firesAfterMs: (params) => (params.for ? parseDuration(params.for) : 0),
  observe(params, context, emit) {
    return observeSustained(
      context,
      { apiVersion: "apps/v1", kind: "Deployment", namespace: params.namespace ?? context.namespace },
      params.for ? parseDuration(params.for) : 0,
      (objects) => mismatchedDeployments(objects, params.deployments),
      emit,
    );
  },
};

/** Deployment name → "0/2 available" for those short of their desired replicas; exported for tests. */
export function mismatchedDeployments(objects: KubernetesObject[], names?: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const object of objects) {
    const name = object.metadata?.name ?? "?";
    if (names && !names.includes(name)) continue;
    const raw = object as { spec?: { replicas?: number }; status?: { availableReplicas?: number } };
    const desired = raw.spec?.replicas ?? 1;
    const available = raw.status?.availableReplicas ?? 0;
    if (available < desired) result.set(name, `${available}/${desired} available`);
  }
  return result;
}
