// Two clusters are interchangeable when everything that shaped them at creation is equal: node
// image, topology, mapped node ports, mounts, kubeadm patches and the kit's base config. The
// fingerprint is a hash of exactly those, so reuse never hands a scenario a differently built cluster.
import { createHash } from "node:crypto";

import type { ClusterRequirements } from "./clusterHandle.js";

export function clusterFingerprint(image: string, req: ClusterRequirements, base?: Record<string, unknown>): string {
  const shape = {
    image,
    controlPlanes: req.controlPlanes,
    workers: req.workers,
    hostPorts: [...(req.hostPorts ?? [])].sort((a, b) => a - b),
    extraMounts: [...(req.extraMounts ?? [])]
      .map((m) => ({ hostPath: m.hostPath, containerPath: m.containerPath, readOnly: m.readOnly === true }))
      .sort((a, b) => (a.containerPath < b.containerPath ? -1 : a.containerPath > b.containerPath ? 1 : 0)),
    // Patch order matters to kubeadm (later patches win), so it is kept.
    kubeadmConfigPatches: (req.kubeadmConfigPatches ?? []).map((p) => p.trim()),
    base: base ?? null,
  };
  return createHash("sha256").update(canonicalJson(shape)).digest("hex").slice(0, 16);
}

/** JSON with object keys sorted, so equal values always hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
