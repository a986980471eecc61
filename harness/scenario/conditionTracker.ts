// The verdict arithmetic of one expectation, fed observations in time order: the condition must
// start holding before the deadline and then keep holding for `holdFor` (which may run past the
// deadline). Pure: no clock of its own, no I/O — the engine feeds it and asks when to look again.
//
// A "could not tell" reading never counts for the assertion, negated or not: it cannot start a
// streak, it breaks one (nobody can vouch for the condition through the gap), and an expectation
// whose last word before the deadline was "could not tell" ends as could-not-tell (an error that
// names what went wrong), never as passed — and not as failed either, since nothing was shown.

import { negateReading, type Reading } from "./observationReading.js";
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
  | { status: "failed"; observedAt: MonoMs; detail: string }
  | { status: "could-not-tell"; observedAt: MonoMs; detail: string };

export class ConditionTracker {
  private holdingSince: MonoMs | null = null;
  private holdingDetail = "";
  private lastDetail = "nothing observed";
  private lastWasUnreadable = false;
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

  /** Feeds one observation as the check read it (not negated); `at` is when it was observed (clamped to the reference). */
  observe(at: MonoMs, reading: Reading, detail: string, now: MonoMs = at): ConditionState {
    if (this.state.status !== "pending") return this.state;
    const when = Math.max(at, this.rule.reference);
    const wanted = negateReading(reading, this.rule.negate);
    this.observations += 1;
    this.lastDetail = detail;
    this.lastWasUnreadable = wanted === "could-not-tell";
    if (wanted === "could-not-tell") {
      if (this.holdingSince !== null) {
        if (when > this.deadline) {
          return this.settle({ status: "could-not-tell", observedAt: when, detail: `held from ${Math.round(this.holdingSince)}ms, then could not tell before ${this.rule.holdForMs}ms had passed: ${detail}` });
        }
        this.holdingSince = null;
        this.heldAtFirstObservation = false;
      }
    } else if (wanted === "holds") {
      if (this.holdingSince === null) {
        // A condition that first holds after the deadline is too late, even if it then holds long enough.
        if (when > this.deadline) return this.settle({ status: "failed", observedAt: when, detail: `held only after the deadline: ${detail}` });
        this.holdingSince = when;
        this.holdingDetail = detail;
        if (this.observations === 1) this.heldAtFirstObservation = true;
      }
    } else if (this.holdingSince !== null) {
      if (when > this.deadline) {
        return this.settle({ status: "failed", observedAt: when, detail: `held from ${Math.round(this.holdingSince)}ms but stopped before ${this.rule.holdForMs}ms had passed: ${detail}` });
      }
      this.holdingSince = null;
      this.heldAtFirstObservation = false;
    }
    return this.tick(Math.max(now, when));
  }

  /** Settles on time: passes once holdFor elapsed, ends at the deadline if it never started holding. */
  tick(now: MonoMs): ConditionState {
    if (this.state.status !== "pending") return this.state;
    if (this.holdingSince !== null && now - this.holdingSince >= this.rule.holdForMs) {
      return this.settle({
        status: "passed",
        observedAt: this.holdingSince,
        elapsedMs: this.holdingSince - this.rule.reference,
        detail: this.holdingDetail,
        firstObservation: this.heldAtFirstObservation,
      });
    }
    if (this.holdingSince === null && now >= this.deadline) {
      if (this.observations === 0) return this.settle({ status: "could-not-tell", observedAt: this.deadline, detail: "no observation before the deadline" });
      if (this.lastWasUnreadable) return this.settle({ status: "could-not-tell", observedAt: this.deadline, detail: `could not tell: ${this.lastDetail}` });
      return this.settle({ status: "failed", observedAt: this.deadline, detail: `last seen: ${this.lastDetail}` });
    }
    return this.state;
  }

  /** When the engine must call tick() next if no observation arrives (deadline or end of holdFor). */
  nextWakeUp(): MonoMs | null {
    if (this.state.status !== "pending") return null;
    return this.holdingSince !== null ? this.holdingSince + this.rule.holdForMs : this.deadline;
  }

  private settle(state: ConditionState): ConditionState {
    this.state = state;
    return state;
  }
}
