// `trafficShare:` — sends a bounded burst per evaluation and holds when the share of answers from a
// backend (or with a status) is within bounds: "100 % reach the older Ingress's backend",
// "misrouted share ≥ 30 %", "after remediation 100 % correct".

import { formatTally, runBoundedTraffic, shareOf } from "../probes/boundedTraffic.js";
import { describeTarget } from "../probes/httpTarget.js";
import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { TRAFFIC_SCHEMA_PROPERTIES, type TrafficParams } from "../scenario/steps/trafficStep.js";

export interface TrafficShareParams extends TrafficParams {
  /** Count answers from this backend (by backendHeader/backendPattern)… */
  backend?: string;
  /** …or with this status code. */
  status?: number;
  /** Share bounds, 0..1. */
  atLeast?: number;
  atMost?: number;
  every?: string;
}

export const trafficShareCheck: CheckKind<TrafficShareParams> = {
  kind: "trafficShare",
  summary: "A burst of N requests: the share answered by a backend (or with a status) is within bounds (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["requests"],
    properties: {
      ...TRAFFIC_SCHEMA_PROPERTIES,
      backend: { type: "string" },
      status: { type: "integer" },
      atLeast: { type: "number", minimum: 0, maximum: 1 },
      atMost: { type: "number", minimum: 0, maximum: 1 },
      every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
    },
    allOf: [
      { anyOf: [{ required: ["service"] }, { required: ["url"] }, { required: ["hostPort"] }] },
      { anyOf: [{ required: ["backend"] }, { required: ["status"] }] },
      { anyOf: [{ required: ["atLeast"] }, { required: ["atMost"] }] },
    ],
  },
  describe: (params) =>
    `share of ${params.backend !== undefined ? `backend ${params.backend}` : `status ${params.status}`} from ${describeTarget(params)} ${[
      params.atLeast !== undefined ? `≥ ${params.atLeast * 100}%` : "",
      params.atMost !== undefined ? `≤ ${params.atMost * 100}%` : "",
    ]
      .filter(Boolean)
      .join(" and ")}`,
  observe(params, context, emit) {
    const requestTimeoutMs = params.requestTimeout ? parseDuration(params.requestTimeout) : 5_000;
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const tally = await runBoundedTraffic(
          params,
          context,
          {
            requests: params.requests,
            concurrency: params.concurrency ?? 4,
            requestTimeoutMs,
            ...(params.backendHeader ? { backendHeader: params.backendHeader } : {}),
            ...(params.backendPattern ? { backendPattern: params.backendPattern } : {}),
          },
          signal,
        );
        const filter = params.backend !== undefined ? { backend: params.backend } : { status: String(params.status) };
        const share = shareOf(tally, filter);
        const holds = (params.atLeast === undefined || share >= params.atLeast) && (params.atMost === undefined || share <= params.atMost);
        return { holds, detail: `share ${(share * 100).toFixed(1)}%: ${formatTally(tally)}` };
      },
      { everyMs: params.every ? parseDuration(params.every) : 1_000, evaluationTimeoutMs: requestTimeoutMs * params.requests + 5_000, what: "traffic burst" },
    );
  },
};
