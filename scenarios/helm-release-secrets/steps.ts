// The kinds this scenario uses beyond the built-ins: the Helm bookkeeping detectors and release
// repairs (generic, in harness/detectors and harness/remediations; registered here so the shared
// kind registry stays untouched until another scenario needs them), plus the fault itself.

import { deleteDeniedCheck } from "../../harness/detectors/deleteDeniedCheck.js";
import { helmHistoryCoherentCheck } from "../../harness/detectors/helmHistoryCheck.js";
import { helmDeployedRevisionsCheck, helmOrphanedObjectsCheck } from "../../harness/detectors/helmReleaseChecks.js";
import { probeStayedUpCheck } from "../../harness/detectors/probeStayedUpCheck.js";
import { kubeRawRequest } from "../../harness/kube/kubeRawRequest.js";
import { listReleaseSecrets } from "../../harness/remediations/helmReleaseStore.js";
import { helmReleaseBackupStep, helmReleaseRestoreStep, helmReleaseStatusPatchStep } from "../../harness/remediations/helmReleaseRepairSteps.js";
import type { KindRegistry } from "../../harness/scenario/kindRegistry.js";
import type { StepKind } from "../../harness/scenario/kindTypes.js";

interface DeleteRecordsParams {
  release: string;
  /** "all" revisions, or only the one labelled status=deployed. */
  which: "all" | "deployed";
  /** With a guard installed: every delete must be refused with a message matching this. */
  expectDenied?: string;
}

/**
 * The fault: `kubectl delete secret` of release records, as the harness's admin identity (the
 * incident's "someone cleaned up old secrets"). Unlike the built-in `delete:`, a refusal is an
 * outcome here, not an error: the guard variant injects the same fault and expects it refused.
 */
const deleteReleaseRecordsStep: StepKind<DeleteRecordsParams> = {
  kind: "deleteReleaseRecords",
  summary: "Delete a Helm release's record Secrets (all, or the deployed one); optionally expect admission to refuse.",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["release", "which"],
    properties: { release: { type: "string" }, which: { enum: ["all", "deployed"] }, expectDenied: { type: "string" } },
  },
  describe: (params) => `delete ${params.which === "all" ? "every record" : "the deployed record"} of release ${params.release}${params.expectDenied ? " (expected to be refused)" : ""}`,
  async run(params, context) {
    const request = { timeoutMs: Math.min(context.timeoutMs, context.kube.requestTimeoutMs), signal: context.signal };
    const records = (await listReleaseSecrets(context.kube, context.namespace, params.release, request)).records.filter((record) => params.which === "all" || record.status === "deployed");
    if (records.length === 0) throw new Error(`release ${params.release} has no ${params.which === "all" ? "" : "deployed "}records to delete: did setup install it?`);
    const outcomes = await Promise.all(
      records.map(async (record) => {
        const response = await kubeRawRequest(context.kube.config, `/api/v1/namespaces/${context.namespace}/secrets/${record.secretName}`, { ...request, method: "DELETE" });
        const message = (() => {
          try {
            return String((JSON.parse(response.body) as { message?: unknown }).message ?? "");
          } catch {
            return response.body.slice(0, 200);
          }
        })();
        return { name: record.secretName, deleted: response.status >= 200 && response.status < 300, status: response.status, message };
      }),
    );
    const deleted = outcomes.filter((outcome) => outcome.deleted);
    const refused = outcomes.filter((outcome) => !outcome.deleted);
    if (params.expectDenied !== undefined) {
      const pattern = new RegExp(params.expectDenied);
      if (deleted.length > 0) throw new Error(`the guard let ${deleted.map((o) => o.name).join(", ")} be deleted: it does not protect release records`);
      const wrong = refused.find((outcome) => !pattern.test(outcome.message));
      if (wrong) throw new Error(`${wrong.name}: refused (HTTP ${wrong.status}), but not by the guard: ${wrong.message}`);
      return { detail: `${refused.length} delete(s) refused: ${refused[0]?.message ?? ""}`, output: outcomes };
    }
    if (refused.length > 0) throw new Error(`could not delete ${refused.map((o) => `${o.name} (HTTP ${o.status}: ${o.message})`).join(", ")}`);
    return { detail: `deleted ${deleted.map((o) => o.name).sort().join(", ")}`, output: outcomes };
  },
};

export default function register(registry: KindRegistry): void {
  registry
    .addCheck(helmOrphanedObjectsCheck)
    .addCheck(helmDeployedRevisionsCheck)
    .addCheck(helmHistoryCoherentCheck)
    .addCheck(deleteDeniedCheck)
    .addCheck(probeStayedUpCheck)
    .addStep(helmReleaseBackupStep)
    .addStep(helmReleaseRestoreStep)
    .addStep(helmReleaseStatusPatchStep)
    .addStep(deleteReleaseRecordsStep);
}
