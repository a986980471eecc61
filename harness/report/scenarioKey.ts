import type { ScenarioResult } from "../scenario/runResult.js";

/** "scenario.variant": the one name a scenario run goes by in every report (JUnit classname, anchors, diffs). */
export function scenarioKey(scenario: Pick<ScenarioResult, "scenario" | "variant">): string {
  return `${scenario.scenario}.${scenario.variant}`;
}
