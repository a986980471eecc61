// Runs a check kind's observe() in the background and hands every observation, stamped on the run
// clock, to a listener; stop() ends it. Used for detectors (one session from steady state to the
// end of the expect phase) and, through waitForCondition, for every expectation and waitFor step.

import { allowFanOut } from "../kube/deadline.js";
import type { CheckKind, Observation, RunContext } from "./kindTypes.js";
import { ConditionTracker, type ConditionRule, type ConditionState } from "./conditionTracker.js";
import { readingOf, type Reading } from "./observationReading.js";
import type { MonoMs } from "./runResult.js";

export interface StampedObservation {
  /** When the state was observed (may be earlier than reportedAt: a poll's start, a sustained condition's firing instant). */
  at: MonoMs;
  /** When the observation reached the engine: what decides which window it belongs to. */
  reportedAt: MonoMs;
  reading: Reading;
  detail: string;
}

export class CheckSession {
  private readonly controller = new AbortController();
  private running: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly kind: CheckKind,
    private readonly params: unknown,
    private readonly context: RunContext,
    private readonly listener: (observation: StampedObservation) => void,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  /** The error that ended observation early, if any (reported in the verdict, never swallowed). */
  get error(): unknown {
    return this.failure;
  }

  start(): void {
    if (this.running) return;
    const onParentAbort = () => this.controller.abort(this.context.signal.reason);
    this.context.signal.addEventListener("abort", onParentAbort, { once: true });
    const context: RunContext = { ...this.context, signal: allowFanOut(this.controller.signal) };
    const emit = (observation: Observation) => {
      if (this.controller.signal.aborted) return;
      const now = this.context.now();
      this.listener({ at: observation.at ?? now, reportedAt: now, reading: readingOf(observation), detail: observation.detail });
    };
    this.running = this.kind
      .observe(this.params, context, emit)
      .catch((error: unknown) => {
        if (this.controller.signal.aborted) return;
        this.failure = error;
        this.onFailure(error);
      })
      .finally(() => this.context.signal.removeEventListener("abort", onParentAbort));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }
}

export type ConditionOutcome = ConditionState | { status: "error"; observedAt: MonoMs; detail: string };

/**
 * Observes a check until the rule settles (passed or failed) and returns the verdict. Wakes up on
 * observations (watch events or polls) and on the rule's own instants (deadline, end of holdFor);
 * there is no sleeping in between.
 */
export function waitForCondition(kind: CheckKind, params: unknown, context: RunContext, rule: ConditionRule): Promise<ConditionOutcome> {
  const tracker = new ConditionTracker(rule);
  return new Promise<ConditionOutcome>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (outcome: ConditionOutcome) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      context.signal.removeEventListener("abort", onAbort);
      void session.stop().then(() => resolve(outcome));
    };
    const check = (state: ConditionState) => {
      if (state.status !== "pending") return settle(state);
      schedule();
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      const wake = tracker.nextWakeUp();
      if (wake === null) return;
      timer = setTimeout(() => check(tracker.tick(context.now())), Math.max(0, wake - context.now()) + 1);
    };
    // Say what the check last saw: an interrupted run is often interrupted because a check hangs.
    const onAbort = () =>
      settle({ status: "error", observedAt: context.now(), detail: `cancelled: ${String((context.signal.reason as Error | undefined)?.message ?? "run aborted")} (last seen: ${tracker.lastSeen})` });
    const session = new CheckSession(
      kind,
      params,
      context,
      (observation) => check(tracker.observe(observation.at, observation.reading, observation.detail, context.now())),
      (error) => settle({ status: "error", observedAt: context.now(), detail: `the check could not observe: ${error instanceof Error ? error.message : String(error)}` }),
    );
    if (context.signal.aborted) return onAbort();
    context.signal.addEventListener("abort", onAbort, { once: true });
    schedule();
    session.start();
  });
}
