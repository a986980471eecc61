// `kubeadmCertExpiry:` — runs `kubeadm certs check-expiration -o json` on every control-plane node
// (the check an operator's cron job or runbook runs) and holds when a certificate or CA it lists has
// less than `threshold` left. kubeadm judges each file on its own NotAfter: it shows leaves signed
// by an expired CA with 364d left, so by default this check looks at the CA table only.
//
//   detectors:
//     - kubeadmCertExpiry: { rule: CertificateRenewal, threshold: 2m }

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { withDeadline } from "../kube/deadline.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { EXPIRY_THRESHOLD_PROPERTIES, formatResidual, parseThreshold, ruleOf, type ExpiryThresholdParams } from "./expiryThreshold.js";
import { parseKubeadmExpiration, type KubeadmExpiryEntry } from "./kubeadmExpirationReport.js";

export interface KubeadmCertExpiryParams extends ExpiryThresholdParams {
  /** "authorities" (default): the CA table; "all": CAs and certificates. */
  scope?: "all" | "authorities";
}

export const KUBEADM_CHECK_EXPIRATION = ["kubeadm", "certs", "check-expiration", "-o", "json"];
const RUN_TIMEOUT_MS = 30_000;

export async function kubeadmExpiration(node: NodeHandle): Promise<KubeadmExpiryEntry[]> {
  const result = await node.exec(KUBEADM_CHECK_EXPIRATION, { timeoutMs: RUN_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new Error(`\`${KUBEADM_CHECK_EXPIRATION.join(" ")}\` on ${node.name} exited ${result.exitCode}: ${result.stderr.trim().split("\n").pop() ?? ""}`);
  return parseKubeadmExpiration(result.stdout);
}

/** Pure: entries under the threshold, soonest first (missing files are not judged here). */
export function underThreshold(entries: KubeadmExpiryEntry[], thresholdMs: number, scope: "all" | "authorities"): KubeadmExpiryEntry[] {
  return entries
    .filter((entry) => (scope === "all" || entry.authority) && !entry.missing && entry.residualSeconds !== undefined && entry.residualSeconds * 1000 < thresholdMs)
    .sort((a, b) => (a.residualSeconds ?? 0) - (b.residualSeconds ?? 0));
}

export const kubeadmCertExpiryCheck: CheckKind<KubeadmCertExpiryParams> = {
  kind: "kubeadmCertExpiry",
  summary: "`kubeadm certs check-expiration -o json` on the control plane shows a CA (or, scope: all, any certificate) with less than `threshold` left (polled).",
  paramsSchema: { type: "object", additionalProperties: false, required: ["threshold"], properties: { ...EXPIRY_THRESHOLD_PROPERTIES, scope: { enum: ["all", "authorities"] } } },
  describe: (params) => `kubeadm certs check-expiration: ${params.scope === "all" ? "a certificate" : "a CA"} has < ${params.threshold} left (${params.rule ?? "CertificateRenewal"})`,
  observe(params, context, emit) {
    const rule = ruleOf(params);
    const scope = params.scope ?? "authorities";
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const nodes = (await withDeadline(context.cluster.nodes(), 15_000, "list cluster nodes", signal)).filter((node) => node.role === "control-plane");
        if (nodes.length === 0) throw new Error("no control-plane node reachable: kubeadm checks need node access (a kind cluster)");
        const perNode = await Promise.all(nodes.map(async (node) => ({ node: node.name, entries: await kubeadmExpiration(node) })));
        const low = perNode.flatMap(({ node, entries }) => underThreshold(entries, rule.thresholdMs, scope).map((entry) => ({ node, entry })));
        const judged = perNode.flatMap(({ node, entries }) => entries.filter((e) => (scope === "all" || e.authority) && e.residualSeconds !== undefined).map((entry) => ({ node, entry })));
        judged.sort((a, b) => (a.entry.residualSeconds ?? 0) - (b.entry.residualSeconds ?? 0));
        const soonest = judged[0];
        const soon = soonest ? `soonest ${soonest.node} ${soonest.entry.name} ${formatResidual((soonest.entry.residualSeconds ?? 0) * 1000)} left` : "nothing listed";
        const head = `${rule.name} (< ${formatResidual(rule.thresholdMs)})`;
        return {
          holds: low.length > 0,
          detail: low.length > 0 ? `${head}: kubeadm lists ${low.map(({ node, entry }) => `${entry.name}@${node}`).join(", ")} under it; ${soon}` : `${head} silent: ${soon}`,
        };
      },
      { everyMs: params.every ? parseThreshold(params.every) : 5_000, evaluationTimeoutMs: RUN_TIMEOUT_MS + 5_000, what: "kubeadm certs check-expiration" },
    );
  },
};
