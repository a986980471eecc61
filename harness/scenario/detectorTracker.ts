// The two verdicts of a detector from one stream of observations. Pure, like ConditionTracker.
//
// The negative control: the baseline window opens once the steady state holds (openBaseline) and
// closes at t0 (markFault). What the detector said while the baseline was still settling does not
// count either way. In the window it must have been read at least once, never fired, and never
// answered "could not tell" — an error is not silence.
//
// After t0: firing within its deadline (time-to-detect), or, for a known blind spot, staying silent
// with evidence — no unreadable observation after the fault, and a reading at or after the end of
// its window (the engine takes a fresh look there when the check itself has nothing new to say).
// Window membership goes by when an observation was reported; times by when it was observed.

import { negateReading, type Reading } from "./observationReading.js";
import type { MonoMs } from "./runResult.js";

/** A run-clock instant for messages: whole milliseconds, labelled so nobody reads it as a duration. */
function runClock(at: MonoMs): string {
  return `${Math.round(at)}ms on the run clock`;
}

export interface DetectorRule {
  expect: "fire" | "silent";
  withinMs: number;
  /** The detector fires when the check does NOT hold. */
  negate: boolean;
}

export interface DetectorObservation {
  at: MonoMs;
  reportedAt: MonoMs;
  reading: Reading;
  detail: string;
}

export type NegativeControl =
  | { status: "pending"; observations: number }
  | { status: "passed"; observations: number }
  | { status: "failed"; at: MonoMs; detail: string; observations: number }
  | { status: "could-not-tell"; detail: string; observations: number };

export type Detection =
  | { status: "pending" }
  | { status: "fired"; at: MonoMs; timeToDetectMs: number; detail: string }
  | { status: "silent"; detail: string; observations: number }
  | { status: "could-not-tell"; detail: string };

interface Tally {
  readable: number;
  unreadable: number;
  firstUnreadable?: { at: MonoMs; detail: string };
  lastReadableReportedAt?: MonoMs;
}

export class DetectorTracker {
  private baselineFrom: MonoMs | null = null;
  private faultAt: MonoMs | null = null;
  private readonly baseline: Tally = { readable: 0, unreadable: 0 };
  private readonly afterFault: Tally = { readable: 0, unreadable: 0 };
  private baselineFiring: { at: MonoMs; detail: string } | null = null;
  private negative: NegativeControl = { status: "pending", observations: 0 };
  private detection: Detection = { status: "pending" };
  private lastDetail = "nothing observed";

  constructor(readonly rule: DetectorRule) {}

  get negativeControl(): NegativeControl {
    return this.negative;
  }

  get result(): Detection {
    return this.detection;
  }

  /** Readable observations in the baseline window so far (the engine takes a fresh look when there are none). */
  get baselineReadings(): number {
    return this.baseline.readable;
  }

  /** The instant the blind spot's window ends (t0 + within), once the fault happened. */
  get windowEnd(): MonoMs | null {
    return this.faultAt === null ? null : this.faultAt + this.rule.withinMs;
  }

  /** Opens the negative-control window: the steady state holds from here on. */
  openBaseline(at: MonoMs): void {
    if (this.baselineFrom === null && this.faultAt === null) this.baselineFrom = at;
  }

  observe(observation: DetectorObservation): void {
    const fired = negateReading(observation.reading, this.rule.negate);
    this.lastDetail = observation.detail;
    if (this.faultAt === null) {
      if (this.baselineFrom === null || observation.reportedAt < this.baselineFrom) return; // still settling
      this.tally(this.baseline, observation);
      if (fired === "holds" && !this.baselineFiring) {
        this.baselineFiring = { at: Math.max(observation.at, this.baselineFrom), detail: observation.detail };
      }
      return;
    }
    this.tally(this.afterFault, observation);
    if (this.detection.status !== "pending" || fired !== "holds") return;
    // An evaluation that started before the fault but reported after it is attributed to t0.
    const when = Math.max(observation.at, this.faultAt);
    this.detection = { status: "fired", at: when, timeToDetectMs: when - this.faultAt, detail: observation.detail };
  }

  /** Closes the baseline window at t0 and settles the negative control. */
  markFault(at: MonoMs): void {
    if (this.faultAt !== null) return;
    this.faultAt = at;
    const observations = this.baseline.readable + this.baseline.unreadable;
    if (this.baselineFiring) {
      this.negative = { status: "failed", at: this.baselineFiring.at, detail: this.baselineFiring.detail, observations };
    } else if (this.baselineFrom === null) {
      this.negative = { status: "could-not-tell", detail: "the steady state never held, so there was no baseline to observe", observations };
    } else if (this.baseline.firstUnreadable) {
      const first = this.baseline.firstUnreadable;
      this.negative = { status: "could-not-tell", detail: `could not tell ${this.baseline.unreadable} of ${observations} time(s) on the baseline, first at ${runClock(first.at)}: ${first.detail}`, observations };
    } else if (this.baseline.readable === 0) {
      this.negative = { status: "could-not-tell", detail: "never observed after the steady state held: the negative control was not established", observations };
    } else {
      this.negative = { status: "passed", observations };
    }
  }

  /** Ends observation (deadline reached or expect phase over) and settles a pending detection. */
  close(): Detection {
    if (this.detection.status !== "pending") return this.detection;
    const seen = this.afterFault.readable + this.afterFault.unreadable;
    const first = this.afterFault.firstUnreadable;
    const end = this.windowEnd;
    if (first) {
      this.detection = { status: "could-not-tell", detail: `could not tell ${this.afterFault.unreadable} of ${seen} time(s) after the fault, first at ${runClock(first.at)}: ${first.detail}` };
    } else if (this.afterFault.readable === 0) {
      this.detection = { status: "could-not-tell", detail: "no observation after the fault" };
    } else if (this.rule.expect === "silent" && end !== null && (this.afterFault.lastReadableReportedAt ?? -Infinity) < end) {
      this.detection = { status: "could-not-tell", detail: `no observation at or after the end of its window (${runClock(end)}): silence through the window is not shown; last seen: ${this.lastDetail}` };
    } else {
      this.detection = { status: "silent", detail: `last seen: ${this.lastDetail}`, observations: this.afterFault.readable };
    }
    return this.detection;
  }

  private tally(tally: Tally, observation: DetectorObservation): void {
    if (observation.reading === "could-not-tell") {
      tally.unreadable += 1;
      tally.firstUnreadable ??= { at: observation.at, detail: observation.detail };
      return;
    }
    tally.readable += 1;
    tally.lastReadableReportedAt = observation.reportedAt;
  }
}
