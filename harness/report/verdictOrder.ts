import type { Verdict } from "../scenario/runResult.js";

// Reports put what needs attention first: a reader of a step summary stops after a screenful.
const RANK: Record<Verdict, number> = { error: 0, failed: 1, skipped: 2, passed: 3 };

/** Stable sort key: errors, then failures, then skipped, then passed. */
export function verdictRank(verdict: Verdict): number {
  return RANK[verdict];
}

/** A copy sorted worst first; items with equal verdicts keep their order. */
export function worstFirst<T extends { verdict: Verdict }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => verdictRank(a.verdict) - verdictRank(b.verdict));
}
