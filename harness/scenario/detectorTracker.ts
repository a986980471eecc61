// The two verdicts of a detector from one stream of observations: the negative control (silent on
// the healthy baseline, and actually observed at least once — a detector never evaluated proves
// nothing) and, after t0, firing within its deadline (time-to-detect) or, for a known blind spot,
// staying silent through its window. Pure, like ConditionTracker.

import type { MonoMs } from "./runResult.js";

export interface DetectorRule {
  expect: "fire" | "silent";
  withinMs: number;
}

export type NegativeControl =
  | { status: "pending"; observations: number }
  | { status: "passed"; observations: number }
  | { status: "failed"; at: MonoMs; detail: string; observations: number };

export type Detection =
  | { status: "pending" }
  | { status: "fired"; at: MonoMs; timeToDetectMs: number; detail: string }
  | { status: "silent"; detail: string };

export class DetectorTracker {
  private faultAt: MonoMs | null = null;
  private negative: NegativeControl = { status: "pending", observations: 0 };
  private detection: Detection = { status: "pending" };
  private lastDetail = "nothing observed";
  private afterFault = 0;

  constructor(readonly rule: DetectorRule) {}

  get negativeControl(): NegativeControl {
    return this.negative;
  }

  get result(): Detection {
    return this.detection;
  }

  get observationsBeforeFault(): number {
    return this.negative.observations;
  }

  /** Observations reported before markFault() belong to the baseline; later ones to the fault. */
  observe(at: MonoMs, fired: boolean, detail: string): void {
    this.lastDetail = detail;
    if (this.faultAt === null) {
      const observations = this.negative.observations + 1;
      if (this.negative.status === "failed") this.negative = { ...this.negative, observations };
      else if (fired) this.negative = { status: "failed", at, detail, observations };
      else this.negative = { status: "pending", observations };
      return;
    }
    this.afterFault += 1;
    if (this.detection.status !== "pending") return;
    if (fired) {
      // An evaluation that started before the fault but reported after it is attributed to t0.
      const when = Math.max(at, this.faultAt);
      this.detection = { status: "fired", at: when, timeToDetectMs: when - this.faultAt, detail };
    }
  }

  /** Closes the baseline window at t0. */
  markFault(at: MonoMs): void {
    if (this.faultAt !== null) return;
    this.faultAt = at;
    if (this.negative.status === "pending") {
      this.negative =
        this.negative.observations > 0
          ? { status: "passed", observations: this.negative.observations }
          : { status: "failed", at, detail: "never observed on the healthy baseline: the negative control was not established", observations: 0 };
    }
  }

  /** Ends observation (deadline reached or expect phase over) and settles a pending detection. */
  close(): Detection {
    if (this.detection.status === "pending") {
      const window = this.afterFault === 0 ? "no observation after the fault" : `last seen: ${this.lastDetail}`;
      this.detection = { status: "silent", detail: window };
    }
    return this.detection;
  }

  /** For "fire" detectors: when observation may stop (t0 + within). */
  deadline(): MonoMs | null {
    return this.faultAt === null ? null : this.faultAt + this.rule.withinMs;
  }
}
