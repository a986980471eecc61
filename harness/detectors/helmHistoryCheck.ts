// `helmHistoryCoherent:` — runs the pinned `helm history <release> -o json` (polled: there is
// nothing to watch in a CLI's output) and holds when the history is coherent (helmHistoryCoherence).
// This is the "after the repair, helm agrees" check: it reads the records through helm's own code.

import { resolveTool } from "../cluster/toolPaths.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { outputTail, runCommand } from "../scenario/steps/commandRunner.js";
import { helmScope } from "../scenario/steps/helmStep.js";
import { historyCoherence, parseHelmHistory } from "./helmHistoryCoherence.js";
import { couldNotTell } from "../scenario/observationReading.js";

/** What helm prints when no release record exists (all its secrets gone). */
const RELEASE_NOT_FOUND = /release: not found/;

export interface HelmHistoryParams {
  release: string;
  /** At least this many revisions must be listed (default 1). */
  minRevisions?: number;
  namespace?: string;
}

export const helmHistoryCoherentCheck: CheckKind<HelmHistoryParams> = {
  kind: "helmHistoryCoherent",
  summary: "`helm history <release>` lists every revision once, exactly one deployed and newest, none pending (polled).",
  shorthand: "release",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["release"],
    properties: { release: { type: "string" }, minRevisions: { type: "integer", minimum: 1 }, namespace: { type: "string" } },
  },
  describe: (params) => `helm history ${params.release} coherent${params.minRevisions ? ` with ≥ ${params.minRevisions} revisions` : ""}`,
  observe(params, context, emit) {
    const args = ["history", params.release, "-o", "json", "--max", "256", ...(params.namespace ? ["--namespace", params.namespace] : [])];
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const helm = await resolveTool("helm");
        const result = await runCommand(helm, [...args, ...helmScope(args, context.namespace, context.cluster.contextName)], context, { timeoutMs: 20_000, signal });
        // "release: not found" is an answer (no records left: not coherent); a timeout or an
        // unreachable cluster is not.
        if (result.exitCode !== 0 && !result.timedOut && RELEASE_NOT_FOUND.test(`${result.stdout}\n${result.stderr}`)) {
          return { holds: false, detail: `helm history exited ${result.exitCode}: ${outputTail(result, 200)}` };
        }
        if (result.exitCode !== 0) return couldNotTell(`helm history exited ${result.exitCode}${result.timedOut ? " (timed out)" : ""}: ${outputTail(result, 200)}`);
        const verdict = historyCoherence(parseHelmHistory(result.stdout), params.minRevisions ?? 1);
        return { holds: verdict.coherent, detail: `helm history ${params.release}: ${verdict.detail}` };
      },
      { everyMs: 2_000, evaluationTimeoutMs: 25_000, what: `helm history ${params.release}` },
    );
  },
};
