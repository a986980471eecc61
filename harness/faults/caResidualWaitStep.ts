// `caResidualWait:` — the last setup step of a CA-expiry replay: wait until the CA has at most
// `atMost` left, so the fault starts at the same distance from expiry however long the cluster took
// to create (2–4 minutes on a loaded machine). If creation was so slow that less than `atLeast`
// is left, the run would prove nothing about early warnings: it fails and says what to raise.

import { pause } from "../kube/deadline.js";
import { formatDuration, parseDuration } from "../scenario/duration.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { clusterCaExpiry } from "./clusterCaExpiry.js";

export interface CaResidualWaitParams {
  atMost: string;
  atLeast: string;
}

const DURATION = { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" };

export const caResidualWaitStep: StepKind<CaResidualWaitParams> = {
  kind: "caResidualWait",
  summary: "Wait until the cluster CA's residual time is down to `atMost`; fail if it is already below `atLeast`.",
  defaultTimeoutMs: 15 * 60_000,
  paramsSchema: { type: "object", additionalProperties: false, required: ["atMost", "atLeast"], properties: { atMost: DURATION, atLeast: DURATION } },
  describe: (params) => `wait until the cluster CA has at most ${params.atMost} left`,
  async run(params, context) {
    const atMostMs = parseDuration(params.atMost);
    const atLeastMs = parseDuration(params.atLeast);
    const expiry = await clusterCaExpiry(context);
    const residual = expiry.notAfterMono - context.now();
    if (residual < atLeastMs) {
      throw new Error(
        `the CA (${expiry.source}) has only ${formatDuration(Math.max(0, residual))} left after setup, less than the ${params.atLeast} the early warnings need: raise settings.caValidity (cluster creation and setup took longer than it allows)`,
      );
    }
    const wait = residual - atMostMs;
    if (wait > context.timeoutMs) throw new Error(`the CA has ${formatDuration(residual)} left: waiting ${formatDuration(wait)} exceeds this step's timeout; lower settings.caValidity or raise the timeout`);
    if (wait > 0) await pause(wait, context.signal);
    return { detail: `CA ${expiry.source} expires ${expiry.notAfter.toISOString()}; ${formatDuration(expiry.notAfterMono - context.now())} left now (waited ${formatDuration(Math.max(0, wait))})` };
  },
};
