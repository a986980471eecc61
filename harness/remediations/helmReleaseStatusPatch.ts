// Runs the status-patch repair against a cluster: read the release's records, plan
// (statusPatchPlan.ts), and unless it is a dry run, back the records up, write the changes, and
// read them back to confirm exactly one revision is deployed. Running it twice changes nothing the
// second time (the plan is "none"), and a dry run neither writes nor backs up.

import type { KubeClients } from "../kube/kubeClients.js";
import { deployedRevisionCount } from "../detectors/helmReleaseInvariants.js";
import { listReleaseSecrets, replaceSecret } from "./helmReleaseStore.js";
import { describePlan, planStatusPatch, type StatusPatchPlan } from "./statusPatchPlan.js";
import { writeReleaseBackup } from "./releaseBackup.js";
import { RepairImpossibleError } from "./repairImpossibleError.js";
import type { RepairOptions } from "./repairOptions.js";

export interface StatusPatchResult {
  plan: StatusPatchPlan;
  /** What was (or, in a dry run, would be) done, as printed. */
  text: string;
  changed: boolean;
  backupFile?: string;
}

export async function statusPatchRelease(kube: KubeClients, namespace: string, release: string, options: RepairOptions): Promise<StatusPatchResult> {
  const request = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const found = await listReleaseSecrets(kube, namespace, release, request);
  const records = found.records;
  const plan = planStatusPatch(release, found);
  const text = describePlan(plan);
  if (plan.action === "impossible") throw new RepairImpossibleError(plan.reason, plan.hint);
  if (plan.action === "none" || options.dryRun) return { plan, text: options.dryRun && plan.action === "patch" ? `dry run, nothing changed:\n${text}` : text, changed: false };

  const backupFile = await writeReleaseBackup(options.backupDir, {
    namespace,
    release,
    source: "api",
    reason: "before status-patch",
    secrets: records.map((record) => record.secret),
  });
  options.log?.(`backed up ${records.length} record(s) to ${backupFile}`);
  for (const change of plan.changes) {
    await replaceSecret(kube, namespace, change.updated, request);
    options.log?.(`patched ${change.secretName}: ${change.labelFrom} → ${change.labelTo}`);
  }
  const now = await listReleaseSecrets(kube, namespace, release, request);
  const after = deployedRevisionCount(now.records, release, true, now.unreadable);
  if (after.violated || after.couldNotTell) {
    throw new Error(`status-patch wrote its changes but the release is still not healthy (${after.detail}); someone else may be writing to it. The records before the repair are in ${backupFile}`);
  }
  return { plan, text: `${text}\nnow: ${after.detail}\nbackup: ${backupFile}`, changed: true, backupFile };
}
