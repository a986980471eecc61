import type { ScenarioResult } from "../scenario/runResult.js";

// A scenario can fail before any expectation is evaluated (setup crashed, the cluster never came
// up). Its expectations then all look fine or are missing, and a report that only lists
// expectations would show green. Writers use this to add an explicit failing entry instead.

/**
 * When the scenario did not pass but none of its expectations failed or errored, the reason,
 * taken from the timeline's error events; otherwise null.
 */
export function unexplainedFailure(scenario: ScenarioResult): string | null {
  if (scenario.verdict === "passed" || scenario.verdict === "skipped") return null;
  if (scenario.expectations.some((e) => e.verdict === "failed" || e.verdict === "error")) return null;
  const errors = scenario.timeline.filter((e) => e.kind === "error");
  if (errors.length === 0) return `scenario ${scenario.verdict} without a failed expectation or an error event`;
  return errors.map((e) => (e.detail ? `${e.name}: ${e.detail}` : e.name)).join("\n");
}
