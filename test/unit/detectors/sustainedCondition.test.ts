import assert from "node:assert/strict";
import { SustainedCondition } from "../../../harness/detectors/sustainedCondition.js";
import { mismatchedDeployments } from "../../../harness/detectors/replicasMismatchCheck.js";
import { podsInNotReadyPhase } from "../../../harness/detectors/podPhaseNotReadyCheck.js";

describe("sustained conditions (an alert rule's for:)", () => {
  it("fires only once an object matched continuously for the duration, at the instant it reached it", () => {
    const condition = new SustainedCondition(15_000);
    const first = condition.update(new Map([["web-1", "Pending"]]), 1_000);
    assert.equal(first.holds, false);
    assert.equal(first.nextDueAt, 16_000);
    assert.equal(condition.verdict(15_999).holds, false);
    const fired = condition.verdict(16_000);
    assert.equal(fired.holds, true);
    assert.equal(fired.firedAt, 16_000);
    assert.match(fired.detail, /web-1 \(Pending\)/);
  });

  it("a blip that ends resets the clock for that object", () => {
    const condition = new SustainedCondition(10_000);
    condition.update(new Map([["a", "Pending"]]), 0);
    assert.equal(condition.update(new Map(), 5_000).nextDueAt, null);
    condition.update(new Map([["a", "Pending"]]), 6_000);
    assert.equal(condition.verdict(12_000).holds, false, "the first 5s do not count any more");
    assert.equal(condition.verdict(16_000).holds, true);
  });

  it("with for 0 it fires at once", () => {
    assert.equal(new SustainedCondition(0).update(new Map([["a", "x"]]), 3).holds, true);
  });
});

describe("replicas mismatch and KubePodNotReady rules", () => {
  it("counts Deployments with fewer available than desired replicas, optionally only the named ones", () => {
    const deployment = (name: string, replicas: number, available?: number) => ({ metadata: { name }, spec: { replicas }, status: available === undefined ? {} : { availableReplicas: available } });
    const objects = [deployment("orders", 2, 0), deployment("payments", 2, 2), deployment("cart", 3)];
    assert.deepEqual([...mismatchedDeployments(objects)], [["orders", "0/2 available"], ["cart", "0/3 available"]]);
    assert.deepEqual([...mismatchedDeployments(objects, ["payments", "orders"])], [["orders", "0/2 available"]]);
  });

  it("matches Pending/Unknown/Failed phases only — a Running pod that is not ready is invisible to it", () => {
    const pod = (name: string, phase: string | undefined, ready: boolean, job = false) => ({
      metadata: { name, ...(job ? { ownerReferences: [{ kind: "Job", name: "j", apiVersion: "batch/v1", uid: "u" }] } : {}) },
      status: { ...(phase ? { phase } : {}), conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
    });
    const result = podsInNotReadyPhase([pod("deadlocked", "Running", false), pod("starting", "Pending", false), pod("lost", undefined, false), pod("crashed", "Failed", false), pod("batch", "Pending", false, true)]);
    assert.deepEqual([...result], [["starting", "Pending"], ["lost", "Unknown"], ["crashed", "Failed"]]);
  });
});
