import assert from "node:assert/strict";

import { formatDuration } from "../../../harness/report/formatDuration.js";

describe("formatDuration", () => {
  it("shows sub-minute durations with one decimal, dropping .0", () => {
    assert.equal(formatDuration(800), "0.8 s");
    assert.equal(formatDuration(8_400), "8.4 s");
    assert.equal(formatDuration(21_000), "21 s");
  });

  it("switches to minutes and hours for long runs", () => {
    assert.equal(formatDuration(125_000), "2 min 05 s");
    assert.equal(formatDuration(3_725_000), "1 h 02 min");
  });

  it("signs negative values and shows missing ones as a dash", () => {
    assert.equal(formatDuration(-1_500), "−1.5 s");
    assert.equal(formatDuration(undefined), "—");
    assert.equal(formatDuration(null), "—");
  });
});
