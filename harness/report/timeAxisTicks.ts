// Tick marks for a time axis whose runs last anywhere from 30 s to hours. Ticks are counted from
// an origin (t0, the fault) so that t0 itself is always a tick and "+30 s" means "30 s after
// the fault", which is how TTD is read.

export interface TimeTick {
  /** Position on the run clock, ms. */
  at: number;
  label: string;
}

// Steps a person can add up in their head; minute-sized steps once the axis is long.
const STEP_SECONDS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400];

function label(offsetMs: number, stepSeconds: number, originName: string): string {
  if (offsetMs === 0) return originName;
  const sign = offsetMs < 0 ? "−" : "+";
  const seconds = Math.abs(offsetMs) / 1000;
  if (stepSeconds >= 3600) return `${sign}${+(seconds / 3600).toFixed(2)} h`;
  if (stepSeconds >= 60) return `${sign}${+(seconds / 60).toFixed(2)} min`;
  return `${sign}${+seconds.toFixed(1)} s`;
}

/**
 * Ticks covering [fromMs, toMs], at most `maxTicks` of them, aligned on `originMs`, which is
 * labelled `originName` (e.g. "t0"); the others are signed offsets from it.
 */
export function timeAxisTicks(fromMs: number, toMs: number, originMs: number, maxTicks = 10, originName = "t0"): TimeTick[] {
  const spanSeconds = Math.max(toMs - fromMs, 1) / 1000;
  const stepSeconds = STEP_SECONDS.find((s) => spanSeconds / s <= maxTicks) ?? Math.ceil(spanSeconds / maxTicks / 3600) * 3600;
  const stepMs = stepSeconds * 1000;
  const first = originMs + Math.ceil((fromMs - originMs) / stepMs) * stepMs;
  const ticks: TimeTick[] = [];
  for (let at = first; at <= toMs; at += stepMs) {
    // Math.round guards against 0.1 + 0.2-style drift turning "+1 s" into "+1.0000001 s".
    const offset = Math.round(at - originMs);
    ticks.push({ at: originMs + offset, label: label(offset, stepSeconds, originName) });
  }
  return ticks;
}
