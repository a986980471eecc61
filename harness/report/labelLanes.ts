// Timeline labels sit next to their markers; when markers are close (two detections 0.5 s apart
// on a 6-minute axis) the labels would print over each other. Each label goes to the first lane
// (line) where it does not touch the label before it: the classic greedy interval partitioning,
// which uses the fewest lanes for intervals sorted by start.

export interface LabelSpan {
  /** Left edge of the label, in px. */
  start: number;
  /** Right edge of the label, in px. */
  end: number;
}

/**
 * The lane (0 = first line) for each span, in input order. Spans in the same lane keep at least
 * `gap` px apart. Beyond `maxLanes` lanes, a label goes to the lane that frees up first, so a
 * very crowded chart overlaps a little instead of growing without bound.
 */
export function assignLabelLanes(spans: readonly LabelSpan[], gap = 8, maxLanes = 8): number[] {
  const order = spans.map((_, index) => index).sort((a, b) => (spans[a]?.start ?? 0) - (spans[b]?.start ?? 0));
  const laneEnds: number[] = [];
  const lanes = new Array<number>(spans.length).fill(0);
  for (const index of order) {
    const span = spans[index];
    if (span === undefined) continue;
    let lane = laneEnds.findIndex((end) => end + gap <= span.start);
    if (lane === -1) {
      if (laneEnds.length < maxLanes) {
        lane = laneEnds.length;
      } else {
        lane = laneEnds.indexOf(Math.min(...laneEnds));
      }
    }
    laneEnds[lane] = Math.max(laneEnds[lane] ?? -Infinity, span.end);
    lanes[index] = lane;
  }
  return lanes;
}
