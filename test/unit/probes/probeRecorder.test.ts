import assert from "node:assert/strict";
import { ProbeRecorder } from "../../../harness/probes/probeRecorder.js";

describe("probe recorder", () => {
  it("counts availability and opens/closes outages at state changes", () => {
    const changes: string[] = [];
    const recorder = new ProbeRecorder("web", "http", (up, at) => changes.push(`${up ? "up" : "down"}@${at}`));
    recorder.record(0, true);
    recorder.record(1_000, false);
    recorder.record(2_000, false);
    recorder.record(3_000, true);
    recorder.record(4_000, false);
    const summary = recorder.summary();
    assert.equal(summary.attempts, 5);
    assert.equal(summary.successes, 2);
    assert.equal(summary.availability, 0.4);
    assert.deepEqual(summary.outages, [
      { from: 1_000, to: 3_000 },
      { from: 4_000, to: null },
    ]);
    assert.deepEqual(changes, ["down@1000", "up@3000", "down@4000"]);
  });

  it("reports null availability when nothing was attempted", () => {
    assert.equal(new ProbeRecorder("x", "http").summary().availability, null);
  });
});
