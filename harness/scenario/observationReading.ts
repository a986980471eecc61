// The three answers an observation can give — holds, does not hold, could not tell — and the one
// rule that keeps verdicts honest: negation swaps the first two and never touches the third, so an
// error can never be read as "silent" or "not holding". Every tracker works on a Reading.

import type { CouldNotTellReading, Observation } from "./kindTypes.js";

export type Reading = "holds" | "does-not-hold" | "could-not-tell";

/** A check that could not evaluate its condition says so with this, naming the error or missing input. */
export function couldNotTell(detail: string): CouldNotTellReading {
  return { couldNotTell: true, detail };
}

export function readingOf(observation: Observation): Reading {
  if ("couldNotTell" in observation) return "could-not-tell";
  return observation.holds ? "holds" : "does-not-hold";
}

/** The reading as the assertion sees it: `negate` swaps holds and does-not-hold, and only those. */
export function negateReading(reading: Reading, negate: boolean): Reading {
  if (!negate || reading === "could-not-tell") return reading;
  return reading === "holds" ? "does-not-hold" : "holds";
}
