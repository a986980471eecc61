import type { Verdict } from "../scenario/runResult.js";

export type VerdictCounts = Record<Verdict, number> & { total: number };

/** How many of the given items ended with each verdict. */
export function countVerdicts(items: ReadonlyArray<{ verdict: Verdict }>): VerdictCounts {
  const counts: VerdictCounts = { passed: 0, failed: 0, error: 0, skipped: 0, total: 0 };
  for (const item of items) {
    counts[item.verdict] += 1;
    counts.total += 1;
  }
  return counts;
}
