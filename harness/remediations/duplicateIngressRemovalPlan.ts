// Which Ingresses the duplicate-route remediation deletes, decided without touching the cluster.
// Only a true collision by the Ingress spec is removed: kind "duplicate" (same controller, host,
// path after the spec's normalisation and pathType; different backends), and of each only the
// newest Ingress, so the claim that served before the collision stays. Everything else the
// analyzer finds is reported as left alone, with the reason:
//   - an overlap (Exact /api beside Prefix /api, Prefix beside ImplementationSpecific): the spec
//     gives Exact precedence and leaves ImplementationSpecific to the controller, so the two rules
//     may well be meant to coexist; a person decides which should win;
//   - a same-backend duplicate: nothing is misrouted, and deleting either object could drop the
//     annotations or TLS that someone relies on; merging them is a person's call.

import { describeConflict, newestDuplicate, objectKey, type IngressRoute, type RouteConflict } from "../detectors/duplicateIngressRoutes.js";

export interface DuplicateRemovalPlan {
  /** The newest Ingress of each duplicate, once per Ingress (one may be the newest of several paths). */
  remove: IngressRoute[];
  /** The duplicates the removals resolve, described. */
  resolves: string[];
  /** Conflicts deliberately kept, each with why and what to do instead. */
  leftAlone: string[];
}

export function planDuplicateRemoval(conflicts: RouteConflict[]): DuplicateRemovalPlan {
  const targets = new Map<string, IngressRoute>();
  const resolves: string[] = [];
  const leftAlone: string[] = [];
  for (const conflict of conflicts) {
    if (conflict.kind !== "duplicate") {
      leftAlone.push(`${whyLeftAlone(conflict)} — ${describeConflict(conflict)}`);
      continue;
    }
    const target = newestDuplicate(conflict);
    targets.set(objectKey(target), target);
    resolves.push(describeConflict(conflict));
  }
  return { remove: [...targets.values()], resolves, leftAlone };
}

function whyLeftAlone(conflict: RouteConflict): string {
  return conflict.kind === "overlap"
    ? "overlap, not a collision by the Ingress spec (different path types): decide which rule should win, then change or delete one by hand"
    : "same-backend duplicate, nothing misrouted: merge the Ingresses' annotations and TLS into one by hand, then delete the other";
}
