// `routingDrift:` and `routingIntact:` — whether a node's routing is what it should be: every peer
// route the CNI promises (see peerRoutes.ts) and every non-kernel policy rule seen on the first
// successful read. routingDrift fires when routes/rules are flushed (a detector); routingIntact is
// the recovery condition. Two checks, not one negated, because a failed read proves neither: it
// must not count as "intact" any more than as "drifted". Polled once a second (nothing to watch).

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { selectNodes } from "../faults/nodeExecStep.js";
import { withDeadline } from "../kube/deadline.js";
import type { CheckKind, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { VerdictHistory } from "./observationStreak.js";
import { describePeerRoute, isPeerRoutePresent, peerRoutesFor } from "./peerRoutes.js";
import { isKernelOwned, ruleKey } from "./routingSnapshot.js";
import { readRoutingSnapshot } from "./routingSnapshotReader.js";

export interface RoutingDriftParams {
  /** One node: a name, or first-worker (see nodeExec). */
  node: string;
}

const POLL_MS = 1_000;
const EVALUATION_TIMEOUT_MS = 8_000;

/** Exactly one node container for a selector such as "first-worker". */
export async function singleNode(context: RunContext, selector: string): Promise<NodeHandle> {
  const nodes = selectNodes(await withDeadline(context.cluster.nodes(), 15_000, "list node containers", context.signal), selector);
  if (nodes.length !== 1) throw new Error(`"${selector}" selects ${nodes.length} nodes (${nodes.map((n) => n.name).join(", ")}): name exactly one node, e.g. first-worker`);
  return nodes[0]!;
}

/** Drift verdicts per node, shared by every routing check of the process (see observationStreak.ts). */
const driftHistory = new Map<string, VerdictHistory>();

function observeRouting(params: RoutingDriftParams, context: RunContext, emit: Parameters<CheckKind["observe"]>[2], wanted: "drift" | "intact"): Promise<void> {
  return (async () => {
    const node = await singleNode(context, params.node);
    const historyKey = `${context.cluster.name}/${node.name}`;
    if (!driftHistory.has(historyKey)) driftHistory.set(historyKey, new VerdictHistory());
    const history = driftHistory.get(historyKey)!;
    let baselineRules: Set<string> | undefined;
    await pollingObserver(
      context,
      emit,
      // A read that throws is reported by pollingObserver as "does not hold" — right for both checks.
      async (signal) => {
        const at = context.now();
        const [snapshot, nodes] = await Promise.all([
          readRoutingSnapshot(node, EVALUATION_TIMEOUT_MS),
          withDeadline(context.kube.core.listNode(), context.kube.requestTimeoutMs, "list nodes", signal),
        ]);
        const peers = peerRoutesFor(node.name, nodes.items);
        const rules = new Set(snapshot.rules.filter((rule) => !isKernelOwned(rule)).map(ruleKey));
        baselineRules ??= rules;
        const missingRoutes = peers.filter((peer) => !isPeerRoutePresent(peer, snapshot.routes)).map((peer) => `route ${describePeerRoute(peer)}`);
        const missingRules = [...baselineRules].filter((rule) => !rules.has(rule)).map((rule) => `rule ${rule}`);
        const missing = [...missingRoutes, ...missingRules];
        const expected = `${peers.length} peer route(s), ${baselineRules.size} non-kernel rule(s)`;
        const drift = missing.length > 0;
        const detail = drift ? `${node.name} is missing ${missing.join("; ")} (expected ${expected})` : `${node.name} has all ${expected}`;
        history.add({ at, verdict: drift });
        // Dated from the first sample of this state, which another observer may have taken earlier.
        return { holds: wanted === "drift" ? drift : !drift, detail, at: history.streakStart() ?? at };
      },
      { everyMs: POLL_MS, evaluationTimeoutMs: EVALUATION_TIMEOUT_MS, what: `reading routes on ${params.node}` },
    );
  })();
}

const paramsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["node"],
  properties: { node: { type: "string", description: "a node name, or first-worker" } },
};

export const routingDriftCheck: CheckKind<RoutingDriftParams> = {
  kind: "routingDrift",
  summary: "A node lacks a CNI peer route (<PodCIDR> via <node IP> per other node) or a non-kernel ip rule it had at first sight (polled every 1s).",
  shorthand: "node",
  paramsSchema,
  describe: (params) => `routes/rules on ${params.node} differ from the expected set`,
  observe: (params, context, emit) => observeRouting(params, context, emit, "drift"),
};

export const routingIntactCheck: CheckKind<RoutingDriftParams> = {
  kind: "routingIntact",
  summary: "A node has every CNI peer route and every non-kernel ip rule it had at first sight (polled every 1s); a failed read is not intact.",
  shorthand: "node",
  paramsSchema,
  describe: (params) => `routes/rules on ${params.node} match the expected set`,
  observe: (params, context, emit) => observeRouting(params, context, emit, "intact"),
};
