// `pkiExpiry:` — the built-in PKI scanner as a check. Every poll reads the certificates of every
// node (node-access layer) and the API server's serving chain (a TLS handshake with the address
// the harness's kubeconfig names), works out each certificate's effective expiry along its chain,
// and holds when the rule fires: some residual time is under the threshold. It needs no working
// API credentials, so it keeps observing after the CA expired and while it is being replaced.
//
//   detectors:
//     - pkiExpiry: { rule: CertificateRenewal, threshold: 2m }
//       standsFor: x509-certificate-exporter CertificateRenewal (28 days in production)

import { withDeadline } from "../kube/deadline.js";
import type { CheckKind, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import type { CertificateFacts } from "./certificateFacts.js";
import { evaluateRule, type RuleEvaluation } from "./certificateExpiryRule.js";
import { EXPIRY_THRESHOLD_PROPERTIES, formatResidual, parseThreshold, ruleOf, type ExpiryThresholdParams } from "./expiryThreshold.js";
import { readNodeCertificates } from "./nodePkiReader.js";
import { inventory, type InventoryEntry } from "./pkiInventory.js";
import { servingChain } from "./tlsServingChain.js";
import { couldNotTell } from "../scenario/observationReading.js";

export type PkiScope = "all" | "authorities" | "cluster-authorities";

export interface PkiExpiryParams extends ExpiryThresholdParams {
  /**
   * "all" certificates (default), only the "authorities" (every CA certificate found), or the
   * "cluster-authorities": the CAs kubeadm manages, read from /etc/kubernetes (PKI files and the
   * kubeconfigs). The last leaves out the kubelet's own self-signed serving CA in
   * /var/lib/kubelet/pki/kubelet.crt, which the kubelet makes with one year of life and which no
   * CA rotation replaces.
   */
  scope?: PkiScope;
  /** Include the API server's serving chain from a TLS handshake (default true). */
  apiServer?: boolean;
}

const READ_TIMEOUT_MS = 20_000;

export interface PkiScan {
  entries: InventoryEntry[];
  /** Sources that could not be read this time (a node mid-restart, the API server down). */
  unreadable: string[];
}

/** One scan of the cluster's PKI; unreadable sources are reported, not fatal. */
export async function scanClusterPki(context: RunContext, options: { apiServer: boolean; signal: AbortSignal }): Promise<PkiScan> {
  const nodes = await withDeadline(context.cluster.nodes(), READ_TIMEOUT_MS, "list cluster nodes", options.signal);
  if (nodes.length === 0) throw new Error("the PKI scanner needs node access (a kind cluster); this cluster gives none");
  const reads: Array<Promise<CertificateFacts[]>> = nodes.map((node) => readNodeCertificates(node, READ_TIMEOUT_MS));
  const labels = nodes.map((node) => `node ${node.name}`);
  if (options.apiServer) {
    const server = new URL(context.kube.config.getCurrentCluster()?.server ?? "");
    reads.push(servingChain(server.hostname, Number(server.port || 443), { timeoutMs: 10_000 }));
    labels.push(`API server ${server.host}`);
  }
  const settled = await Promise.allSettled(reads);
  const certs: CertificateFacts[] = [];
  const unreadable: string[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") certs.push(...outcome.value);
    else unreadable.push(`${labels[index]}: ${(outcome.reason as Error).message}`);
  });
  return { entries: inventory(certs), unreadable };
}

const KUBEADM_PKI_DIR = "/etc/kubernetes/";

/** Pure: the inventory entries a scope covers. Node sources are "<node>:<path>". */
export function entriesInScope(entries: InventoryEntry[], scope: PkiScope = "all"): InventoryEntry[] {
  if (scope === "all") return entries;
  const authorities = entries.filter((entry) => entry.cert.isCA);
  if (scope === "authorities") return authorities;
  return authorities.filter((entry) => entry.cert.source.slice(entry.cert.source.indexOf(":") + 1).startsWith(KUBEADM_PKI_DIR));
}

/** Pure: the detail line for one evaluation. */
export function describeEvaluation(evaluation: RuleEvaluation, scanned: number, unreadable: string[]): string {
  const { rule, firing, soonest } = evaluation;
  const head = `${rule.name} (< ${formatResidual(rule.thresholdMs)})`;
  const soon = soonest ? `soonest ${soonest.source} (${soonest.subject}) ${formatResidual(soonest.residualMs)} left${soonest.limitedBy !== soonest.subject ? `, limited by its CA ${soonest.limitedBy}` : ""}` : "no certificates found";
  const missing = unreadable.length > 0 ? `; unreadable: ${unreadable.join("; ")}` : "";
  return firing.length > 0 ? `${head} fires for ${firing.length} of ${scanned} certificates: ${soon}${missing}` : `${head} silent over ${scanned} certificates: ${soon}${missing}`;
}

export const pkiExpiryCheck: CheckKind<PkiExpiryParams> = {
  kind: "pkiExpiry",
  summary: "Built-in PKI scanner: a certificate on the nodes or in the API server's TLS chain has less than `threshold` left, counting its CA's expiry (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["threshold"],
    properties: { ...EXPIRY_THRESHOLD_PROPERTIES, scope: { enum: ["all", "authorities", "cluster-authorities"] }, apiServer: { type: "boolean" } },
  },
  describe: (params) => `PKI scan: ${params.scope === "authorities" ? "a CA" : params.scope === "cluster-authorities" ? "a cluster CA (kubeadm's)" : "a certificate"} has < ${params.threshold} left (${params.rule ?? "CertificateRenewal"})`,
  observe(params, context, emit) {
    const rule = ruleOf(params);
    parseThreshold(params.threshold);
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const scan = await scanClusterPki(context, { apiServer: params.apiServer !== false, signal });
        const entries = entriesInScope(scan.entries, params.scope);
        if (entries.length === 0) return couldNotTell(`no certificates could be read${scan.unreadable.length ? `: ${scan.unreadable.join("; ")}` : ""}`);
        const evaluation = evaluateRule(rule, entries, new Date());
        return { holds: evaluation.firing.length > 0, detail: describeEvaluation(evaluation, entries.length, scan.unreadable) };
      },
      { everyMs: params.every ? parseThreshold(params.every) : 5_000, evaluationTimeoutMs: 45_000, what: "PKI scan" },
    );
  },
};
