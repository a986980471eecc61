// A detector's two results, from what its tracker concluded: the negative control and the
// detection (or the blind spot). Pure, so every mapping rule has a unit test:
//   - fired on the baseline → failed; not established, or could not tell → error; else passed;
//   - "fire": fired within the deadline → passed (TTD); fired late or stayed silent → failed;
//     could not tell (errors, nothing observed after the fault) → error;
//   - "silent" (blind spot): fired → failed; silent with evidence → passed; anything less → error;
//   - a check that stopped observing is an error unless it had already fired.

import { formatDuration } from "./duration.js";
import type { Detection, NegativeControl } from "./detectorTracker.js";
import type { ExpectationResult } from "./runResult.js";
import type { DetectorSpec } from "./scenarioModel.js";

export interface DetectorVerdictInput {
  spec: DetectorSpec;
  /** The check as reports name it ("not: deployment web available"). */
  description: string;
  /** Why the check stopped observing early, if it did. */
  sessionError?: string;
}

export function negativeControlResult(detector: DetectorVerdictInput, negative: NegativeControl): ExpectationResult {
  const result: ExpectationResult = {
    id: `${detector.spec.id}.negative-control`,
    phase: "negative-control",
    description: `${detector.description}: silent on the healthy baseline`,
    verdict: "error",
  };
  if (detector.spec.standsFor) result.standsFor = detector.spec.standsFor;
  const stopped = detector.sessionError ? ` (the check stopped observing: ${detector.sessionError})` : "";
  switch (negative.status) {
    case "failed":
      return { ...result, verdict: "failed", observedAt: negative.at, message: `fired on the healthy baseline: ${negative.detail}${stopped}` };
    case "passed":
      if (detector.sessionError) return { ...result, message: `could not tell: the check stopped observing: ${detector.sessionError}` };
      return { ...result, verdict: "passed", message: `silent in ${negative.observations} observation(s) after the steady state held, before the fault` };
    case "could-not-tell":
      return { ...result, message: `could not tell: ${negative.detail}${stopped}` };
    case "pending":
      return { ...result, message: `could not tell: the baseline window never closed${stopped}` };
  }
}

export function detectionResult(detector: DetectorVerdictInput, detection: Detection): ExpectationResult {
  const spec = detector.spec;
  const base: ExpectationResult = {
    id: spec.id,
    phase: "expect",
    description:
      spec.description ??
      (spec.expect === "fire"
        ? `detector ${detector.description} fires within ${formatDuration(spec.withinMs)}`
        : `detector ${detector.description} stays silent (known blind spot)`),
    verdict: "error",
    deadlineMs: spec.withinMs,
  };
  if (spec.standsFor) base.standsFor = spec.standsFor;
  if (detection.status === "fired") {
    const timed = { ...base, observedAt: detection.at, timeToDetectMs: detection.timeToDetectMs };
    if (spec.expect === "silent") return { ...timed, verdict: "failed", message: `fired, but was declared a blind spot: ${detection.detail}` };
    if (detection.timeToDetectMs <= spec.withinMs) return { ...timed, verdict: "passed", message: detection.detail };
    return { ...timed, verdict: "failed", message: `fired too late (${formatDuration(detection.timeToDetectMs)}): ${detection.detail}` };
  }
  if (detector.sessionError) return { ...base, message: `could not tell: the detector stopped observing: ${detector.sessionError}` };
  if (detection.status === "could-not-tell") return { ...base, message: `could not tell: ${detection.detail}` };
  if (detection.status === "pending") return { ...base, message: "could not tell: the observation ended without a verdict" };
  if (spec.expect === "fire") return { ...base, verdict: "failed", message: `did not fire within ${formatDuration(spec.withinMs)}: ${detection.detail}` };
  return { ...base, verdict: "passed", message: `silent as expected in ${detection.observations} observation(s) after the fault (${detection.detail})` };
}
