// The `for:` clause of a Prometheus alerting rule, for watch-based checks: a per-object condition
// must have held continuously for a duration before the check fires. kube-prometheus alerts such
// as KubePodNotReady and KubeDeploymentReplicasMismatch only page after `for: 15m`; replaying them
// with a scaled-down `for` keeps that property (a brief blip during a restart does not count).
// Pure: the caller feeds it snapshots and the clock, and asks when to look again.

import type { MonoMs } from "../scenario/runResult.js";

export interface SustainedVerdict {
  holds: boolean;
  detail: string;
  /** When the verdict may change without a new snapshot (a pending object reaching `for`), or null. */
  nextDueAt: MonoMs | null;
  /** When the first object reached `for` (the moment an alert would fire), if one did. */
  firedAt?: MonoMs;
}

export class SustainedCondition {
  private readonly since = new Map<string, MonoMs>();
  private latest = new Map<string, string>();

  constructor(private readonly forMs: number) {}

  /** A new snapshot: `offending` maps object key → why it matches the condition right now. */
  update(offending: Map<string, string>, now: MonoMs): SustainedVerdict {
    for (const key of [...this.since.keys()]) if (!offending.has(key)) this.since.delete(key);
    for (const key of offending.keys()) if (!this.since.has(key)) this.since.set(key, now);
    this.latest = offending;
    return this.verdict(now);
  }

  /** Re-evaluates the last snapshot at `now` (called when nextDueAt arrives). */
  verdict(now: MonoMs): SustainedVerdict {
    const firing: Array<[string, MonoMs]> = [];
    let nextDueAt: MonoMs | null = null;
    for (const [key, since] of this.since) {
      const due = since + this.forMs;
      if (due <= now) firing.push([key, due]);
      else nextDueAt = nextDueAt === null ? due : Math.min(nextDueAt, due);
    }
    if (firing.length > 0) {
      const firedAt = Math.min(...firing.map(([, due]) => due));
      const detail = `${firing.length} for ≥ ${seconds(this.forMs)}: ${firing.map(([key]) => `${key} (${this.latest.get(key)})`).join(", ")}`;
      return { holds: true, detail, nextDueAt, firedAt };
    }
    const pending = this.since.size;
    return { holds: false, detail: pending === 0 ? "none" : `${pending} pending, not yet for ${seconds(this.forMs)}: ${[...this.since.keys()].map((key) => `${key} (${this.latest.get(key)})`).join(", ")}`, nextDueAt };
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
