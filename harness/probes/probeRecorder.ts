// Availability bookkeeping for a continuous probe: attempts, successes, and outage intervals on the
// run clock. Pure, so the arithmetic (an outage opens at the first failure and closes at the first
// success after it) is unit-tested; the probes feed it and report state changes to the timeline.

import type { MonoMs, ProbeSummary } from "../scenario/runResult.js";

export class ProbeRecorder {
  private attempts = 0;
  private successes = 0;
  private readonly outages: Array<{ from: MonoMs; to: MonoMs | null }> = [];

  constructor(
    readonly name: string,
    readonly kind: string,
    /** Called when the probe goes down (false) or comes back up (true). */
    private readonly onChange?: (up: boolean, at: MonoMs, detail: string) => void,
  ) {}

  /** Records one attempt (or, for watchers, one observed state). */
  record(at: MonoMs, ok: boolean, detail = ""): void {
    this.attempts += 1;
    if (ok) this.successes += 1;
    const open = this.openOutage();
    if (!ok && !open) {
      this.outages.push({ from: at, to: null });
      this.onChange?.(false, at, detail);
    } else if (ok && open) {
      open.to = at;
      this.onChange?.(true, at, detail);
    }
  }

  get down(): boolean {
    return this.openOutage() !== undefined;
  }

  summary(): ProbeSummary {
    return {
      name: this.name,
      kind: this.kind,
      attempts: this.attempts,
      successes: this.successes,
      availability: this.attempts === 0 ? null : this.successes / this.attempts,
      outages: this.outages.map((outage) => ({ ...outage })),
    };
  }

  private openOutage(): { from: MonoMs; to: MonoMs | null } | undefined {
    const last = this.outages[this.outages.length - 1];
    return last && last.to === null ? last : undefined;
  }
}
