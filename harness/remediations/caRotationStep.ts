// `rotateClusterCa:` — the automated remediation of the CA-expiry replay (caRotation.ts) as a
// scenario step. It rewrites the harness's kubeconfig for the cluster and reloads the run's API
// clients in place, so the recovery checks that follow talk to the API with the new credentials.

import { assertFaultsAllowed } from "../cluster/faultGuard.js";
import { withDeadline } from "../kube/deadline.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { CaCheckError, uncheckedActions, type ActionStatus } from "./caActionAssessment.js";
import { rotateClusterCa } from "./caRotation.js";

export interface RotateClusterCaParams {
  dryRun?: boolean;
  kubeadmConfig?: string;
}

/** "3 done (pki, kubeconfigs, workloads), 5 not needed", in the order statuses first appear. */
export function actionCounts(actions: ReadonlyArray<{ id: string; status: ActionStatus }>): string {
  const byStatus = new Map<ActionStatus, string[]>();
  for (const action of actions) byStatus.set(action.status, [...(byStatus.get(action.status) ?? []), action.id]);
  return [...byStatus].map(([status, ids]) => `${ids.length} ${status}${status === "done" ? ` (${ids.join(", ")})` : ""}`).join(", ");
}

export const rotateClusterCaStep: StepKind<RotateClusterCaParams> = {
  kind: "rotateClusterCa",
  summary: "Rotate an expired or expiring cluster CA on every node (kubeadm), refresh kubeconfigs, cluster-info, kube-root-ca.crt and restart what trusted the old CA.",
  defaultTimeoutMs: 20 * 60_000,
  paramsSchema: { type: "object", additionalProperties: false, properties: { dryRun: { type: "boolean" }, kubeadmConfig: { type: "string" } } },
  describe: (params) => `rotate the cluster CA${params.dryRun ? " (dry run)" : ""}`,
  async run(params, context) {
    assertFaultsAllowed(context.cluster, "rotate the cluster CA");
    const nodes = await withDeadline(context.cluster.nodes(), 30_000, "list cluster nodes", context.signal);
    const report = await rotateClusterCa(
      { nodes, kubeconfigPath: context.cluster.kubeconfigPath, contextName: context.cluster.contextName, kube: context.kube },
      { dryRun: params.dryRun === true, ...(params.kubeadmConfig ? { kubeadmConfig: params.kubeadmConfig } : {}), log: (line) => context.log.info(line), signal: context.signal },
    );
    const unchecked = uncheckedActions(report.actions);
    if (unchecked.length) {
      const first = report.actions.find((a) => a.status === "could not check")!;
      throw new CaCheckError(unchecked.join(", "), first.detail);
    }
    return {
      detail: `${actionCounts(report.actions)}; new CA valid until ${report.newCaNotAfter?.toISOString() ?? "?"}; backups ${report.backups.join(", ")}`,
      output: report,
    };
  },
};
