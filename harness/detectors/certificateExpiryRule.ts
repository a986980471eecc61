// The alert rules a replay stands in for. x509-certificate-exporter's Prometheus rules compare
// `x509_cert_not_after - time()` with thresholds in days (CertificateRenewal: warning, 28 days by
// default; CertificateExpiration: critical, 14 days). A CA that lives ten minutes needs the same
// rules with thresholds in minutes; the rule names stay so reports say what they stand for.

import type { InventoryEntry } from "./pkiInventory.js";

export type ExpiryRuleName = "CertificateRenewal" | "CertificateExpiration";

export interface ExpiryRule {
  name: ExpiryRuleName;
  /** Fires when the residual time is below this. */
  thresholdMs: number;
}

export interface ExpiryFinding {
  source: string;
  subject: string;
  residualMs: number;
  /** Subject of the certificate whose NotAfter sets the residual (the entry's own, or a CA above it). */
  limitedBy: string;
}

export interface RuleEvaluation {
  rule: ExpiryRule;
  firing: ExpiryFinding[];
  /** The smallest residual seen (also when nothing fires), for the detail line. */
  soonest?: ExpiryFinding;
}

export function residualMs(notAfter: Date, now: Date): number {
  return notAfter.getTime() - now.getTime();
}

/** Pure: which entries the rule fires for at `now`, using each entry's effective (chain) expiry. */
export function evaluateRule(rule: ExpiryRule, entries: InventoryEntry[], now: Date): RuleEvaluation {
  const findings = entries.map((entry) => ({
    source: entry.cert.source,
    subject: entry.cert.subject,
    residualMs: residualMs(entry.effectiveNotAfter, now),
    limitedBy: entry.limitedBy.subject,
  }));
  findings.sort((a, b) => a.residualMs - b.residualMs);
  const evaluation: RuleEvaluation = { rule, firing: findings.filter((f) => f.residualMs < rule.thresholdMs) };
  if (findings[0]) evaluation.soonest = findings[0];
  return evaluation;
}
