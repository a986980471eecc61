// The two invariants of Helm's bookkeeping that the harness checks, as pure functions over what
// the API returns. Helm itself checks neither: it discovers a broken release only when someone
// runs `helm upgrade` (failure-modes.md §2).
//
//   1. every object annotated meta.helm.sh/release-name=X has at least one release record for X
//      (otherwise the objects run in production but no tool owns them any more);
//   2. a release has exactly one revision labelled status=deployed (zero: `helm upgrade` refuses or
//      falls back; two: history and rollback act on the wrong one).

import type { KubernetesObject } from "@kubernetes/client-node";
import {
  describeRecords,
  describeUnreadable,
  HELM_RELEASE_NAME_ANNOTATION,
  HELM_RELEASE_NAMESPACE_ANNOTATION,
  type HelmReleaseRecord,
  type UnreadableReleaseSecret,
} from "../remediations/helmReleaseRecord.js";

export interface InvariantVerdict {
  /** True when the invariant is broken (a detector fires on this). */
  violated: boolean;
  /**
   * True when release Secrets this harness cannot read (another storage type) could change the
   * answer: a detector then reports "could not tell", naming them, instead of a verdict.
   */
  couldNotTell: boolean;
  detail: string;
}

/**
 * Invariant 1: objects that claim a release no record exists for, grouped by release. A release
 * with no readable record but with `unreadable` release Secrets may or may not be orphaned: that
 * is "could not tell" (unless another release is orphaned for certain).
 */
export function orphanedReleaseObjects(
  objects: KubernetesObject[],
  records: HelmReleaseRecord[],
  namespace: string,
  release?: string,
  unreadable: UnreadableReleaseSecret[] = [],
): InvariantVerdict {
  const known = new Set(records.map((record) => record.release));
  // An unreadable Secret that names no release could belong to any of them.
  const maybeStored = (name: string) => unreadable.some((secret) => secret.release === undefined || secret.release === name);
  const orphans = new Map<string, string[]>();
  const unsure = new Set<string>();
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
    if (maybeStored(claimedRelease)) {
      unsure.add(claimedRelease);
      continue;
    }
    const list = orphans.get(claimedRelease) ?? [];
    list.push(`${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`);
    orphans.set(claimedRelease, list);
  }
  const relevant = unreadable.filter((secret) => secret.release === undefined || release === undefined || secret.release === release);
  const notRead = relevant.length > 0 ? `; not read: ${describeUnreadable(relevant)}` : "";
  if (orphans.size > 0) {
    const parts = [...orphans].map(([name, list]) => `release ${name} has no release record but ${list.length} object(s) claim it: ${list.sort().join(", ")}`);
    return { violated: true, couldNotTell: false, detail: parts.join("; ") + notRead };
  }
  if (unsure.size > 0) {
    const names = [...unsure].sort().join(", ");
    return { violated: false, couldNotTell: true, detail: `objects claim ${names}, whose only release Secrets cannot be read, so whether they are orphaned is unknown${notRead}` };
  }
  return { violated: false, couldNotTell: false, detail: `${claimed} object(s) annotated for ${release ? `release ${release}` : "a release"}, all with release records${notRead}` };
}

/**
 * Invariant 2 for one release. A release whose newest record is `uninstalled` (uninstall
 * --keep-history) legitimately has none deployed; so does a release that does not exist at all —
 * unless `mustExist` says it should (a named release whose records all vanished is the incident).
 * Unreadable release Secrets of the release leave the count unknown, unless the readable records
 * alone already have two deployed revisions.
 */
export function deployedRevisionCount(records: HelmReleaseRecord[], release: string, mustExist: boolean, unreadable: UnreadableReleaseSecret[] = []): InvariantVerdict {
  const mine = records.filter((record) => record.release === release).sort((a, b) => b.revision - a.revision);
  const deployed = mine.filter((record) => record.status === "deployed");
  const notRead = unreadable.filter((secret) => secret.release === release);
  const summary = `release ${release}: ${deployed.length} deployed of ${mine.length} record(s) (${describeRecords(mine)})`;
  if (notRead.length > 0) {
    const detail = `${summary}; not read, so not counted: ${describeUnreadable(notRead)}`;
    return deployed.length >= 2 ? { violated: true, couldNotTell: false, detail } : { violated: false, couldNotTell: true, detail };
  }
  if (mine.length === 0) return { violated: mustExist, couldNotTell: false, detail: summary };
  if (mine[0]?.status === "uninstalled" && deployed.length === 0) return { violated: false, couldNotTell: false, detail: `${summary}; uninstalled with kept history` };
  return { violated: deployed.length !== 1, couldNotTell: false, detail: summary };
}
