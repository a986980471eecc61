import assert from "node:assert/strict";
import { ConditionTracker } from "../../../harness/scenario/conditionTracker.js";

const rule = { reference: 1_000, withinMs: 10_000, holdForMs: 0, negate: false };

describe("condition tracker (expectation verdicts)", () => {
  it("passes at the first observation that holds, measuring from the reference (TTD)", () => {
    const tracker = new ConditionTracker(rule);
    assert.equal(tracker.observe(2_000, false, "3 ready").status, "pending");
    const state = tracker.observe(4_500, true, "0 ready");
    assert.deepEqual(state, { status: "passed", observedAt: 4_500, elapsedMs: 3_500, detail: "0 ready", firstObservation: false });
  });

  it("fails at the deadline with the last state seen", () => {
    const tracker = new ConditionTracker(rule);
    tracker.observe(2_000, false, "3 ready");
    assert.equal(tracker.tick(10_999).status, "pending");
    assert.equal(tracker.nextWakeUp(), 11_000);
    assert.deepEqual(tracker.tick(11_000), { status: "failed", observedAt: 11_000, detail: "last seen: 3 ready" });
  });

  it("fails with 'no observation' when the check never reported", () => {
    const tracker = new ConditionTracker(rule);
    assert.deepEqual(tracker.tick(11_000), { status: "failed", observedAt: 11_000, detail: "no observation before the deadline" });
  });

  it("requires holding for holdFor, which may extend past the deadline", () => {
    const tracker = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    tracker.observe(9_000, true, "empty");
    assert.equal(tracker.nextWakeUp(), 14_000);
    assert.equal(tracker.tick(12_000).status, "pending", "past the deadline, but holding since before it");
    const state = tracker.tick(14_000);
    assert.equal(state.status, "passed");
    assert.equal(state.status === "passed" && state.elapsedMs, 8_000);
  });

  it("restarts holdFor when the condition flaps before the deadline, and fails when it breaks after", () => {
    const flapping = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    flapping.observe(2_000, true, "empty");
    flapping.observe(3_000, false, "1 ready");
    flapping.observe(4_000, true, "empty");
    assert.equal(flapping.nextWakeUp(), 9_000);
    assert.equal(flapping.tick(9_000).status, "passed");

    const breaking = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    breaking.observe(10_000, true, "empty");
    const state = breaking.observe(12_000, false, "1 ready");
    assert.equal(state.status, "failed");
    assert.match(state.status === "failed" ? state.detail : "", /stopped before 5000ms/);
  });

  it("negate expects the condition not to hold", () => {
    const tracker = new ConditionTracker({ ...rule, negate: true });
    assert.equal(tracker.observe(2_000, true, "restarts: 1").status, "pending");
    assert.equal(tracker.observe(3_000, false, "restarts: 0").status, "passed");
  });

  it("clamps observations made before the reference and marks 'already held when first observed'", () => {
    const tracker = new ConditionTracker(rule);
    const state = tracker.observe(500, true, "ready");
    assert.equal(state.status, "passed");
    assert.equal(state.status === "passed" && state.elapsedMs, 0);
    assert.equal(state.status === "passed" && state.firstObservation, true);
  });

  it("a condition that first holds after the deadline fails even with holdFor 0", () => {
    const tracker = new ConditionTracker(rule);
    const state = tracker.observe(12_000, true, "empty");
    assert.equal(state.status, "failed");
  });

  it("is final once settled", () => {
    const tracker = new ConditionTracker(rule);
    tracker.observe(2_000, true, "x");
    assert.equal(tracker.observe(3_000, false, "y").status, "passed");
    assert.equal(tracker.nextWakeUp(), null);
  });
});
