// `podsReady:` and `podsState:` — pods selected by label, watched. podsState asserts what the
// probe-cycle scenario needs: pods Running yet not Ready, restarts climbing, CrashLoopBackOff.

import type { CheckKind } from "../scenario/kindTypes.js";
import { podState, summarizePods, type PodState } from "../kube/workloadState.js";
import { observeObjects } from "./observeObjects.js";

export interface PodsReadyParams {
  selector: string;
  namespace?: string;
  min?: number;
}

export interface PodsStateParams {
  selector: string;
  namespace?: string;
  phase?: string;
  ready?: boolean;
  waitingReason?: string;
  /** Total restarts across the selected pods at least this. */
  minRestarts?: number;
  /** "all" (default): every pod matches; "any": at least one does. */
  match?: "all" | "any";
}

export const podsReadyCheck: CheckKind<PodsReadyParams> = {
  kind: "podsReady",
  summary: "All pods matching a label selector are Ready, and at least `min` (default 1) exist (watched).",
  shorthand: "selector",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["selector"],
    properties: { selector: { type: "string" }, namespace: { type: "string" }, min: { type: ["integer", "string"], minimum: 1 } },
  },
  describe: (params) => `pods ${params.selector} ready`,
  observe(params, context, emit) {
    return observeObjects(
      context,
      { apiVersion: "v1", kind: "Pod", namespace: params.namespace ?? context.namespace, labelSelector: params.selector },
      (objects) => {
        const pods = objects.map(podState).filter((pod) => !pod.deleting);
        return { holds: pods.length >= Number(params.min ?? 1) && pods.every((pod) => pod.ready), detail: summarizePods(pods) };
      },
      emit,
    );
  },
};

export const podsStateCheck: CheckKind<PodsStateParams> = {
  kind: "podsState",
  summary: "Pods matching a selector are in a given phase/readiness/waiting reason, or restarted at least N times (watched).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["selector"],
    properties: {
      selector: { type: "string" },
      namespace: { type: "string" },
      phase: { enum: ["Pending", "Running", "Succeeded", "Failed", "Unknown"] },
      ready: { type: "boolean" },
      waitingReason: { type: "string" },
      minRestarts: { type: ["integer", "string"], minimum: 0 },
      match: { enum: ["all", "any"] },
    },
  },
  describe: (params) => `pods ${params.selector} ${describeWanted(params)}`,
  observe(params, context, emit) {
    return observeObjects(
      context,
      { apiVersion: "v1", kind: "Pod", namespace: params.namespace ?? context.namespace, labelSelector: params.selector },
      (objects) => {
        const pods = objects.map(podState).filter((pod) => !pod.deleting);
        return { holds: podsMatch(pods, params), detail: summarizePods(pods) + (params.minRestarts !== undefined ? `, ${pods.reduce((n, p) => n + p.restarts, 0)} restarts` : "") };
      },
      emit,
    );
  },
};

/** Pure rule behind podsState, exported for tests. */
export function podsMatch(pods: PodState[], params: PodsStateParams): boolean {
  if (pods.length === 0) return false;
  const one = (pod: PodState) =>
    (params.phase === undefined || pod.phase === params.phase) &&
    (params.ready === undefined || pod.ready === params.ready) &&
    (params.waitingReason === undefined || pod.waitingReason === params.waitingReason);
  const each = params.match === "any" ? pods.some(one) : pods.every(one);
  const restarts = pods.reduce((sum, pod) => sum + pod.restarts, 0);
  return each && (params.minRestarts === undefined || restarts >= Number(params.minRestarts));
}

function describeWanted(params: PodsStateParams): string {
  const parts = [
    params.phase,
    params.ready === undefined ? undefined : params.ready ? "ready" : "not ready",
    params.waitingReason,
    params.minRestarts !== undefined ? `≥ ${params.minRestarts} restarts` : undefined,
  ].filter(Boolean);
  return `${params.match === "any" ? "any" : "all"} ${parts.join(", ") || "present"}`;
}
