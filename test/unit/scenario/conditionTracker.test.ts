import assert from "node:assert/strict";
import { ConditionTracker } from "../../../harness/scenario/conditionTracker.js";

const rule = { reference: 1_000, withinMs: 10_000, holdForMs: 0, negate: false };

describe("condition tracker (expectation verdicts)", () => {
  it("passes at the first observation that holds, measuring from the reference (TTD)", () => {
    const tracker = new ConditionTracker(rule);
    assert.equal(tracker.observe(2_000, "does-not-hold", "3 ready").status, "pending");
    const state = tracker.observe(4_500, "holds", "0 ready");
    assert.deepEqual(state, { status: "passed", observedAt: 4_500, elapsedMs: 3_500, detail: "0 ready", firstObservation: false });
  });

  it("fails at the deadline with the last state seen", () => {
    const tracker = new ConditionTracker(rule);
    tracker.observe(2_000, "does-not-hold", "3 ready");
    assert.equal(tracker.tick(10_999).status, "pending");
    assert.equal(tracker.nextWakeUp(), 11_000);
    assert.deepEqual(tracker.tick(11_000), { status: "failed", observedAt: 11_000, detail: "last seen: 3 ready" });
  });

  it("could not tell when the check never reported (not a failure of the system: nothing was shown)", () => {
    const tracker = new ConditionTracker(rule);
    assert.deepEqual(tracker.tick(11_000), { status: "could-not-tell", observedAt: 11_000, detail: "no observation before the deadline" });
  });

  it("requires holding for holdFor, which may extend past the deadline", () => {
    const tracker = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    tracker.observe(9_000, "holds", "empty");
    assert.equal(tracker.nextWakeUp(), 14_000);
    assert.equal(tracker.tick(12_000).status, "pending", "past the deadline, but holding since before it");
    const state = tracker.tick(14_000);
    assert.equal(state.status, "passed");
    assert.equal(state.status === "passed" && state.elapsedMs, 8_000);
  });

  it("restarts holdFor when the condition flaps before the deadline, and fails when it breaks after", () => {
    const flapping = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    flapping.observe(2_000, "holds", "empty");
    flapping.observe(3_000, "does-not-hold", "1 ready");
    flapping.observe(4_000, "holds", "empty");
    assert.equal(flapping.nextWakeUp(), 9_000);
    assert.equal(flapping.tick(9_000).status, "passed");

    const breaking = new ConditionTracker({ ...rule, holdForMs: 5_000 });
    breaking.observe(10_000, "holds", "empty");
    const state = breaking.observe(12_000, "does-not-hold", "1 ready");
    assert.equal(state.status, "failed");
    assert.match(state.status === "failed" ? state.detail : "", /stopped before 5000ms/);
  });

  it("negate expects the condition not to hold", () => {
    const tracker = new ConditionTracker({ ...rule, negate: true });
    assert.equal(tracker.observe(2_000, "holds", "restarts: 1").status, "pending");
    assert.equal(tracker.observe(3_000, "does-not-hold", "restarts: 0").status, "passed");
  });

  it("clamps observations made before the reference and marks 'already held when first observed'", () => {
    const tracker = new ConditionTracker(rule);
    const state = tracker.observe(500, "holds", "ready");
    assert.equal(state.status, "passed");
    assert.equal(state.status === "passed" && state.elapsedMs, 0);
    assert.equal(state.status === "passed" && state.firstObservation, true);
  });

  it("a condition that first holds after the deadline fails even with holdFor 0", () => {
    const tracker = new ConditionTracker(rule);
    const state = tracker.observe(12_000, "holds", "empty");
    assert.equal(state.status, "failed");
  });

  it("is final once settled", () => {
    const tracker = new ConditionTracker(rule);
    tracker.observe(2_000, "holds", "x");
    assert.equal(tracker.observe(3_000, "does-not-hold", "y").status, "passed");
    assert.equal(tracker.nextWakeUp(), null);
  });

  describe("could not tell", () => {
    it("never passes a negated expectation: an error is not 'does not hold'", () => {
      const tracker = new ConditionTracker({ ...rule, negate: true });
      assert.equal(tracker.observe(2_000, "could-not-tell", "PKI scan failed: connection refused").status, "pending");
      assert.deepEqual(tracker.tick(11_000), { status: "could-not-tell", observedAt: 11_000, detail: "could not tell: PKI scan failed: connection refused" });
    });

    it("never passes a plain expectation either", () => {
      const tracker = new ConditionTracker(rule);
      tracker.observe(2_000, "could-not-tell", "timeout");
      assert.equal(tracker.tick(11_000).status, "could-not-tell");
    });

    it("ends as could-not-tell when that was the last word before the deadline, as failed when a real reading came last", () => {
      const unreadableLast = new ConditionTracker(rule);
      unreadableLast.observe(2_000, "does-not-hold", "3 ready");
      unreadableLast.observe(3_000, "could-not-tell", "list pods: HTTP 500");
      assert.equal(unreadableLast.tick(11_000).status, "could-not-tell");

      const readableLast = new ConditionTracker(rule);
      readableLast.observe(2_000, "could-not-tell", "list pods: HTTP 500");
      readableLast.observe(3_000, "does-not-hold", "3 ready");
      assert.deepEqual(readableLast.tick(11_000), { status: "failed", observedAt: 11_000, detail: "last seen: 3 ready" });
    });

    it("breaks a holdFor streak before the deadline (nobody can vouch for the gap), and ends it after", () => {
      const gap = new ConditionTracker({ ...rule, holdForMs: 5_000 });
      gap.observe(2_000, "holds", "empty");
      gap.observe(4_000, "could-not-tell", "watch failed");
      assert.equal(gap.tick(7_000).status, "pending", "the streak from 2s does not count through the gap");
      gap.observe(8_000, "holds", "empty");
      assert.equal(gap.nextWakeUp(), 13_000);

      const late = new ConditionTracker({ ...rule, holdForMs: 5_000 });
      late.observe(10_000, "holds", "empty");
      const state = late.observe(12_000, "could-not-tell", "watch failed");
      assert.equal(state.status, "could-not-tell");
      assert.match(state.status === "could-not-tell" ? state.detail : "", /then could not tell before 5000ms had passed: watch failed/);
    });
  });
});
