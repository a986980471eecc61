// Everything that happened during one scenario run, in order, on the run clock. The timeline is
// append-only: verdicts are computed from it, and reports draw it, so nothing is ever rewritten.

import type { RunClock } from "./runClock.js";
import type { MonoMs, TimelineEvent, TimelineKind } from "./runResult.js";

export class Timeline {
  private readonly events: TimelineEvent[] = [];

  constructor(private readonly clock: RunClock) {}

  /** Records an event now (or at `at`, for observations whose moment is known precisely) and returns it. */
  record(kind: TimelineKind, name: string, detail?: string, at: MonoMs = this.clock.now()): TimelineEvent {
    const event: TimelineEvent = { at, wall: this.clock.wallAt(at), kind, name };
    if (detail !== undefined) event.detail = detail;
    this.events.push(event);
    return event;
  }

  /** A copy sorted by time (events recorded with an explicit earlier `at` land in place). */
  snapshot(): TimelineEvent[] {
    return [...this.events].sort((a, b) => a.at - b.at);
  }

  /** The first fault event is t0: time-to-detect is measured from it. */
  faultAt(): MonoMs | null {
    const fault = this.events.find((event) => event.kind === "fault");
    return fault ? fault.at : null;
  }
}
