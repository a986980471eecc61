// `http:` — one HTTP request that must answer as expected (status, body pattern). For measuring a
// mix of answers use `traffic:`; for waiting until something answers use `waitFor: { httpResponds: … }`.

import { describeTarget, HTTP_TARGET_SCHEMA, sendHttp, type HttpTarget } from "../../probes/httpTarget.js";
import type { StepKind } from "../kindTypes.js";

export interface HttpParams extends HttpTarget {
  expectStatus?: number;
  bodyMatches?: string;
}

export const httpStep: StepKind<HttpParams> = {
  kind: "http",
  summary: "Send one HTTP request (service proxy, host port or URL) and check status/body.",
  defaultTimeoutMs: 15_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { ...HTTP_TARGET_SCHEMA, expectStatus: { type: "integer" }, bodyMatches: { type: "string" } },
    anyOf: [{ required: ["service"] }, { required: ["url"] }, { required: ["hostPort"] }],
  },
  describe: (params) => `GET ${describeTarget(params)}`,
  async run(params, context) {
    const reply = await sendHttp(params, context, context.timeoutMs, context.signal);
    const wanted = params.expectStatus;
    const statusOk = wanted !== undefined ? reply.status === wanted : reply.status >= 200 && reply.status < 300;
    if (!statusOk) throw new Error(`${describeTarget(params)} answered ${reply.status || reply.error}, expected ${wanted ?? "2xx"}`);
    if (params.bodyMatches && !new RegExp(params.bodyMatches).test(reply.body)) {
      throw new Error(`${describeTarget(params)} answered ${reply.status} but the body does not match /${params.bodyMatches}/`);
    }
    return { detail: `${reply.status} in ${reply.elapsedMs}ms`, output: { status: reply.status, headers: reply.headers } };
  },
};
