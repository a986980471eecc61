import assert from "node:assert/strict";

import type { V1Pod, V1ReplicaSet } from "@kubernetes/client-node";

import { rolloutComplete, staleWorkloads } from "../../../harness/remediations/staleWorkloads.js";

const rotatedAt = new Date("2026-11-22T03:50:00Z");
const before = new Date("2026-11-22T03:20:00Z");
const after = new Date("2026-11-22T03:55:00Z");

function pod(name: string, namespace: string, created: Date, owner?: { kind: string; name: string }, extra: Partial<V1Pod["metadata"]> = {}): V1Pod {
  return {
    metadata: { name, namespace, creationTimestamp: created, ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: owner.kind, name: owner.name, uid: "u", controller: true }] } : {}), ...extra },
    status: { phase: "Running" },
  };
}
const rs = (name: string, namespace: string, deployment: string): V1ReplicaSet => ({
  metadata: { name, namespace, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: deployment, uid: "d", controller: true }] },
});

describe("workloads holding the old CA", () => {
  it("restarts the controllers of pods older than the new CA, kube-system first, and lists bare pods for a person", () => {
    const result = staleWorkloads(
      [
        pod("coredns-abc-1", "kube-system", before, { kind: "ReplicaSet", name: "coredns-abc" }),
        pod("coredns-abc-2", "kube-system", before, { kind: "ReplicaSet", name: "coredns-abc" }),
        pod("kube-proxy-x", "kube-system", before, { kind: "DaemonSet", name: "kube-proxy" }),
        pod("canary-1", "shop", before, { kind: "ReplicaSet", name: "canary-1" }),
        pod("db-0", "shop", before, { kind: "StatefulSet", name: "db" }),
        pod("debug", "shop", before),
        pod("fresh", "shop", after, { kind: "DaemonSet", name: "agent" }),
        pod("etcd-cp", "kube-system", before, { kind: "Node", name: "cp" }, { annotations: { "kubernetes.io/config.mirror": "x" } }),
        pod("job-1", "shop", before, { kind: "Job", name: "ledger-writer" }),
      ],
      [rs("coredns-abc", "kube-system", "coredns"), rs("canary-1", "shop", "canary")],
      rotatedAt,
    );
    assert.deepEqual(
      result.controllers.map((c) => `${c.kind} ${c.namespace}/${c.name}`),
      ["DaemonSet kube-system/kube-proxy", "Deployment kube-system/coredns", "Deployment shop/canary", "StatefulSet shop/db"],
    );
    assert.deepEqual(result.orphans, ["shop/debug"]);
  });

  it("finds nothing to do once every pod is newer than the CA (a second run changes nothing)", () => {
    const result = staleWorkloads([pod("coredns-abc-1", "kube-system", after, { kind: "ReplicaSet", name: "coredns-abc" })], [rs("coredns-abc", "kube-system", "coredns")], rotatedAt);
    assert.deepEqual(result, { controllers: [], orphans: [] });
  });

  it("knows when a restart has rolled out", () => {
    assert.equal(rolloutComplete("Deployment", { metadata: { generation: 3 }, spec: { replicas: 2 }, status: { observedGeneration: 3, updatedReplicas: 2, availableReplicas: 2, replicas: 2 } }), true);
    assert.equal(rolloutComplete("Deployment", { metadata: { generation: 3 }, spec: { replicas: 2 }, status: { observedGeneration: 3, updatedReplicas: 2, availableReplicas: 2, replicas: 3 } }), false, "an old pod still counts");
    assert.equal(rolloutComplete("Deployment", { metadata: { generation: 4 }, spec: { replicas: 2 }, status: { observedGeneration: 3, updatedReplicas: 2, availableReplicas: 2, replicas: 2 } }), false, "not yet observed");
    assert.equal(rolloutComplete("DaemonSet", { metadata: { generation: 2 }, status: { observedGeneration: 2, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberUnavailable: 1 } }), false);
    assert.equal(rolloutComplete("StatefulSet", { metadata: { generation: 1 }, spec: { replicas: 1 }, status: { observedGeneration: 1, updatedReplicas: 1, readyReplicas: 1, replicas: 1 } }), true);
  });
});
