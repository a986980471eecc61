import assert from "node:assert/strict";

import { timeAxisTicks } from "../../../harness/report/timeAxisTicks.js";

describe("timeAxisTicks", () => {
  it("labels t0 and counts seconds from it on a 30-second run", () => {
    const ticks = timeAxisTicks(0, 30_000, 10_000, 10);
    assert.deepEqual(
      ticks.map((t) => t.label),
      ["−10 s", "−5 s", "t0", "+5 s", "+10 s", "+15 s", "+20 s"],
    );
    assert.equal(ticks.find((t) => t.label === "t0")?.at, 10_000);
  });

  it("switches to minutes on a 30-minute run and stays within the tick budget", () => {
    const ticks = timeAxisTicks(0, 30 * 60_000, 2 * 60_000, 10);
    assert.ok(ticks.length <= 10, `${ticks.length} ticks`);
    assert.deepEqual(ticks.slice(0, 4).map((t) => t.label), ["t0", "+5 min", "+10 min", "+15 min"]);
  });

  it("keeps every tick inside the range and on the step grid from the origin", () => {
    const ticks = timeAxisTicks(1_234, 97_000, 30_000, 8);
    assert.ok(ticks.every((t) => t.at >= 1_234 && t.at <= 97_000));
    const steps = new Set(ticks.slice(1).map((t, i) => t.at - (ticks[i]?.at ?? 0)));
    assert.equal(steps.size, 1);
    const [step] = [...steps];
    assert.equal((30_000 - (ticks[0]?.at ?? 0)) % (step ?? 1), 0);
  });

  it("names the origin as asked when there was no fault", () => {
    assert.equal(timeAxisTicks(0, 10_000, 0, 5, "start")[0]?.label, "start");
  });
});
