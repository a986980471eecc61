import assert from "node:assert/strict";
import { VerdictHistory } from "../../../harness/detectors/observationStreak.js";

describe("verdict history", () => {
  it("dates the current verdict from the first sample of its unbroken run", () => {
    const history = new VerdictHistory();
    for (const [at, verdict] of [[0, true], [1_000, false], [2_000, false], [3_000, true], [4_000, true]] as const) history.add({ at, verdict });
    assert.equal(history.streakStart(), 3_000);
    history.add({ at: 5_000, verdict: false });
    assert.equal(history.streakStart(), 5_000);
  });

  it("orders samples that arrive late by their time, and forgets the oldest beyond its limit", () => {
    const history = new VerdictHistory(3);
    history.add({ at: 2_000, verdict: true });
    history.add({ at: 1_000, verdict: true });
    history.add({ at: 3_000, verdict: true });
    assert.equal(history.streakStart(), 1_000);
    history.add({ at: 4_000, verdict: true });
    assert.equal(history.streakStart(), 2_000, "the sample at 1s was dropped");
    assert.equal(new VerdictHistory().streakStart(), undefined);
  });
});
