// Which release records a restore from backup creates, decided without touching the cluster.
// Records still present with the backed-up payload are left alone (so a second run does nothing;
// uids cannot tell, since a restored record is a new object); a record present under the same name
// with another payload was written after the backup (e.g. `helm install` adopted the objects and
// restarted at v1) and makes the restore refuse: merging two histories is a decision for a person. The result must leave exactly one deployed revision, or the restore refuses.

import { deployedRevisionCount } from "../detectors/helmReleaseInvariants.js";
import { releaseRecords, type HelmReleaseRecord, type SecretObject } from "./helmReleaseRecord.js";
import type { ReleaseBackup } from "./releaseBackup.js";

export type RestorePlan =
  | { action: "none"; reason: string }
  | { action: "refuse"; reason: string; hint: string }
  | { action: "restore"; reason: string; create: SecretObject[] };

export function planRestore(backup: ReleaseBackup, current: HelmReleaseRecord[], namespace: string): RestorePlan {
  const saved = releaseRecords(backup.secrets, backup.release);
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
  if (after.violated) {
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
