// `clusterReady:` — the whole cluster is back: every Node Ready and every pod in kube-system
// running and ready (or completed). The recovery check of cluster-wide faults such as an expired
// CA, where "the workload is up" says nothing about kubelets, controllers or DNS.

import type { V1Node, V1Pod } from "@kubernetes/client-node";

import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";

export interface ClusterReadyParams {
  /** Namespaces whose pods must all be ready (default [kube-system]). */
  namespaces?: string[];
  every?: string;
}

/** Pure: what keeps the cluster from being ready; empty when it is. */
export function readinessProblems(nodes: V1Node[], pods: V1Pod[]): string[] {
  const problems: string[] = [];
  if (nodes.length === 0) problems.push("no nodes");
  for (const node of nodes) {
    const ready = node.status?.conditions?.find((c) => c.type === "Ready");
    if (ready?.status !== "True") problems.push(`node ${node.metadata?.name} Ready=${ready?.status ?? "?"}${ready?.reason ? ` (${ready.reason})` : ""}`);
  }
  for (const pod of pods) {
    if (pod.status?.phase === "Succeeded") continue;
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    if (pod.status?.phase !== "Running" || !ready || pod.metadata?.deletionTimestamp) {
      problems.push(`pod ${pod.metadata?.namespace}/${pod.metadata?.name} ${pod.metadata?.deletionTimestamp ? "terminating" : `${pod.status?.phase ?? "?"}${ready ? "" : ", not ready"}`}`);
    }
  }
  return problems;
}

export const clusterReadyCheck: CheckKind<ClusterReadyParams> = {
  kind: "clusterReady",
  summary: "Every node Ready and every pod of kube-system (or the given namespaces) running and ready (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { namespaces: { type: "array", items: { type: "string" }, minItems: 1 }, every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" } },
  },
  describe: (params) => `every node Ready and every pod in ${(params.namespaces ?? ["kube-system"]).join(", ")} ready`,
  observe(params, context, emit) {
    const namespaces = params.namespaces ?? ["kube-system"];
    return pollingObserver(
      context,
      emit,
      async () => {
        const nodes = await context.kube.core.listNode({ timeoutSeconds: 10 });
        const pods = (await Promise.all(namespaces.map((namespace) => context.kube.core.listNamespacedPod({ namespace, timeoutSeconds: 10 })))).flatMap((list) => list.items);
        const problems = readinessProblems(nodes.items, pods);
        return { holds: problems.length === 0, detail: problems.length ? problems.slice(0, 6).join("; ") : `${nodes.items.length} nodes Ready, ${pods.length} pods ready in ${namespaces.join(", ")}` };
      },
      { everyMs: params.every ? parseDuration(params.every) : 3_000, evaluationTimeoutMs: 25_000, what: "cluster readiness" },
    );
  },
};
