// Every cluster the harness creates is named gameday-<...>: the prefix is how `gameday clean` and
// crash recovery tell the harness's clusters from anyone else's, together with the state records.
import { randomBytes } from "node:crypto";

import { HarnessError } from "./harnessError.js";

export const CLUSTER_PREFIX = "gameday-";

// kind derives container and host names from the cluster name ("<name>-control-plane2"), which
// must stay valid DNS labels (≤ 63 characters); 40 leaves room for the longest suffix.
const MAX_LENGTH = 40;
const VALID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export class InvalidClusterNameError extends HarnessError {
  constructor(name: string, why: string) {
    super("input", `invalid cluster name "${name}": ${why}`, {
      hint: `cluster names are lower-case letters, digits and '-', start with "${CLUSTER_PREFIX}", and have at most ${MAX_LENGTH} characters`,
    });
  }
}

export function isHarnessClusterName(name: string): boolean {
  return name.startsWith(CLUSTER_PREFIX) && name.length <= MAX_LENGTH && VALID.test(name);
}

export function assertHarnessClusterName(name: string): void {
  if (!name.startsWith(CLUSTER_PREFIX)) throw new InvalidClusterNameError(name, `must start with "${CLUSTER_PREFIX}"`);
  if (name.length > MAX_LENGTH) throw new InvalidClusterNameError(name, `longer than ${MAX_LENGTH} characters`);
  if (!VALID.test(name)) throw new InvalidClusterNameError(name, "only lower-case letters, digits and inner '-' are allowed");
}

/** A fresh name: gameday-<run id slug>-<random suffix>, e.g. gameday-20260801t1200-3fa9. */
export function newClusterName(runId: string, suffix: string = randomBytes(2).toString("hex")): string {
  const slug = runId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const room = MAX_LENGTH - CLUSTER_PREFIX.length - suffix.length - 1;
  const head = slug.slice(0, room).replace(/-+$/, "");
  const name = head === "" ? `${CLUSTER_PREFIX}${suffix}` : `${CLUSTER_PREFIX}${head}-${suffix}`;
  assertHarnessClusterName(name);
  return name;
}
