// `traffic:` — a bounded burst (N requests, a few in flight) that records the status mix and which
// backend answered; the tally is the step's output and lands on the timeline. Assertions on shares
// belong in expectations (`trafficShare:`), so the step itself only fails if it cannot run.

import { formatTally, runBoundedTraffic } from "../../probes/boundedTraffic.js";
import { describeTarget, HTTP_TARGET_SCHEMA, type HttpTarget } from "../../probes/httpTarget.js";
import { parseDuration } from "../duration.js";
import type { StepKind } from "../kindTypes.js";

export interface TrafficParams extends HttpTarget {
  requests: number;
  concurrency?: number;
  requestTimeout?: string;
  backendHeader?: string;
  backendPattern?: string;
}

export const TRAFFIC_SCHEMA_PROPERTIES = {
  ...HTTP_TARGET_SCHEMA,
  requests: { type: "integer", minimum: 1, maximum: 10000 },
  concurrency: { type: "integer", minimum: 1, maximum: 32 },
  requestTimeout: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
  backendHeader: { type: "string", description: "Response header naming the backend, e.g. x-backend." },
  backendPattern: { type: "string", description: "Regex on the body; first capture group names the backend." },
} as const;

export const trafficStep: StepKind<TrafficParams> = {
  kind: "traffic",
  summary: "Send N requests and record the status mix and which backend answered.",
  defaultTimeoutMs: 120_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["requests"],
    properties: TRAFFIC_SCHEMA_PROPERTIES,
    anyOf: [{ required: ["service"] }, { required: ["url"] }, { required: ["hostPort"] }],
  },
  describe: (params) => `${params.requests} requests to ${describeTarget(params)}`,
  async run(params, context) {
    const tally = await runBoundedTraffic(
      params,
      context,
      {
        requests: params.requests,
        concurrency: params.concurrency ?? 4,
        requestTimeoutMs: params.requestTimeout ? parseDuration(params.requestTimeout) : 5_000,
        ...(params.backendHeader ? { backendHeader: params.backendHeader } : {}),
        ...(params.backendPattern ? { backendPattern: params.backendPattern } : {}),
      },
      context.signal,
    );
    return { detail: formatTally(tally), output: tally };
  },
};
