// The safety gate every fault injector passes before it touches a cluster. A chaos tool must never
// hurt the wrong cluster: only clusters the harness created, or a context the user allowed by its
// exact name, take faults. Pure and synchronous, so no caller can forget to await it.
import type { ClusterHandle } from "./clusterHandle.js";
import { isHarnessClusterName } from "./clusterName.js";
import { HarnessError } from "./harnessError.js";

export type FaultTarget = Pick<ClusterHandle, "provider" | "name" | "contextName" | "faultsAllowed">;

export class FaultsNotAllowedError extends HarnessError {
  constructor(
    readonly target: FaultTarget,
    readonly action: string,
    reason: string,
  ) {
    super("safety", `refusing to ${action} on cluster "${target.name}" (context "${target.contextName}"): ${reason}`, {
      hint:
        target.provider === "existing"
          ? `if this cluster is disposable, rerun with --allow-context ${target.contextName}`
          : "faults run only on clusters the harness created itself",
    });
  }
}

/** Throws FaultsNotAllowedError unless faults may be injected into this cluster. */
export function assertFaultsAllowed(target: FaultTarget, action: string): void {
  // Strict equality: a truthy non-boolean (a string from a parsed file, say) is not consent.
  if (target.faultsAllowed !== true) {
    throw new FaultsNotAllowedError(target, action, "faults are not allowed on it");
  }
  if (target.provider === "kind") {
    // A kind handle that names someone else's cluster is a bug upstream; refuse rather than trust the flag.
    if (!isHarnessClusterName(target.name)) throw new FaultsNotAllowedError(target, action, "it is not a cluster the harness created (name lacks the gameday- prefix)");
    if (target.contextName !== `kind-${target.name}`) throw new FaultsNotAllowedError(target, action, `its context should be "kind-${target.name}"`);
  }
}
