// `observedNodesNotReady:` — some Node's Ready condition is not True, read with the observer's
// token (observerClient.ts) so it can still be asked after the CA expired. In the CA-expiry replay
// it is a blind spot: the kubelets stop reporting, but the node lifecycle controller that would
// mark them NotReady runs in kube-controller-manager, which is locked out at the same moment.

import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { parseDuration } from "../scenario/duration.js";
import { nodeReadiness } from "./leaseStaleCheck.js";
import { observerFrom } from "./observerClient.js";

export interface ObservedNodesNotReadyParams {
  via?: string;
  every?: string;
}

export const observedNodesNotReadyCheck: CheckKind<ObservedNodesNotReadyParams> = {
  kind: "observedNodesNotReady",
  summary: "Some node's Ready condition is not True, read with the observer's token (polled).",
  paramsSchema: { type: "object", additionalProperties: false, properties: { via: { type: "string" }, every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" } } },
  describe: () => "a node is marked NotReady (as seen by the observer)",
  observe(params, context, emit) {
    const observer = observerFrom(context, params.via);
    return pollingObserver(
      context,
      emit,
      async () => {
        const nodes = await observer.core.listNode({ timeoutSeconds: 10 });
        const notReady = nodes.items.filter((node) => node.status?.conditions?.find((c) => c.type === "Ready")?.status !== "True");
        return { holds: notReady.length > 0, detail: nodes.items.map(nodeReadiness).join(", ") };
      },
      { everyMs: params.every ? parseDuration(params.every) : 5_000, evaluationTimeoutMs: 20_000, what: "node readiness via the observer" },
    );
  },
};
