import assert from "node:assert/strict";

import { clusterFingerprint } from "../../../harness/cluster/clusterFingerprint.js";
import { reuseDecision } from "../../../harness/cluster/reuseRules.js";
import type { ClusterRecord } from "../../../harness/cluster/stateStore.js";

const IMAGE = "kindest/node:v1.34.4";
const shared = { controlPlanes: 1, workers: 2, hostPorts: [80] };

function record(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    version: 1,
    name: "gameday-a-0001",
    provider: "kind",
    state: "ready",
    createdBy: { runId: "a", pid: 1, host: "h", since: "" },
    fingerprint: clusterFingerprint(IMAGE, shared),
    dedicated: false,
    kept: true,
    image: IMAGE,
    kubernetesVersion: "v1.34.4",
    network: "kube-gameday",
    hostPorts: { "80": 40000 },
    volumes: [],
    nodeCount: 3,
    kubeconfigPath: "/tmp/k",
    ...overrides,
  };
}

describe("cluster reuse rules", () => {
  const fp = clusterFingerprint(IMAGE, shared);

  it("reuses a ready, shared cluster built the same way", () => {
    assert.deepEqual(reuseDecision(record(), shared, fp), { reusable: true });
  });

  it("never reuses for a dedicated scenario, nor a cluster made for one", () => {
    assert.equal(reuseDecision(record(), { ...shared, dedicated: true }, fp).reusable, false);
    assert.equal(reuseDecision(record({ dedicated: true }), shared, fp).reusable, false);
  });

  it("does not reuse a cluster still being created or deleted", () => {
    assert.equal(reuseDecision(record({ state: "creating" }), shared, fp).reusable, false);
    assert.equal(reuseDecision(record({ state: "deleting" }), shared, fp).reusable, false);
  });

  it("does not reuse a cluster of another shape", () => {
    const other = { ...shared, workers: 1 };
    assert.equal(reuseDecision(record(), other, clusterFingerprint(IMAGE, other)).reusable, false);
  });

  it("checks the scenario's Kubernetes range against the cluster's version", () => {
    assert.equal(reuseDecision(record(), { ...shared, kubernetes: ">=1.34 <1.36" }, fp).reusable, true);
    const decision = reuseDecision(record(), { ...shared, kubernetes: ">=1.35" }, fp);
    assert.equal(decision.reusable, false);
    assert.match(decision.reusable ? "" : decision.reason, /does not satisfy/);
    assert.equal(reuseDecision(record({ kubernetesVersion: undefined }), { ...shared, kubernetes: ">=1.30" }, fp).reusable, false);
  });
});

describe("cluster fingerprint", () => {
  it("ignores order where order does not matter", () => {
    assert.equal(clusterFingerprint(IMAGE, { controlPlanes: 1, workers: 0, hostPorts: [80, 443] }), clusterFingerprint(IMAGE, { controlPlanes: 1, workers: 0, hostPorts: [443, 80] }));
  });

  it("changes with image, topology, ports, mounts, patches and base config", () => {
    const base = { controlPlanes: 1, workers: 0 };
    const fp = clusterFingerprint(IMAGE, base);
    assert.notEqual(clusterFingerprint("other:1", base), fp);
    assert.notEqual(clusterFingerprint(IMAGE, { ...base, workers: 1 }), fp);
    assert.notEqual(clusterFingerprint(IMAGE, { ...base, hostPorts: [80] }), fp);
    assert.notEqual(clusterFingerprint(IMAGE, { ...base, extraMounts: [{ hostPath: "/a", containerPath: "/b" }] }), fp);
    assert.notEqual(clusterFingerprint(IMAGE, { ...base, kubeadmConfigPatches: ["a: 1"] }), fp);
    assert.notEqual(clusterFingerprint(IMAGE, base, { featureGates: { X: true } }), fp);
  });
});
