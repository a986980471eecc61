// Restores a release's records from a backup file (restorePlan.ts decides what is missing). Backs
// up the records present now before creating anything, supports a dry run, and is idempotent:
// a second run finds nothing missing. Records are created through the API server.

import type { KubeClients } from "../kube/kubeClients.js";
import { deployedRevisionCount } from "../detectors/helmReleaseInvariants.js";
import { RepairImpossibleError } from "./repairImpossibleError.js";
import type { RepairOptions } from "./repairOptions.js";
import { createSecretIfAbsent, listReleaseSecrets } from "./helmReleaseStore.js";
import { readReleaseBackup, writeReleaseBackup } from "./releaseBackup.js";
import { planRestore, type RestorePlan } from "./restorePlan.js";

export interface RestoreResult {
  plan: RestorePlan;
  text: string;
  changed: boolean;
  backupFile?: string;
}

export async function restoreReleaseFromBackup(kube: KubeClients, namespace: string, release: string, backupFile: string, options: RepairOptions): Promise<RestoreResult> {
  const backup = await readReleaseBackup(backupFile);
  if (backup.release !== release) throw new RepairImpossibleError(`${backupFile} holds release ${backup.release}, not ${release}`, "pass a backup of this release");
  const request = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const found = await listReleaseSecrets(kube, namespace, release, request);
  const current = found.records;
  const plan = planRestore(backup, found, namespace);
  if (plan.action === "refuse") throw new RepairImpossibleError(plan.reason, plan.hint);
  const names = plan.action === "restore" ? plan.create.map((secret) => `  create ${secret.metadata?.name} (status ${secret.metadata?.labels?.status ?? "?"})`) : [];
  const text = [`${plan.reason} (backup from ${backup.source}, taken ${backup.takenAt})`, ...names].join("\n");
  if (plan.action === "none") return { plan, text, changed: false };
  if (options.dryRun) return { plan, text: `dry run, nothing changed:\n${text}`, changed: false };

  const before = await writeReleaseBackup(options.backupDir, { namespace, release, source: "api", reason: "before restore", secrets: current.map((record) => record.secret) });
  options.log?.(`backed up the ${current.length} record(s) present now to ${before}`);
  for (const secret of plan.create) {
    const created = await createSecretIfAbsent(kube, namespace, secret, request);
    options.log?.(`${created ? "restored" : "already present (someone else restored it):"} ${secret.metadata?.name}`);
  }
  const now = await listReleaseSecrets(kube, namespace, release, request);
  const after = deployedRevisionCount(now.records, release, true, now.unreadable);
  if (after.violated || after.couldNotTell) throw new Error(`restore created the records but the release is still not healthy (${after.detail}); the records before the restore are in ${before}`);
  return { plan, text: `${text}\nnow: ${after.detail}\nbackup of the state before: ${before}`, changed: true, backupFile: before };
}
