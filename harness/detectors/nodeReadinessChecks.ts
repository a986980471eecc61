// Readiness as seen on one node, watched: `podsUnreadyOnNode:` holds while a selected pod scheduled
// there is not Ready (what KubePodNotReady would page for, narrowed to the node under test), and
// `nodeNotReady:` while the Node's Ready condition is not True (KubeNodeNotReady). The second is
// often a blind spot: a node whose pod routes are gone still talks to the API server on its own
// address, so the kubelet keeps reporting Ready.

import { podState, summarizePods } from "../kube/workloadState.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { observeObjects } from "./observeObjects.js";
import { singleNode } from "./routingDriftCheck.js";

export interface PodsOnNodeParams {
  node: string;
  selector: string;
  namespace?: string;
}

export const podsUnreadyOnNodeCheck: CheckKind<PodsOnNodeParams> = {
  kind: "podsUnreadyOnNode",
  summary: "Some pod matching a selector and scheduled on one node (a name or first-worker) is not Ready (watched).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node", "selector"],
    properties: { node: { type: "string" }, selector: { type: "string" }, namespace: { type: "string" } },
  },
  describe: (params) => `a pod ${params.selector} on ${params.node} not ready`,
  async observe(params, context, emit) {
    const node = (await singleNode(context, params.node)).name;
    return observeObjects(
      context,
      { apiVersion: "v1", kind: "Pod", namespace: params.namespace ?? context.namespace, labelSelector: params.selector, fieldSelector: `spec.nodeName=${node}` },
      (objects) => {
        const pods = objects.map(podState).filter((pod) => !pod.deleting);
        const unready = pods.filter((pod) => !pod.ready).map((pod) => pod.name);
        return { holds: unready.length > 0, detail: `on ${node}: ${summarizePods(pods)}${unready.length ? ` (not ready: ${unready.join(", ")})` : ""}` };
      },
      emit,
    );
  },
};

export const nodeNotReadyCheck: CheckKind<{ node: string }> = {
  kind: "nodeNotReady",
  summary: "A node's Ready condition is not True (watched); the node is a name or first-worker.",
  shorthand: "node",
  paramsSchema: { type: "object", additionalProperties: false, required: ["node"], properties: { node: { type: "string" } } },
  describe: (params) => `node ${params.node} not Ready`,
  async observe(params, context, emit) {
    const node = (await singleNode(context, params.node)).name;
    return observeObjects(
      context,
      { apiVersion: "v1", kind: "Node", fieldSelector: `metadata.name=${node}` },
      (objects) => {
        const conditions = (objects[0] as { status?: { conditions?: Array<{ type?: string; status?: string; reason?: string }> } } | undefined)?.status?.conditions ?? [];
        const ready = conditions.find((condition) => condition.type === "Ready");
        if (objects.length === 0) return { holds: true, detail: `node ${node} is gone` };
        return { holds: ready?.status !== "True", detail: `node ${node} Ready=${ready?.status ?? "unknown"}${ready?.reason ? ` (${ready.reason})` : ""}` };
      },
      emit,
    );
  },
};
