import type { ProbeSummary } from "../scenario/runResult.js";
import { formatDuration } from "./formatDuration.js";

/** "56.0 %", or "n/a" when the probe never ran (availability is null, not zero). */
export function formatAvailability(availability: number | null): string {
  return availability === null ? "n/a" : `${(availability * 100).toFixed(1)} %`;
}

/**
 * One line about a probe for people: availability, outages and how long they lasted. An outage
 * still open at the end of the scenario is counted up to `scenarioEndedAt` and said so.
 */
export function describeProbe(probe: ProbeSummary, scenarioEndedAt: number): string {
  const head = `${probe.name} (${probe.kind}): ${formatAvailability(probe.availability)} available`;
  if (probe.availability === null) return `${probe.name} (${probe.kind}): n/a, no attempts`;
  const attempts = `${probe.successes}/${probe.attempts} ok`;
  if (probe.outages.length === 0) return `${head}, ${attempts}, no outage`;
  const downMs = probe.outages.reduce((sum, o) => sum + Math.max(0, (o.to ?? scenarioEndedAt) - o.from), 0);
  const stillDown = probe.outages.some((o) => o.to === null) ? ", still down at the end" : "";
  const count = probe.outages.length === 1 ? "1 outage" : `${probe.outages.length} outages`;
  return `${head}, ${attempts}, ${count} (${formatDuration(downMs)} down${stillDown})`;
}
