// `leaseStale:` — heartbeats that stopped. Kubelets renew their Lease in kube-node-lease every
// ~10 s; leader-elected controllers (kube-controller-manager, kube-scheduler) renew theirs in
// kube-system every ~2 s. A Lease not renewed for `olderThan` means its holder can no longer talk
// to the API server. Read through the observer (a token, see observerClient.ts), so it works while
// certificate-authenticated clients are locked out. For node leases the detail also tells what the
// Node's Ready condition says — whether anyone is left to mark the node NotReady.
//
//   expect:
//     - leaseStale: { namespace: kube-node-lease, olderThan: 40s }

import type { V1Lease, V1Node } from "@kubernetes/client-node";

import { formatDuration, parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { observerFrom } from "./observerClient.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface LeaseStaleParams {
  namespace: string;
  /** Lease names; default: every Lease in the namespace. */
  names?: string[];
  olderThan: string;
  /** "all" (default): every chosen lease is stale; "any": at least one. */
  match?: "all" | "any";
  /** Step id of the observerToken step (default "observer"). */
  via?: string;
  every?: string;
}

export interface LeaseAge {
  name: string;
  holder: string;
  ageMs: number;
}

/** Pure: how long ago each lease was renewed (never renewed counts as infinitely old). */
export function leaseAges(leases: V1Lease[], now: Date): LeaseAge[] {
  return leases.map((lease) => {
    const renewed = lease.spec?.renewTime ?? lease.spec?.acquireTime;
    return {
      name: lease.metadata?.name ?? "?",
      holder: lease.spec?.holderIdentity ?? "",
      ageMs: renewed ? now.getTime() - new Date(renewed).getTime() : Number.POSITIVE_INFINITY,
    };
  });
}

export function nodeReadiness(node: V1Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return `${node.metadata?.name ?? "?"} Ready=${ready?.status ?? "?"}${ready?.reason ? ` (${ready.reason})` : ""}`;
}

export const leaseStaleCheck: CheckKind<LeaseStaleParams> = {
  kind: "leaseStale",
  summary: "Leases (kubelet heartbeats, controller leader locks) not renewed for `olderThan`, read with the observer's token (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["namespace", "olderThan"],
    properties: {
      namespace: { type: "string" },
      names: { type: "array", items: { type: "string" }, minItems: 1 },
      olderThan: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
      match: { enum: ["all", "any"] },
      via: { type: "string" },
      every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
    },
  },
  describe: (params) => `${params.match === "any" ? "a" : "every"} lease ${params.names ? params.names.join(", ") : "in"} ${params.namespace} not renewed for ${params.olderThan}`,
  observe(params, context, emit) {
    const olderThanMs = parseDuration(params.olderThan);
    const observer = observerFrom(context, params.via);
    return pollingObserver(
      context,
      emit,
      async () => {
        const list = await observer.coordination.listNamespacedLease({ namespace: params.namespace, timeoutSeconds: 10 });
        const chosen = params.names ? list.items.filter((lease) => params.names!.includes(lease.metadata?.name ?? "")) : list.items;
        const ages = leaseAges(chosen, new Date());
        if (ages.length === 0) return couldNotTell(`no lease ${params.names?.join(", ") ?? ""} in ${params.namespace}: nothing to judge`);
        const stale = ages.filter((age) => age.ageMs > olderThanMs);
        const holds = params.match === "any" ? stale.length > 0 : stale.length === ages.length;
        let detail = ages.map((age) => `${age.name} renewed ${Number.isFinite(age.ageMs) ? formatDuration(Math.max(0, age.ageMs)) : "never"} ago`).join(", ");
        if (params.namespace === "kube-node-lease") {
          const nodes = await observer.core.listNode({ timeoutSeconds: 10 });
          detail += `; ${nodes.items.map(nodeReadiness).join(", ")}`;
        }
        return { holds, detail };
      },
      { everyMs: params.every ? parseDuration(params.every) : 3_000, evaluationTimeoutMs: 25_000, what: `leases in ${params.namespace}` },
    );
  },
};
