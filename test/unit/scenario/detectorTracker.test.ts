import assert from "node:assert/strict";
import { DetectorTracker, type DetectorObservation } from "../../../harness/scenario/detectorTracker.js";
import type { Reading } from "../../../harness/scenario/observationReading.js";

const fire = { expect: "fire" as const, withinMs: 30_000, negate: false };
const blindSpot = { expect: "silent" as const, withinMs: 10_000, negate: false };

/** An observation observed and reported at `at` (or reported later, with `reportedAt`). */
function seen(at: number, reading: Reading, detail: string, reportedAt = at): DetectorObservation {
  return { at, reportedAt, reading, detail };
}

describe("detector tracker (negative control and time-to-detect)", () => {
  it("passes the negative control when silent in the baseline window and records TTD from t0", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(500);
    tracker.observe(seen(1_000, "does-not-hold", "2 ready"));
    tracker.observe(seen(3_000, "does-not-hold", "2 ready"));
    tracker.markFault(5_000);
    assert.deepEqual(tracker.negativeControl, { status: "passed", observations: 2 });
    tracker.observe(seen(6_000, "does-not-hold", "1 ready"));
    tracker.observe(seen(7_250, "holds", "0 ready"));
    tracker.observe(seen(9_000, "holds", "0 ready"));
    assert.deepEqual(tracker.close(), { status: "fired", at: 7_250, timeToDetectMs: 2_250, detail: "0 ready" });
  });

  it("fails the negative control when the detector fires in the baseline window", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(0);
    tracker.observe(seen(1_000, "does-not-hold", "ok"));
    tracker.observe(seen(2_000, "holds", "noisy"));
    tracker.observe(seen(3_000, "does-not-hold", "ok"));
    tracker.markFault(4_000);
    assert.deepEqual(tracker.negativeControl, { status: "failed", at: 2_000, detail: "noisy", observations: 3 });
  });

  it("ignores what the detector said while the baseline was still settling (before the steady state held)", () => {
    const tracker = new DetectorTracker(fire);
    tracker.observe(seen(1_000, "holds", "lookup fails: CoreDNS not ready yet"));
    tracker.openBaseline(2_000);
    tracker.observe(seen(2_500, "does-not-hold", "lookup ok"));
    tracker.markFault(8_000);
    assert.deepEqual(tracker.negativeControl, { status: "passed", observations: 1 });
  });

  it("counts a firing reported inside the window even when it was observed earlier (a sustained condition's firing instant)", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(2_000);
    tracker.observe(seen(1_500, "holds", "1 for ≥ 15s: orders", 2_100));
    tracker.markFault(8_000);
    assert.deepEqual(tracker.negativeControl, { status: "failed", at: 2_000, detail: "1 for ≥ 15s: orders", observations: 1 });
  });

  it("could not tell when the detector was never read in the window", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(0);
    tracker.markFault(4_000);
    const negative = tracker.negativeControl;
    assert.equal(negative.status, "could-not-tell");
    assert.match(negative.status === "could-not-tell" ? negative.detail : "", /not established/);
  });

  it("could not tell when the steady state never opened the window", () => {
    const tracker = new DetectorTracker(fire);
    tracker.observe(seen(1_000, "does-not-hold", "ok"));
    tracker.markFault(4_000);
    assert.equal(tracker.negativeControl.status, "could-not-tell");
  });

  it("an error in the window is not silence: the negative control could not tell, naming the error", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(0);
    tracker.observe(seen(1_000, "does-not-hold", "ok"));
    tracker.observe(seen(2_000, "could-not-tell", "helm failed: context deadline exceeded"));
    tracker.observe(seen(3_000, "does-not-hold", "ok"));
    tracker.markFault(4_000);
    const negative = tracker.negativeControl;
    assert.equal(negative.status, "could-not-tell");
    assert.match(negative.status === "could-not-tell" ? negative.detail : "", /1 of 3 time\(s\).*helm failed: context deadline exceeded/);
  });

  it("negation swaps holds and does-not-hold and never turns could-not-tell into silence", () => {
    const tracker = new DetectorTracker({ ...fire, negate: true });
    tracker.openBaseline(0);
    tracker.observe(seen(1_000, "could-not-tell", "GET / failed: socket hang up"));
    tracker.markFault(2_000);
    assert.equal(tracker.negativeControl.status, "could-not-tell");
    tracker.observe(seen(3_000, "does-not-hold", "503"));
    assert.equal(tracker.close().status, "fired", "negated: the check not holding is the detector firing");
  });

  it("attributes an observation reported after t0 but started before it to t0", () => {
    const tracker = new DetectorTracker(fire);
    tracker.openBaseline(0);
    tracker.observe(seen(1_000, "does-not-hold", "ok"));
    tracker.markFault(5_000);
    tracker.observe(seen(4_000, "holds", "polled across the fault", 5_100));
    const detection = tracker.close();
    assert.equal(detection.status === "fired" && detection.timeToDetectMs, 0);
  });

  it("a fire detector that never fired: silent when read after the fault, could-not-tell when only errors or nothing came", () => {
    const silent = new DetectorTracker(fire);
    silent.openBaseline(0);
    silent.markFault(1_000);
    silent.observe(seen(2_000, "does-not-hold", "2 ready"));
    assert.deepEqual(silent.close(), { status: "silent", detail: "last seen: 2 ready", observations: 1 });

    const errors = new DetectorTracker(fire);
    errors.openBaseline(0);
    errors.markFault(1_000);
    errors.observe(seen(2_000, "could-not-tell", "exec failed"));
    assert.equal(errors.close().status, "could-not-tell");

    const nothing = new DetectorTracker(fire);
    nothing.openBaseline(0);
    nothing.markFault(1_000);
    assert.deepEqual(nothing.close(), { status: "could-not-tell", detail: "no observation after the fault" });
  });

  describe("blind spots need evidence after the fault", () => {
    it("silent with a reading at or after the end of the window", () => {
      const tracker = new DetectorTracker(blindSpot);
      tracker.openBaseline(0);
      tracker.observe(seen(1_000, "does-not-hold", "Running"));
      tracker.markFault(2_000);
      tracker.observe(seen(3_000, "does-not-hold", "Running, not ready"));
      tracker.observe(seen(12_000, "does-not-hold", "Running, not ready (fresh look)"));
      assert.deepEqual(tracker.close(), { status: "silent", detail: "last seen: Running, not ready (fresh look)", observations: 2 });
    });

    it("could not tell with no observation after the fault", () => {
      const tracker = new DetectorTracker(blindSpot);
      tracker.openBaseline(0);
      tracker.observe(seen(1_000, "does-not-hold", "Running"));
      tracker.markFault(2_000);
      assert.deepEqual(tracker.close(), { status: "could-not-tell", detail: "no observation after the fault" });
    });

    it("could not tell when nothing was read at the end of its window", () => {
      const tracker = new DetectorTracker(blindSpot);
      tracker.openBaseline(0);
      tracker.observe(seen(1_000, "does-not-hold", "Running"));
      tracker.markFault(2_000);
      tracker.observe(seen(3_000, "does-not-hold", "Running, not ready"));
      const detection = tracker.close();
      assert.equal(detection.status, "could-not-tell");
      assert.match(detection.status === "could-not-tell" ? detection.detail : "", /no observation at or after the end of its window \(12000ms on the run clock\)/);
    });

    it("could not tell when the check erred after the fault, even if it read silent at the end", () => {
      const tracker = new DetectorTracker(blindSpot);
      tracker.openBaseline(0);
      tracker.observe(seen(1_000, "does-not-hold", "Running"));
      tracker.markFault(2_000);
      tracker.observe(seen(5_000, "could-not-tell", "list nodes: x509: certificate has expired"));
      tracker.observe(seen(12_000, "does-not-hold", "Ready"));
      assert.equal(tracker.close().status, "could-not-tell");
    });
  });
});
