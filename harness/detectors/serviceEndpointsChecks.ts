// `endpointsEmpty:` and `endpointsReady:` — a Service's ready addresses from its EndpointSlices,
// watched. Empty endpoints are the first visible symptom of readiness failures (probe cycles,
// flushed routes); "ready again" is the usual recovery condition.

import type { CheckKind, Observation, RunContext } from "../scenario/kindTypes.js";
import { readyEndpointAddresses } from "../kube/workloadState.js";
import { observeObjects } from "./observeObjects.js";

export interface EndpointsParams {
  service: string;
  namespace?: string;
  /** endpointsReady only: at least this many ready addresses (default 1). */
  min?: number;
}

const schema = (withMin: boolean) => ({
  type: "object",
  additionalProperties: false,
  required: ["service"],
  properties: {
    service: { type: "string" },
    namespace: { type: "string" },
    ...(withMin ? { min: { type: ["integer", "string"], minimum: 1 } } : {}),
  },
});

function observeEndpoints(params: EndpointsParams, context: RunContext, emit: (observation: Observation) => void, holds: (ready: number) => boolean): Promise<void> {
  const namespace = params.namespace ?? context.namespace;
  return observeObjects(
      context,
      { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", namespace, labelSelector: `kubernetes.io/service-name=${params.service}` },
      (slices) => {
        const ready = readyEndpointAddresses(slices);
        return { holds: holds(ready.length), detail: `service ${params.service}: ${ready.length} ready endpoint(s)${ready.length ? ` (${ready.slice(0, 4).join(", ")}${ready.length > 4 ? ", …" : ""})` : ""}` };
      },
      emit,
    );
}

export const endpointsEmptyCheck: CheckKind<EndpointsParams> = {
  kind: "endpointsEmpty",
  summary: "A Service has no ready endpoints (EndpointSlices, watched).",
  shorthand: "service",
  paramsSchema: schema(false),
  describe: (params) => `endpoints of ${params.service} empty`,
  observe: (params, context, emit) => observeEndpoints(params, context, emit, (ready) => ready === 0),
};

export const endpointsReadyCheck: CheckKind<EndpointsParams> = {
  kind: "endpointsReady",
  summary: "A Service has at least `min` (default 1) ready endpoints (EndpointSlices, watched).",
  shorthand: "service",
  paramsSchema: schema(true),
  describe: (params) => `endpoints of ${params.service} ≥ ${params.min ?? 1} ready`,
  observe: (params, context, emit) => observeEndpoints(params, context, emit, (ready) => ready >= Number(params.min ?? 1)),
};
