// A probe that runs beside the scenario from steady state to cleanup. Rate is bounded (one attempt
// per interval, at least 100ms apart) and it stops by itself after `maxRunMs`, so a runner that dies
// half-way cannot leave it hammering a cluster.

import type { ProbeSummary } from "../scenario/runResult.js";

export interface ContinuousProbe {
  readonly name: string;
  /** Starts probing in the background; errors end up in the summary as failures, never thrown. */
  start(): void;
  /** Stops and returns what was measured. */
  stop(): Promise<ProbeSummary>;
}

export const MIN_PROBE_INTERVAL_MS = 100;
export const DEFAULT_PROBE_MAX_RUN_MS = 2 * 60 * 60 * 1000;
