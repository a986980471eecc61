// Parameters shared by the certificate-expiry checks: which rule a detector stands for and its
// threshold, as written in scenario.yaml (`rule: CertificateRenewal`, `threshold: 2m`).

import { formatDuration, parseDuration } from "../scenario/duration.js";
import type { ExpiryRule, ExpiryRuleName } from "./certificateExpiryRule.js";

export interface ExpiryThresholdParams {
  rule?: ExpiryRuleName;
  /** Fires when a certificate's residual time is below this, e.g. "2m" (the real rules use days). */
  threshold: string;
  /** Poll interval (default 5s). */
  every?: string;
}

export const EXPIRY_THRESHOLD_PROPERTIES = {
  rule: { enum: ["CertificateRenewal", "CertificateExpiration"], description: "the x509-certificate-exporter rule this threshold stands for" },
  threshold: { type: "string", pattern: "^(\\d+d|(\\d+(\\.\\d+)?(ms|s|m|h))+)$" },
  every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
} as const;

const DAY_MS = 86_400_000;

/** Like parseDuration, plus whole days ("300d") for thresholds that mean "years left". */
export function parseThreshold(text: string): number {
  const days = /^(\d+)d$/.exec(text);
  return days ? Number(days[1]) * DAY_MS : parseDuration(text);
}

export function ruleOf(params: ExpiryThresholdParams): ExpiryRule {
  return { name: params.rule ?? "CertificateRenewal", thresholdMs: parseThreshold(params.threshold) };
}

/** "1m58s", "-12s", "364d" — residual times for detail lines. */
export function formatResidual(ms: number): string {
  if (!Number.isFinite(ms)) return ms < 0 ? "expired" : "∞";
  if (Math.abs(ms) >= 2 * DAY_MS) return `${ms < 0 ? "-" : ""}${Math.floor(Math.abs(ms) / DAY_MS)}d`;
  return ms < 0 ? `-${formatDuration(-ms)}` : formatDuration(ms);
}
