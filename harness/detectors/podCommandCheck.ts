// `podCommand:` — runs a command in every running, non-terminating pod a selector matches (the
// exec subresource) and holds when each run succeeds with output matching `outputMatches`. The
// ca-expiry scenario uses it for an in-cluster canary (kubectl with the pod's service-account
// token and its mounted kube-root-ca.crt) and to read back data written before the fault.

import type { V1Pod } from "@kubernetes/client-node";

import { parseDuration } from "../scenario/duration.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { execInPod } from "../kube/podExec.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface PodCommandParams {
  selector: string;
  namespace?: string;
  container?: string;
  command: string[];
  outputMatches: string;
  every?: string;
}

/** Pure: pods a command can run in (running, not being deleted). */
export function runningPods(pods: V1Pod[]): V1Pod[] {
  return pods.filter((pod) => pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp);
}

/** Pure: whether a command's output matches, ignoring its final newline — a JavaScript `$` does not match before one, and `^ok$` should match what `echo ok` prints. */
export function outputMatches(pattern: RegExp, stdout: string): boolean {
  return pattern.test(stdout.replace(/\r?\n$/, ""));
}

export const podCommandCheck: CheckKind<PodCommandParams> = {
  kind: "podCommand",
  summary: "A command run in every running pod of a selector succeeds with output matching a pattern (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["selector", "command", "outputMatches"],
    properties: {
      selector: { type: "string" },
      namespace: { type: "string" },
      container: { type: "string" },
      command: { type: "array", items: { type: "string" }, minItems: 1 },
      outputMatches: { type: "string" },
      every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
    },
  },
  describe: (params) => `\`${params.command.join(" ")}\` in pods ${params.selector} prints /${params.outputMatches}/`,
  observe(params, context, emit) {
    const pattern = new RegExp(params.outputMatches);
    const namespace = params.namespace ?? context.namespace;
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const list = await context.kube.core.listNamespacedPod({ namespace, labelSelector: params.selector, timeoutSeconds: 10 });
        const pods = runningPods(list.items);
        if (pods.length === 0) return couldNotTell(`no running pod matches ${params.selector}, so the command could not run`);
        const results = await Promise.all(
          pods.map(async (pod) => {
            const name = pod.metadata?.name ?? "?";
            const container = params.container ?? pod.spec?.containers[0]?.name ?? "";
            const result = await execInPod(context.kube, { namespace, pod: name, container, command: params.command, timeoutMs: 30_000, signal });
            const output = `${result.stdout}${result.stderr}`.trim();
            return { name, ok: result.exitCode === 0 && outputMatches(pattern, result.stdout), line: `${name}: exit ${result.exitCode} ${output.split("\n").pop()?.slice(0, 160) ?? ""}` };
          }),
        );
        return { holds: results.every((r) => r.ok), detail: results.map((r) => r.line).join("; ") };
      },
      { everyMs: params.every ? parseDuration(params.every) : 3_000, evaluationTimeoutMs: 45_000, what: `command in pods ${params.selector}` },
    );
  },
};
