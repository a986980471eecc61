// `admissionDenied:` — an admission guard's detection: holds once a `tryApply` step recorded that
// the API server denied an object with a message matching the pattern. The observation carries the
// moment the denial arrived, so time-to-detect is "fault started → guard said no", not the polling
// interval. Before the attempt there is nothing to see, which is the negative control.

import { pause } from "../kube/deadline.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { describeDecision, matchingDenial, type AdmissionAttempt } from "./admissionDecision.js";

export interface AdmissionDeniedParams {
  /** Id of the `tryApply` step whose answer to read. */
  step: string;
  /** Regular expression the guard's message must match (default: any denial). */
  messageMatches?: string;
}

// Outputs are in-process values with no change notification; a short poll costs nothing.
const POLL_MS = 100;

export const admissionDeniedCheck: CheckKind<AdmissionDeniedParams> = {
  kind: "admissionDenied",
  summary: "A tryApply step's object was denied by admission, with a message matching a pattern.",
  shorthand: "step",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["step"],
    properties: {
      step: { type: "string", description: "Id of the tryApply step." },
      messageMatches: { type: "string", description: "Regular expression on the denial message." },
    },
  },
  describe: (params) => `admission denies step ${params.step}${params.messageMatches ? ` with /${params.messageMatches}/` : ""}`,
  async observe(params, context, emit) {
    let last = "";
    while (!context.signal.aborted) {
      const attempt = context.outputs.get(params.step) as AdmissionAttempt | undefined;
      const denial = matchingDenial(attempt, params.messageMatches);
      const detail = denial
        ? describeDecision(denial)
        : attempt
          ? `no matching denial: ${attempt.decisions.map(describeDecision).join("; ") || "nothing applied"}`
          : `step ${params.step} has not tried yet`;
      // Report changes only (and the first look), so the observation count stays meaningful.
      if (detail !== last) emit(denial ? { holds: true, detail, at: denial.at } : { holds: false, detail });
      last = detail;
      try {
        await pause(POLL_MS, context.signal);
      } catch {
        return;
      }
    }
  },
};
