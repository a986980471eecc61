// The status-patch repair, decided without touching the cluster: which release records to change
// so that exactly one revision is deployed again. This is the community workaround for a release
// whose deployed record vanished (failure-modes.md §2): decode the newest revision, mark it
// deployed, re-encode, and — because helm selects by label — set its `status` label too.
// Pure, so every case is unit-tested; helmReleaseStatusPatch.ts executes the plan.

import { decodeSecretReleaseData, encodeSecretReleaseData } from "./helmReleaseCodec.js";
import { describeUnreadable, type HelmReleaseRecord, type ReleaseSecrets, type SecretObject } from "./helmReleaseRecord.js";

export interface RecordChange {
  secretName: string;
  revision: number;
  labelFrom: string;
  labelTo: string;
  /** info.status inside the encoded release. */
  jsonFrom: string;
  jsonTo: string;
  /** The Secret to PUT (same resourceVersion as read, so a concurrent writer makes it fail). */
  updated: SecretObject;
}

export type StatusPatchPlan =
  | { action: "none"; reason: string }
  | { action: "impossible"; reason: string; hint: string }
  | { action: "patch"; reason: string; changes: RecordChange[] };

const REPAIR_NOTE = "repaired by kube-gameday status-patch";

/** `found` as listReleaseSecrets returns it. `now` stamps helm's modifiedAt label. */
export function planStatusPatch(release: string, found: ReleaseSecrets, now: Date = new Date()): StatusPatchPlan {
  if (found.unreadable.length > 0) {
    // Marking a readable revision deployed beside records we cannot read could leave two deployed
    // revisions, or hide the newest one, for the helm that wrote them.
    return {
      action: "impossible",
      reason: `release ${release} has release Secrets this repair cannot read: ${describeUnreadable(found.unreadable)}`,
      hint: "repair it with the helm version that wrote those records (or restore from a backup of that helm's records); this repair reads and writes helm.sh/release.v1 only",
    };
  }
  const sorted = [...found.records].sort((a, b) => b.revision - a.revision);
  const deployed = sorted.filter((record) => record.status === "deployed");
  if (sorted.length === 0) {
    return {
      action: "impossible",
      reason: `release ${release} has no release records left, so there is nothing to mark deployed`,
      hint: "restore the records from a backup (gameday repair helm-release <ns>/<release> --restore <backup.json>), or let `helm install` adopt the objects (history restarts at revision 1)",
    };
  }
  if (deployed.length === 1) return { action: "none", reason: `release ${release} already has exactly one deployed revision (v${deployed[0]!.revision}): nothing to do` };
  const newest = sorted[0]!;
  if (deployed.length === 0 && newest.status === "uninstalled") {
    return {
      action: "impossible",
      reason: `release ${release} was uninstalled (history kept); marking a revision deployed would claim objects that are gone`,
      hint: "reinstall with `helm install --replace`, or roll back with `helm rollback`",
    };
  }
  const changes: RecordChange[] = [];
  if (deployed.length === 0) {
    changes.push(changeStatus(newest, "deployed", now));
  } else {
    // Several deployed: keep the newest of them, supersede the rest (what helm itself does on success).
    for (const stale of deployed.slice(1)) changes.push(changeStatus(stale, "superseded", now));
  }
  const reason =
    deployed.length === 0
      ? `release ${release} has no deployed revision; the newest, v${newest.revision}, is ${newest.status}`
      : `release ${release} has ${deployed.length} deployed revisions; v${deployed[0]!.revision} stays deployed`;
  return { action: "patch", reason, changes };
}

function changeStatus(record: HelmReleaseRecord, status: string, now: Date): RecordChange {
  const encoded = record.secret.data?.release;
  if (!encoded) throw new Error(`${record.secretName} has no data.release: it is not a release record helm can read (restore it from a backup)`);
  const decoded = decodeSecretReleaseData(encoded, record.secretName);
  const jsonFrom = decoded.info.status;
  const updatedRelease = {
    ...decoded,
    info: { ...decoded.info, status, description: `${decoded.info.description ? `${decoded.info.description}; ` : ""}${REPAIR_NOTE} (was ${jsonFrom})` },
  };
  const updated: SecretObject = structuredClone(record.secret);
  updated.data = { ...updated.data, release: encodeSecretReleaseData(updatedRelease) };
  updated.metadata = {
    ...updated.metadata,
    labels: { ...updated.metadata?.labels, status, modifiedAt: String(Math.floor(now.getTime() / 1000)) },
  };
  // managedFields would make the PUT carry stale ownership; the server recomputes them.
  delete updated.metadata.managedFields;
  return { secretName: record.secretName, revision: record.revision, labelFrom: record.status, labelTo: status, jsonFrom, jsonTo: status, updated };
}

/** Human-readable plan, as `--dry-run` prints it. */
export function describePlan(plan: StatusPatchPlan): string {
  if (plan.action !== "patch") return plan.reason + (plan.action === "impossible" ? `\nnext: ${plan.hint}` : "");
  return [
    plan.reason,
    ...plan.changes.map((change) => `  ${change.secretName}: label status ${change.labelFrom} → ${change.labelTo}; release info.status ${change.jsonFrom} → ${change.jsonTo}`),
  ].join("\n");
}
