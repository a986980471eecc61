import assert from "node:assert/strict";
import { RunClock } from "../../../harness/scenario/runClock.js";
import { Timeline } from "../../../harness/scenario/timeline.js";

describe("run clock and timeline", () => {
  it("measures from the run start on the monotonic clock, labels with wall time", () => {
    let perf = 5_000;
    const clock = new RunClock(() => perf, () => Date.UTC(2025, 0, 1, 12, 0, 0));
    perf = 6_500;
    assert.equal(clock.now(), 1_500);
    assert.equal(clock.wallAt(1_500), "2025-01-01T12:00:01.500Z");
  });

  it("keeps events in time order, t0 is the first fault", () => {
    let perf = 0;
    const timeline = new Timeline(new RunClock(() => perf, () => 0));
    perf = 100;
    timeline.record("phase", "fault");
    perf = 200;
    timeline.record("fault", "delete-pods");
    perf = 900;
    timeline.record("detection", "endpoints-empty", "0 ready", 450);
    timeline.record("fault", "second");
    assert.equal(timeline.faultAt(), 200);
    assert.deepEqual(timeline.snapshot().map((e) => `${e.at}:${e.kind}`), ["100:phase", "200:fault", "450:detection", "900:fault"]);
  });
});
