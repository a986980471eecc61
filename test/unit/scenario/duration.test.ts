import assert from "node:assert/strict";
import { DurationSyntaxError, formatDuration, parseDuration } from "../../../harness/scenario/duration.js";

describe("durations", () => {
  it("parses single and compound units", () => {
    assert.equal(parseDuration("500ms"), 500);
    assert.equal(parseDuration("5s"), 5_000);
    assert.equal(parseDuration("2m"), 120_000);
    assert.equal(parseDuration("1h"), 3_600_000);
    assert.equal(parseDuration("1m30s"), 90_000);
    assert.equal(parseDuration("1.5s"), 1_500);
    assert.equal(parseDuration(" 10s "), 10_000);
  });

  it("refuses bare numbers, unknown units, spaces inside and negatives, saying how to write them", () => {
    for (const bad of [30, "30", "30 s", "1d", "-5s", "s", "", "5S", "1m 30s"]) {
      assert.throws(() => parseDuration(bad), (error: unknown) => error instanceof DurationSyntaxError && /ms, s, m or h/.test(error.fix), String(bad));
    }
    assert.throws(() => parseDuration(30), /"30" is not a duration/);
  });

  it("formats compactly for messages", () => {
    assert.equal(formatDuration(250), "250ms");
    assert.equal(formatDuration(1_500), "1.5s");
    assert.equal(formatDuration(30_000), "30s");
    assert.equal(formatDuration(90_000), "1m30s");
    assert.equal(formatDuration(120_000), "2m");
    assert.equal(formatDuration(119_700), "2m");
    assert.equal(formatDuration(-2_000), "-2s");
  });
});
