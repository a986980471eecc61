import assert from "node:assert/strict";

import { assignLabelLanes, type LabelSpan } from "../../../harness/report/labelLanes.js";

function overlapsInLane(spans: LabelSpan[], lanes: number[], gap: number): boolean {
  return spans.some((a, i) =>
    spans.some((b, j) => i < j && lanes[i] === lanes[j] && a.start < b.end + gap && b.start < a.end + gap),
  );
}

describe("assignLabelLanes", () => {
  it("keeps labels that do not touch on the first lane", () => {
    assert.deepEqual(assignLabelLanes([{ start: 0, end: 50 }, { start: 100, end: 150 }, { start: 200, end: 260 }]), [0, 0, 0]);
  });

  it("staggers labels that would overlap, reusing lanes as soon as they free up", () => {
    const spans = [
      { start: 100, end: 300 },
      { start: 110, end: 280 },
      { start: 120, end: 200 },
      { start: 320, end: 400 },
    ];
    const lanes = assignLabelLanes(spans);
    assert.deepEqual(lanes, [0, 1, 2, 0]);
    assert.equal(overlapsInLane(spans, lanes, 8), false);
  });

  it("answers in input order, whatever order the spans come in", () => {
    assert.deepEqual(assignLabelLanes([{ start: 110, end: 200 }, { start: 100, end: 200 }]), [1, 0]);
  });

  it("caps the number of lanes for very crowded charts", () => {
    const spans = Array.from({ length: 20 }, (_, i) => ({ start: i, end: i + 500 }));
    const lanes = assignLabelLanes(spans, 8, 4);
    assert.equal(Math.max(...lanes), 3);
  });
});
