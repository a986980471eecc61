// A scenario's overall verdict from its expectations: any failure fails it; otherwise any error
// makes it an error (the harness or cluster broke, not the system under test); an empty list is a
// failure, because a scenario that asserted nothing cannot pass.

import type { ExpectationResult, Verdict } from "./runResult.js";

export function scenarioVerdict(expectations: ExpectationResult[]): Verdict {
  if (expectations.length === 0) return "failed";
  if (expectations.some((expectation) => expectation.verdict === "failed")) return "failed";
  if (expectations.some((expectation) => expectation.verdict === "error")) return "error";
  if (expectations.every((expectation) => expectation.verdict === "skipped")) return "skipped";
  return "passed";
}
