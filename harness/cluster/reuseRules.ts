// When a cluster left by an earlier scenario or run may serve a new one. Pure, so every rule is
// unit-tested; the provider adds the live checks (lease free, containers running, API answering).
import semver from "semver";

import type { ClusterRequirements } from "./clusterHandle.js";
import type { ClusterRecord } from "./stateStore.js";

export type ReuseDecision = { reusable: true } | { reusable: false; reason: string };

export function reuseDecision(record: ClusterRecord, requirements: ClusterRequirements, fingerprint: string): ReuseDecision {
  if (requirements.dedicated) return { reusable: false, reason: "the scenario needs a dedicated cluster" };
  // A dedicated cluster had cluster-wide state changed on purpose (PKI, nodes): never hand it on.
  if (record.dedicated) return { reusable: false, reason: "it was created for a dedicated scenario" };
  if (record.state !== "ready") return { reusable: false, reason: `its state is "${record.state}"` };
  if (record.fingerprint !== fingerprint) return { reusable: false, reason: "it was built differently (image, topology, ports, mounts or patches)" };
  if (requirements.kubernetes) {
    const version = record.kubernetesVersion ? semver.coerce(record.kubernetesVersion) : null;
    if (!version) return { reusable: false, reason: "its Kubernetes version is unknown" };
    if (!semver.satisfies(version, requirements.kubernetes)) {
      return { reusable: false, reason: `Kubernetes ${record.kubernetesVersion} does not satisfy "${requirements.kubernetes}"` };
    }
  }
  return { reusable: true };
}
