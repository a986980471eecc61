// `httpResponds:` — polled HTTP request (there is nothing to watch): holds when the status (default
// any 2xx) and optional body pattern match. Negated, it is a blackbox "site down" detector.

import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { describeTarget, HTTP_TARGET_SCHEMA, sendHttp, type HttpTarget } from "../probes/httpTarget.js";

export interface HttpRespondsParams extends HttpTarget {
  status?: number;
  bodyMatches?: string;
  every?: string;
  requestTimeout?: string;
}

export const httpRespondsCheck: CheckKind<HttpRespondsParams> = {
  kind: "httpResponds",
  summary: "An HTTP request answers with the expected status/body (polled; default every 1s).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      ...HTTP_TARGET_SCHEMA,
      status: { type: "integer" },
      bodyMatches: { type: "string" },
      every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
      requestTimeout: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
    },
    anyOf: [{ required: ["service"] }, { required: ["url"] }, { required: ["hostPort"] }],
  },
  describe: (params) => `${describeTarget(params)} answers ${params.status ?? "2xx"}${params.bodyMatches ? ` matching /${params.bodyMatches}/` : ""}`,
  observe(params, context, emit) {
    const timeoutMs = params.requestTimeout ? parseDuration(params.requestTimeout) : 5_000;
    const pattern = params.bodyMatches ? new RegExp(params.bodyMatches) : undefined;
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const reply = await sendHttp(params, context, timeoutMs, signal);
        const statusOk = params.status !== undefined ? reply.status === params.status : reply.status >= 200 && reply.status < 300;
        const bodyOk = !pattern || pattern.test(reply.body);
        return { holds: statusOk && bodyOk, detail: `${describeTarget(params)} → ${reply.status || reply.error}${pattern && statusOk && !bodyOk ? " (body does not match)" : ""}` };
      },
      { everyMs: params.every ? parseDuration(params.every) : 1_000, evaluationTimeoutMs: timeoutMs + 1_000, what: `GET ${describeTarget(params)}` },
    );
  },
};
