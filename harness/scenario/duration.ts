// Durations as scenario authors write them ("500ms", "5s", "2m", "1m30s") and as reports show them.
// Bare numbers are refused on purpose: "timeout: 30" is ambiguous (seconds? milliseconds?) and the
// ambiguity has cost real incidents their budgets.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Why a text is not a duration, and how to write it instead. */
export class DurationSyntaxError extends Error {
  constructor(
    readonly text: string,
    readonly fix: string,
  ) {
    super(`"${text}" is not a duration`);
    this.name = "DurationSyntaxError";
  }
}

export const DURATION_FIX = "write a number followed by ms, s, m or h, e.g. 500ms, 30s, 2m or 1m30s";

/** Parses "1m30s" into 90000 (milliseconds). Throws DurationSyntaxError. */
export function parseDuration(text: unknown): number {
  if (typeof text === "number") {
    throw new DurationSyntaxError(String(text), `add a unit: ${text}s or ${text}ms (${DURATION_FIX})`);
  }
  if (typeof text !== "string") throw new DurationSyntaxError(String(text), DURATION_FIX);
  const compact = text.trim();
  if (!WHOLE.test(compact)) {
    throw new DurationSyntaxError(text, DURATION_FIX);
  }
  let total = 0;
  for (const match of compact.matchAll(PART)) {
    const unit = match[2] as keyof typeof UNIT_MS;
    total += Number(match[1]) * UNIT_MS[unit];
  }
  return Math.round(total);
}

/** 90000 → "1m30s", 1500 → "1.5s", 250 → "250ms": compact, for progress lines and messages. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  if (abs < 60_000) return `${sign}${trim(abs / 1000)}s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.round((abs - minutes * 60_000) / 1000);
  if (seconds === 60) return `${sign}${minutes + 1}m`;
  return seconds === 0 ? `${sign}${minutes}m` : `${sign}${minutes}m${seconds}s`;
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, "");
}
