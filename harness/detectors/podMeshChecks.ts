// `podMeshBroken:` and `podMeshReachable:` — the connectivity canary as checks: canary pods (one per
// node) probe the canary pods on every other node. Broken holds while some cross-node path fails
// (optionally only paths into one node: "traffic to that node's pods fails"); reachable holds when
// every path answers. Two checks rather than one negated: a round that could not be measured
// proves neither. Rounds are shared with the connectivity probe (see probes/meshRound.ts).

import type { CheckKind, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { meshHistory, sharedMeshRound, type MeshTarget } from "../probes/meshRound.js";
import type { MeshRound } from "../probes/podMesh.js";
import { VerdictHistory } from "./observationStreak.js";
import { describeRound, hasFailingPath, pathsInto } from "../probes/podMesh.js";
import { singleNode } from "./routingDriftCheck.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface PodMeshParams {
  selector: string;
  port: number;
  path?: string;
  namespace?: string;
  /** Per-request timeout (whole seconds, default 1). */
  requestTimeoutSeconds?: number;
  /** Only paths into this node (a name or first-worker); podMeshBroken only. */
  toNode?: string;
}

const POLL_MS = 1_000;

function meshTarget(params: PodMeshParams, context: RunContext): MeshTarget {
  return {
    namespace: params.namespace ?? context.namespace,
    selector: params.selector,
    port: Number(params.port),
    path: params.path ?? "/",
    requestTimeoutSeconds: params.requestTimeoutSeconds ?? 1,
  };
}

function observeMesh(params: PodMeshParams, context: RunContext, emit: Parameters<CheckKind["observe"]>[2], wanted: "broken" | "reachable"): Promise<void> {
  return (async () => {
    const toNode = params.toNode === undefined ? undefined : (await singleNode(context, params.toNode)).name;
    const target = meshTarget(params, context);
    await pollingObserver(
      context,
      emit,
      async () => {
        const round = await sharedMeshRound(context.kube, target, context.now);
        const paths = pathsInto(round, toNode);
        const detail = describeRound(round, toNode);
        if (round.unmeasurable || paths.length === 0) return { ...couldNotTell(round.unmeasurable ?? `no canary path into ${toNode}: ${detail}`), at: round.at };
        const failing = hasFailingPath(paths);
        // A path the probe could not run (exec failed) proves neither: no verdict this round.
        if (!failing && paths.some((path) => path.unknown)) return { ...couldNotTell(`a canary path could not be measured: ${detail}`), at: round.at };
        // Dated from the first round of this state, which the probe or a detector may have run earlier.
        return { holds: wanted === "broken" ? failing : !failing, detail, at: streakStart(meshHistory(context.kube, target), toNode) ?? round.at };
      },
      { everyMs: POLL_MS, evaluationTimeoutMs: 30_000, what: `canary round ${params.selector}` },
    );
  })();
}

/** Start of the current run of rounds with the latest round's verdict (failing or not), unmeasurable rounds skipped. */
function streakStart(rounds: MeshRound[], toNode: string | undefined): number | undefined {
  const history = new VerdictHistory(rounds.length + 1);
  for (const round of rounds) {
    const paths = pathsInto(round, toNode);
    const failing = hasFailingPath(paths);
    if (round.unmeasurable || paths.length === 0 || (!failing && paths.some((path) => path.unknown))) continue;
    history.add({ at: round.at, verdict: failing });
  }
  return history.streakStart();
}

const paramsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["selector", "port"],
  properties: {
    selector: { type: "string", description: "label selector of the canary pods (one per node)" },
    port: { type: ["integer", "string"] },
    path: { type: "string" },
    namespace: { type: "string" },
    requestTimeoutSeconds: { type: "integer", minimum: 1, maximum: 10 },
    toNode: { type: "string", description: "only paths into this node (name or first-worker)" },
  },
};

export const podMeshBrokenCheck: CheckKind<PodMeshParams> = {
  kind: "podMeshBroken",
  summary: "Some cross-node path of the connectivity canary fails (canary pod on each node → canary pods on every other node; optionally only paths into one node).",
  paramsSchema,
  describe: (params) => `canary ${params.selector}: a cross-node path${params.toNode ? ` into ${params.toNode}` : ""} fails`,
  observe: (params, context, emit) => observeMesh(params, context, emit, "broken"),
};

export const podMeshReachableCheck: CheckKind<PodMeshParams> = {
  kind: "podMeshReachable",
  summary: "Every cross-node path of the connectivity canary answers (canary pod on each node → canary pods on every other node).",
  paramsSchema,
  describe: (params) => `canary ${params.selector}: every cross-node path answers`,
  observe: (params, context, emit) => observeMesh({ ...params, toNode: undefined } as PodMeshParams, context, emit, "reachable"),
};
