// The two invariants of Helm's bookkeeping that the harness checks, as pure functions over what
// the API returns. Helm itself checks neither: it discovers a broken release only when someone
// runs `helm upgrade` (failure-modes.md §2).
//
//   1. every object annotated meta.helm.sh/release-name=X has at least one release record for X
//      (otherwise the objects run in production but no tool owns them any more);
//   2. a release has exactly one revision labelled status=deployed (zero: `helm upgrade` refuses or
//      falls back; two: history and rollback act on the wrong one).

import type { KubernetesObject } from "@kubernetes/client-node";
import { describeRecords, HELM_RELEASE_NAME_ANNOTATION, HELM_RELEASE_NAMESPACE_ANNOTATION, type HelmReleaseRecord } from "../remediations/helmReleaseRecord.js";

export interface InvariantVerdict {
  /** True when the invariant is broken (a detector fires on this). */
  violated: boolean;
  detail: string;
}

/** Invariant 1: objects that claim a release no record exists for, grouped by release. */
export function orphanedReleaseObjects(objects: KubernetesObject[], records: HelmReleaseRecord[], namespace: string, release?: string): InvariantVerdict {
  const known = new Set(records.map((record) => record.release));
  const orphans = new Map<string, string[]>();
  let claimed = 0;
  for (const object of objects) {
    const annotations = object.metadata?.annotations ?? {};
    const claimedRelease = annotations[HELM_RELEASE_NAME_ANNOTATION];
    if (!claimedRelease || (release !== undefined && claimedRelease !== release)) continue;
    // Records live in the release's namespace; an object may sit elsewhere (cluster-scoped or not).
    const releaseNamespace = annotations[HELM_RELEASE_NAMESPACE_ANNOTATION] ?? object.metadata?.namespace;
    if (releaseNamespace !== undefined && releaseNamespace !== namespace) continue;
    claimed += 1;
    if (known.has(claimedRelease)) continue;
    const list = orphans.get(claimedRelease) ?? [];
    list.push(`${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`);
    orphans.set(claimedRelease, list);
  }
  if (orphans.size === 0) {
    return { violated: false, detail: `${claimed} object(s) annotated for ${release ? `release ${release}` : "a release"}, all with release records` };
  }
  const parts = [...orphans].map(([name, list]) => `release ${name} has no release record but ${list.length} object(s) claim it: ${list.sort().join(", ")}`);
  return { violated: true, detail: parts.join("; ") };
}

/**
 * Invariant 2 for one release. A release whose newest record is `uninstalled` (uninstall
 * --keep-history) legitimately has none deployed; so does a release that does not exist at all —
 * unless `mustExist` says it should (a named release whose records all vanished is the incident).
 */
export function deployedRevisionCount(records: HelmReleaseRecord[], release: string, mustExist: boolean): InvariantVerdict {
  const mine = records.filter((record) => record.release === release).sort((a, b) => b.revision - a.revision);
  const deployed = mine.filter((record) => record.status === "deployed");
  const summary = `release ${release}: ${deployed.length} deployed of ${mine.length} record(s) (${describeRecords(mine)})`;
  if (mine.length === 0) return { violated: mustExist, detail: summary };
  if (mine[0]?.status === "uninstalled" && deployed.length === 0) return { violated: false, detail: `${summary}; uninstalled with kept history` };
  return { violated: deployed.length !== 1, detail: summary };
}
