// The run's clock: monotonic milliseconds since the run started, immune to NTP steps and to the
// wall clock jumping (kind nodes share the host clock, and a scenario may well be about time).
// Wall time is kept only to label events for people.

import { performance } from "node:perf_hooks";
import type { MonoMs } from "./runResult.js";

export class RunClock {
  private readonly originPerf: number;
  private readonly originWall: number;

  constructor(now: () => number = () => performance.now(), wallNow: () => number = () => Date.now()) {
    this.now = () => now() - this.originPerf;
    this.originPerf = now();
    this.originWall = wallNow();
  }

  /** Milliseconds since the run started (monotonic). */
  readonly now: () => MonoMs;

  /** ISO wall-clock label for a run-clock instant; display only, never for arithmetic. */
  wallAt(at: MonoMs): string {
    return new Date(this.originWall + at).toISOString();
  }

  get startedWall(): string {
    return new Date(this.originWall).toISOString();
  }
}
