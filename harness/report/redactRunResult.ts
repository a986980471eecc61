import type { RunResult } from "../scenario/runResult.js";
import { redactSecrets } from "./redactSecrets.js";

// Every writer starts from the redacted copy, so no report can leak a credential whatever field
// it ended up in (a step detail, a tool version string, a scenario title).

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(inner)]));
  }
  return value;
}

/** A deep copy of the run with every string value passed through redactSecrets; the input is not changed. */
export function redactRunResult(result: RunResult): RunResult {
  // The walk keeps the shape exactly (only string leaves change), so the cast back is sound.
  return redactValue(result) as RunResult;
}
