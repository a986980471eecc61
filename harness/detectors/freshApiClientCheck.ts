// `freshApiClient:` — what a person sees first: a new kubectl process (a fresh TLS handshake, Go's
// own x509 verification) on a control-plane node, with the node's admin.conf. Holds when the call
// fails and its message matches `errorMatches` (default: the x509 expiry error); `fails: false`
// turns it into "a fresh client works" for the steady state and recovery.

import { withDeadline } from "../kube/deadline.js";
import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";

export interface FreshApiClientParams {
  /** Expect the call to fail (default true). */
  fails?: boolean;
  errorMatches?: string;
  /** Kubeconfig on the node (default /etc/kubernetes/admin.conf). */
  kubeconfig?: string;
  every?: string;
}

/** Go's message since 1.20 is prefixed "tls: failed to verify certificate: x509: …". */
export const X509_EXPIRED = "certificate has expired or is not yet valid";

export function freshClientCommand(kubeconfig: string): string[] {
  return ["kubectl", `--kubeconfig=${kubeconfig}`, "--request-timeout=8s", "get", "--raw=/readyz"];
}

/** Pure: the one line of kubectl's stderr worth showing (it repeats the error for each retry). */
export function keyErrorLine(stderr: string): string {
  const lines = stderr.trim().split("\n").filter(Boolean);
  return lines.find((line) => /x509|Unable to connect|certificate/.test(line)) ?? lines.pop() ?? "";
}

export const freshApiClientCheck: CheckKind<FreshApiClientParams> = {
  kind: "freshApiClient",
  summary: "A fresh kubectl on the control-plane node (admin.conf) fails with the x509 expiry error — or, fails: false, succeeds (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { fails: { type: "boolean" }, errorMatches: { type: "string" }, kubeconfig: { type: "string" }, every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" } },
  },
  describe: (params) => (params.fails === false ? "a fresh kubectl on the control plane gets /readyz" : `a fresh kubectl on the control plane fails matching /${params.errorMatches ?? X509_EXPIRED}/`),
  observe(params, context, emit) {
    const wantFailure = params.fails !== false;
    const pattern = new RegExp(params.errorMatches ?? X509_EXPIRED);
    const argv = freshClientCommand(params.kubeconfig ?? "/etc/kubernetes/admin.conf");
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const node = (await withDeadline(context.cluster.nodes(), 15_000, "list cluster nodes", signal)).find((n) => n.role === "control-plane");
        if (!node) throw new Error("no control-plane node reachable (a kind cluster is needed)");
        const result = await node.exec(argv, { timeoutMs: 15_000 });
        if (result.exitCode === 0) return { holds: !wantFailure, detail: `kubectl get --raw=/readyz → ${result.stdout.trim()}` };
        const line = keyErrorLine(result.stderr);
        return { holds: wantFailure && pattern.test(result.stderr), detail: `kubectl exited ${result.exitCode}: ${line}` };
      },
      { everyMs: params.every ? parseDuration(params.every) : 2_000, evaluationTimeoutMs: 25_000, what: "fresh kubectl on the control plane" },
    );
  },
};
