import assert from "node:assert/strict";
import { DetectorTracker } from "../../../harness/scenario/detectorTracker.js";

describe("detector tracker (negative control and time-to-detect)", () => {
  it("passes the negative control when silent before the fault and records TTD from t0", () => {
    const tracker = new DetectorTracker({ expect: "fire", withinMs: 30_000 });
    tracker.observe(1_000, false, "2 ready");
    tracker.observe(3_000, false, "2 ready");
    tracker.markFault(5_000);
    assert.deepEqual(tracker.negativeControl, { status: "passed", observations: 2 });
    assert.equal(tracker.deadline(), 35_000);
    tracker.observe(6_000, false, "1 ready");
    tracker.observe(7_250, true, "0 ready");
    tracker.observe(9_000, true, "0 ready");
    assert.deepEqual(tracker.close(), { status: "fired", at: 7_250, timeToDetectMs: 2_250, detail: "0 ready" });
  });

  it("fails the negative control when the detector fires on the healthy baseline", () => {
    const tracker = new DetectorTracker({ expect: "fire", withinMs: 30_000 });
    tracker.observe(1_000, false, "ok");
    tracker.observe(2_000, true, "noisy");
    tracker.observe(3_000, false, "ok");
    tracker.markFault(4_000);
    assert.deepEqual(tracker.negativeControl, { status: "failed", at: 2_000, detail: "noisy", observations: 3 });
  });

  it("fails the negative control when the detector was never observed before the fault", () => {
    const tracker = new DetectorTracker({ expect: "fire", withinMs: 30_000 });
    tracker.markFault(4_000);
    const negative = tracker.negativeControl;
    assert.equal(negative.status, "failed");
    assert.match(negative.status === "failed" ? negative.detail : "", /not established/);
  });

  it("attributes an observation reported after t0 but started before it to t0", () => {
    const tracker = new DetectorTracker({ expect: "fire", withinMs: 30_000 });
    tracker.observe(1_000, false, "ok");
    tracker.markFault(5_000);
    tracker.observe(4_000, true, "polled across the fault");
    const detection = tracker.close();
    assert.equal(detection.status === "fired" && detection.timeToDetectMs, 0);
  });

  it("a blind spot that never fires closes silent", () => {
    const tracker = new DetectorTracker({ expect: "silent", withinMs: 0 });
    tracker.observe(1_000, false, "Running");
    tracker.markFault(2_000);
    tracker.observe(3_000, false, "Running, not ready");
    assert.deepEqual(tracker.close(), { status: "silent", detail: "last seen: Running, not ready" });
  });
});
