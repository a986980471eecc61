import assert from "node:assert/strict";
import { detectionResult, negativeControlResult, type DetectorVerdictInput } from "../../../harness/scenario/detectorVerdicts.js";
import type { DetectorSpec } from "../../../harness/scenario/scenarioModel.js";

function detector(expect: "fire" | "silent", sessionError?: string): DetectorVerdictInput {
  const spec: DetectorSpec = { id: "d", kind: "endpointsEmpty", params: "web", expect, withinMs: 60_000, negate: false, source: { line: 1, column: 1, field: "detectors[0]" }, standsFor: "an alert" };
  return sessionError ? { spec, description: "endpoints of web empty", sessionError } : { spec, description: "endpoints of web empty" };
}

describe("detector verdicts (the mapping from what a detector saw to a result)", () => {
  describe("negative control", () => {
    it("passed when silent with observations; failed when it fired on the baseline", () => {
      const passed = negativeControlResult(detector("fire"), { status: "passed", observations: 4 });
      assert.equal(passed.verdict, "passed");
      assert.equal(passed.id, "d.negative-control");
      assert.equal(passed.standsFor, "an alert");
      const failed = negativeControlResult(detector("fire"), { status: "failed", at: 1_234, detail: "0 ready", observations: 2 });
      assert.equal(failed.verdict, "failed");
      assert.equal(failed.observedAt, 1_234);
      assert.match(failed.message ?? "", /fired on the healthy baseline: 0 ready/);
    });

    it("error, never passed, when it could not tell, was never established, or the check stopped observing", () => {
      assert.equal(negativeControlResult(detector("fire"), { status: "could-not-tell", detail: "exec failed", observations: 1 }).verdict, "error");
      assert.equal(negativeControlResult(detector("fire"), { status: "pending", observations: 0 }).verdict, "error");
      const stopped = negativeControlResult(detector("fire", "watch Endpoints: HTTP 403"), { status: "passed", observations: 3 });
      assert.equal(stopped.verdict, "error");
      assert.match(stopped.message ?? "", /HTTP 403/);
    });
  });

  describe("detection (expect: fire)", () => {
    it("passed with TTD when it fired within the deadline; failed when late or silent", () => {
      const inTime = detectionResult(detector("fire"), { status: "fired", at: 9_000, timeToDetectMs: 4_000, detail: "0 ready" });
      assert.equal(inTime.verdict, "passed");
      assert.equal(inTime.timeToDetectMs, 4_000);
      assert.equal(detectionResult(detector("fire"), { status: "fired", at: 99_000, timeToDetectMs: 61_000, detail: "0 ready" }).verdict, "failed");
      const silent = detectionResult(detector("fire"), { status: "silent", detail: "last seen: 2 ready", observations: 5 });
      assert.equal(silent.verdict, "failed");
      assert.match(silent.message ?? "", /did not fire within 1m/);
    });

    it("error when it could not tell or stopped observing before firing; a firing before the stop still counts", () => {
      assert.equal(detectionResult(detector("fire"), { status: "could-not-tell", detail: "no observation after the fault" }).verdict, "error");
      assert.equal(detectionResult(detector("fire", "watch ended"), { status: "silent", detail: "x", observations: 1 }).verdict, "error");
      assert.equal(detectionResult(detector("fire", "watch ended"), { status: "fired", at: 1, timeToDetectMs: 1, detail: "x" }).verdict, "passed");
    });
  });

  describe("blind spot (expect: silent)", () => {
    it("passed only when silent with evidence, naming how many observations", () => {
      const result = detectionResult(detector("silent"), { status: "silent", detail: "last seen: Ready", observations: 7 });
      assert.equal(result.verdict, "passed");
      assert.match(result.message ?? "", /silent as expected in 7 observation\(s\) after the fault/);
    });

    it("failed when it fired; error when it could not tell or stopped observing", () => {
      assert.equal(detectionResult(detector("silent"), { status: "fired", at: 1, timeToDetectMs: 1, detail: "NotReady" }).verdict, "failed");
      assert.equal(detectionResult(detector("silent"), { status: "could-not-tell", detail: "no observation after the fault" }).verdict, "error");
      assert.equal(detectionResult(detector("silent", "watch Node: HTTP 401"), { status: "silent", detail: "x", observations: 3 }).verdict, "error");
    });
  });
});
