import assert from "node:assert/strict";
import { deploymentState, podState, readyEndpointAddresses, summarizePods } from "../../../harness/kube/workloadState.js";

const deployment = (spec: number, status: Record<string, unknown>, generation = 2) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", generation },
  spec: { replicas: spec },
  status: { observedGeneration: 2, ...status },
});

describe("workload state", () => {
  it("a Deployment is available only when its current generation is rolled out and all replicas are ready", () => {
    const full = { replicas: 2, readyReplicas: 2, updatedReplicas: 2, conditions: [{ type: "Available", status: "True" }] };
    assert.equal(deploymentState(deployment(2, full)).available, true);
    assert.equal(deploymentState(deployment(2, { ...full, readyReplicas: 1 })).available, false, "one not ready");
    assert.equal(deploymentState(deployment(2, full, 3)).available, false, "new generation not observed yet");
    assert.equal(deploymentState(deployment(2, { ...full, replicas: 3 })).available, false, "old pods still around");
    assert.equal(deploymentState(deployment(2, { ...full, conditions: [{ type: "Available", status: "False" }] })).available, false);
    assert.match(deploymentState(deployment(2, { ...full, readyReplicas: 1 })).detail, /^1\/2 ready/);
  });

  it("reads pod phase, readiness, restarts and waiting reason", () => {
    const pod = podState({
      metadata: { name: "a" },
      spec: { nodeName: "w1" },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "False" }],
        containerStatuses: [{ restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } }, { restartCount: 1, state: { running: {} } }],
      },
    } as never);
    assert.deepEqual(pod, { name: "a", phase: "Running", ready: false, restarts: 4, waitingReason: "CrashLoopBackOff", nodeName: "w1", deleting: false });
    assert.equal(summarizePods([pod, { ...pod, name: "b" }]), "2 pods: 2 Running/unready/CrashLoopBackOff");
  });

  it("counts ready, non-terminating endpoint addresses across slices (missing ready = ready)", () => {
    const slices = [
      { endpoints: [{ addresses: ["10.0.0.1"], conditions: { ready: true } }, { addresses: ["10.0.0.2"], conditions: { ready: false } }] },
      { endpoints: [{ addresses: ["10.0.0.3"] }, { addresses: ["10.0.0.4"], conditions: { ready: true, terminating: true } }] },
      { endpoints: null },
    ];
    assert.deepEqual(readyEndpointAddresses(slices as never), ["10.0.0.1", "10.0.0.3"]);
  });
});
