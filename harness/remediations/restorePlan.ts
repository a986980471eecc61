// Which release records a restore from backup creates, decided without touching the cluster.
// Records still present with the backed-up payload are left alone (so a second run does nothing;
// uids cannot tell, since a restored record is a new object); a record present under the same name
// with another payload was written after the backup (e.g. `helm install` adopted the objects and
// restarted at v1) and makes the restore refuse: merging two histories is a decision for a person. The result must leave exactly one deployed revision, or the restore refuses.

import { deployedRevisionCount } from "../detectors/helmReleaseInvariants.js";
import { describeUnreadable, readReleaseSecrets, releaseRecords, type ReleaseSecrets, type SecretObject } from "./helmReleaseRecord.js";
import type { ReleaseBackup } from "./releaseBackup.js";

export type RestorePlan =
  | { action: "none"; reason: string }
  | { action: "refuse"; reason: string; hint: string }
  | { action: "restore"; reason: string; create: SecretObject[] };

/** `found`: the release's Secrets in the cluster now, as listReleaseSecrets returns them. */
export function planRestore(backup: ReleaseBackup, found: ReleaseSecrets, namespace: string): RestorePlan {
  const inBackup = readReleaseSecrets(backup.secrets, backup.release);
  const saved = inBackup.records;
  const unreadable = [...found.unreadable, ...inBackup.unreadable];
  if (unreadable.length > 0) {
    return {
      action: "refuse",
      reason: `release ${backup.release} has release Secrets this restore cannot read: ${describeUnreadable(unreadable)}`,
      hint: "restore with the helm version that wrote those records; this restore reads and writes helm.sh/release.v1 only",
    };
  }
  const current = found.records;
  if (saved.length === 0) return { action: "refuse", reason: `the backup holds no records of release ${backup.release}`, hint: "pick a backup taken while the release was healthy" };
  const present = new Map(current.map((record) => [record.secretName, record]));
  const clashes = saved.filter((record) => {
    const live = present.get(record.secretName);
    return live !== undefined && live.secret.data?.release !== record.secret.data?.release;
  });
  if (clashes.length > 0) {
    return {
      action: "refuse",
      reason: `${clashes.map((record) => record.secretName).join(", ")} exist(s) but are not the backed-up records (written after the backup)`,
      hint: "inspect `helm history`; delete the newer records as the deployer (after backing them up) if the backup's history should win, then run the restore again",
    };
  }
  const missing = saved.filter((record) => !present.has(record.secretName));
  if (missing.length === 0) return { action: "none", reason: `every backed-up record of ${backup.release} is present: nothing to restore` };
  const create = missing.map((record) => restorable(record.secret, namespace));
  const after = deployedRevisionCount([...current, ...releaseRecords(create, backup.release)], backup.release, true);
  if (after.violated || after.couldNotTell) {
    return { action: "refuse", reason: `restoring would leave ${after.detail}`, hint: "run the status-patch repair first (or instead), then restore only what is missing" };
  }
  return { action: "restore", reason: `${missing.length} record(s) missing: ${missing.map((record) => `v${record.revision} ${record.status}`).join(", ")}`, create };
}

/** The Secret as a create request: identity and content kept, server-owned fields dropped. */
function restorable(secret: SecretObject, namespace: string): SecretObject {
  const metadata: NonNullable<SecretObject["metadata"]> = { name: secret.metadata?.name ?? "", namespace };
  if (secret.metadata?.labels) metadata.labels = { ...secret.metadata.labels };
  if (secret.metadata?.annotations) metadata.annotations = { ...secret.metadata.annotations };
  const restored: SecretObject = { apiVersion: "v1", kind: "Secret", metadata };
  if (secret.type) restored.type = secret.type;
  if (secret.data) restored.data = { ...secret.data };
  return restored;
}
