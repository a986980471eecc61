// `commandResult:` and `helmResult:` — run a CLI repeatedly (polled) and hold when its outcome is
// the expected one: e.g. `helm upgrade` fails matching /has no deployed releases/, or
// `kubeadm certs check-expiration` output shows the CA's residual time under a threshold.

import { resolveTool } from "../cluster/toolPaths.js";
import { formatDuration, parseDuration } from "../scenario/duration.js";
import type { CheckKind, RunContext } from "../scenario/kindTypes.js";
import { couldNotTell } from "../scenario/observationReading.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { helmScope } from "../scenario/steps/helmStep.js";
import { outputTail, runCommand, type CommandResult } from "../scenario/steps/commandRunner.js";

export interface CommandOutcomeParams {
  /** Expect a non-zero exit (true) or zero (false); omitted: any exit code. */
  fails?: boolean;
  /** Regular expression on stdout+stderr. */
  outputMatches?: string;
  every?: string;
  timeout?: string;
}

export interface CommandResultParams extends CommandOutcomeParams {
  command: string | string[];
}

export interface HelmResultParams extends CommandOutcomeParams {
  args: string[];
}

const OUTCOME_PROPERTIES = {
  fails: { type: "boolean" },
  outputMatches: { type: "string" },
  every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
  timeout: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
};

/** Pure: does this command result match the wanted outcome? */
export function outcomeMatches(result: CommandResult, wanted: CommandOutcomeParams): boolean {
  if (result.timedOut) return false;
  if (wanted.fails === true && result.exitCode === 0) return false;
  if (wanted.fails === false && result.exitCode !== 0) return false;
  if (wanted.outputMatches !== undefined && !new RegExp(wanted.outputMatches).test(`${result.stdout}\n${result.stderr}`)) return false;
  return true;
}

function observeCommand(params: CommandOutcomeParams, context: RunContext, emit: Parameters<CheckKind["observe"]>[2], argv: () => Promise<string[]>, label: string): Promise<void> {
  const timeoutMs = params.timeout ? parseDuration(params.timeout) : 30_000;
  return pollingObserver(
    context,
    emit,
    async (signal) => {
      const [file, ...args] = await argv();
      const result = await runCommand(file!, args, context, { timeoutMs, signal });
      // A command that ran out of time answered nothing: neither "fails as expected" nor "succeeds".
      if (result.timedOut) return couldNotTell(`${label} timed out after ${formatDuration(timeoutMs)}: ${outputTail(result, 200)}`);
      return { holds: outcomeMatches(result, params), detail: `${label} → exit ${result.exitCode}${result.timedOut ? " (timed out)" : ""}: ${outputTail(result, 200)}` };
    },
    { everyMs: params.every ? parseDuration(params.every) : 2_000, evaluationTimeoutMs: timeoutMs + 2_000, what: label },
  );
}

export const commandResultCheck: CheckKind<CommandResultParams> = {
  kind: "commandResult",
  summary: "A command (run on the harness machine, KUBECONFIG set) fails/succeeds with output matching a pattern (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["command"],
    properties: { command: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] }, ...OUTCOME_PROPERTIES },
  },
  describe: (params) => `\`${Array.isArray(params.command) ? params.command.join(" ") : params.command}\` ${params.fails ? "fails" : "runs"}${params.outputMatches ? ` matching /${params.outputMatches}/` : ""}`,
  observe(params, context, emit) {
    const argv = Array.isArray(params.command) ? params.command : ["sh", "-c", params.command];
    return observeCommand(params, context, emit, async () => argv, argv.join(" "));
  },
};

export const helmResultCheck: CheckKind<HelmResultParams> = {
  kind: "helmResult",
  summary: "The pinned helm, run against the scenario's namespace, fails/succeeds with output matching a pattern (polled).",
  shorthand: "args",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["args"],
    properties: { args: { type: "array", items: { type: "string" }, minItems: 1 }, ...OUTCOME_PROPERTIES },
  },
  describe: (params) => `\`helm ${params.args.join(" ")}\` ${params.fails ? "fails" : "succeeds"}${params.outputMatches ? ` matching /${params.outputMatches}/` : ""}`,
  observe(params, context, emit) {
    return observeCommand(
      params,
      context,
      emit,
      async () => [await resolveTool("helm"), ...params.args, ...helmScope(params.args, context.namespace, context.cluster.contextName)],
      `helm ${params.args.join(" ")}`,
    );
  },
};
