// The verdict arithmetic of one expectation, fed observations in time order: the condition must
// start holding before the deadline and then keep holding for `holdFor` (which may run past the
// deadline). Pure: no clock of its own, no I/O — the engine feeds it and asks when to look again.

import type { MonoMs } from "./runResult.js";

export interface ConditionRule {
  /** The instant deadlines and times are measured from (t0 for symptoms, remediation start for recovery). */
  reference: MonoMs;
  withinMs: number;
  holdForMs: number;
  /** Expect the condition NOT to hold. */
  negate: boolean;
}

export type ConditionState =
  | { status: "pending" }
  | { status: "passed"; observedAt: MonoMs; elapsedMs: number; detail: string; firstObservation: boolean }
  | { status: "failed"; observedAt: MonoMs; detail: string };

export class ConditionTracker {
  private holdingSince: MonoMs | null = null;
  private holdingDetail = "";
  private lastDetail = "nothing observed";
  private observations = 0;
  private heldAtFirstObservation = false;
  private state: ConditionState = { status: "pending" };

  constructor(readonly rule: ConditionRule) {}

  get deadline(): MonoMs {
    return this.rule.reference + this.rule.withinMs;
  }

  get current(): ConditionState {
    return this.state;
  }

  /** What the check last reported ("nothing observed" before the first observation). */
  get lastSeen(): string {
    return this.lastDetail;
  }

  /** Feeds one observation; `at` is when it was observed (clamped to the reference). */
  observe(at: MonoMs, holds: boolean, detail: string, now: MonoMs = at): ConditionState {
    if (this.state.status !== "pending") return this.state;
    const when = Math.max(at, this.rule.reference);
    const wanted = this.rule.negate ? !holds : holds;
    this.observations += 1;
    this.lastDetail = detail;
    if (wanted) {
      if (this.holdingSince === null) {
        // A condition that first holds after the deadline is too late, even if it then holds long enough.
        if (when > this.deadline) return this.fail(when, `held only after the deadline: ${detail}`);
        this.holdingSince = when;
        this.holdingDetail = detail;
        if (this.observations === 1) this.heldAtFirstObservation = true;
      }
    } else if (this.holdingSince !== null) {
      if (when > this.deadline) {
        return this.fail(when, `held from ${this.holdingSince}ms but stopped before ${this.rule.holdForMs}ms had passed: ${detail}`);
      }
      this.holdingSince = null;
      this.heldAtFirstObservation = false;
    }
    return this.tick(Math.max(now, when));
  }

  /** Settles on time: passes once holdFor elapsed, fails at the deadline if it never started holding. */
  tick(now: MonoMs): ConditionState {
    if (this.state.status !== "pending") return this.state;
    if (this.holdingSince !== null && now - this.holdingSince >= this.rule.holdForMs) {
      this.state = {
        status: "passed",
        observedAt: this.holdingSince,
        elapsedMs: this.holdingSince - this.rule.reference,
        detail: this.holdingDetail,
        firstObservation: this.heldAtFirstObservation,
      };
      return this.state;
    }
    if (this.holdingSince === null && now >= this.deadline) {
      return this.fail(this.deadline, this.observations === 0 ? "no observation before the deadline" : `last seen: ${this.lastDetail}`);
    }
    return this.state;
  }

  /** When the engine must call tick() next if no observation arrives (deadline or end of holdFor). */
  nextWakeUp(): MonoMs | null {
    if (this.state.status !== "pending") return null;
    return this.holdingSince !== null ? this.holdingSince + this.rule.holdForMs : this.deadline;
  }

  private fail(at: MonoMs, detail: string): ConditionState {
    this.state = { status: "failed", observedAt: at, detail };
    return this.state;
  }
}
