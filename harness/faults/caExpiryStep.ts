// `caExpiry:` — the fault of the CA-expiry replay is that nobody rotates the CA. The step starts
// the fault clock (t0), then lets the CA run out: it waits until its NotAfter has passed (a
// deadline read from the CA itself) and marks that instant on the timeline, so symptoms can be
// read both from t0 and from the moment of expiry.

import { pause } from "../kube/deadline.js";
import { formatDuration } from "../scenario/duration.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { clusterCaExpiry } from "./clusterCaExpiry.js";

// Certificates carry whole seconds; a little past NotAfter every verifier agrees it has expired.
const PAST_NOT_AFTER_MS = 1_000;

export const caExpiryStep: StepKind<Record<string, never>> = {
  kind: "caExpiry",
  summary: "Let the cluster CA expire: nobody rotates it. Waits until its NotAfter has passed.",
  defaultTimeoutMs: 15 * 60_000,
  paramsSchema: { type: "object", additionalProperties: false, properties: {} },
  describe: () => "let the cluster CA expire (nobody rotates it)",
  async run(_params, context) {
    const started = context.now();
    const expiry = await clusterCaExpiry(context);
    const wait = expiry.notAfterMono + PAST_NOT_AFTER_MS - context.now();
    if (wait > context.timeoutMs) throw new Error(`the CA expires in ${formatDuration(wait)}, beyond this step's timeout: add a caResidualWait step before the fault`);
    if (wait > 0) await pause(wait, context.signal);
    context.timeline.record("note", "ca-notafter", `CA ${expiry.source} NotAfter ${expiry.notAfter.toISOString()} passed`, expiry.notAfterMono);
    return { detail: `CA expired at ${expiry.notAfter.toISOString()}, ${formatDuration(expiry.notAfterMono - started)} after t0`, output: { notAfter: expiry.notAfter.toISOString(), notAfterMono: expiry.notAfterMono } };
  },
};
