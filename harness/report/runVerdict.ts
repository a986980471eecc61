import type { RunResult, Verdict } from "../scenario/runResult.js";
import { verdictRank } from "./verdictOrder.js";

/** The run's verdict is its worst scenario's; a run with no scenario ran nothing and is "skipped". */
export function runVerdict(run: RunResult): Verdict {
  let worst: Verdict = run.scenarios.length === 0 ? "skipped" : "passed";
  for (const scenario of run.scenarios) {
    if (verdictRank(scenario.verdict) < verdictRank(worst)) worst = scenario.verdict;
  }
  return worst;
}
