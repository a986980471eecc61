// Runs a CLI (helm, a script) for a step or check: always with a deadline, cancellable, with the
// cluster's kubeconfig in KUBECONFIG so the command talks to the scenario's cluster and no other.

import { execa } from "execa";
import type { RunContext } from "../kindTypes.js";

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export async function runCommand(
  file: string,
  args: string[],
  context: Pick<RunContext, "cluster" | "namespace" | "scenarioDir" | "signal">,
  options: { timeoutMs: number; env?: Record<string, string>; stdin?: string; signal?: AbortSignal },
): Promise<CommandResult> {
  const result = await execa(file, args, {
    cwd: context.scenarioDir,
    timeout: options.timeoutMs,
    cancelSignal: options.signal ?? context.signal,
    reject: false,
    stripFinalNewline: true,
    ...(options.stdin !== undefined ? { input: options.stdin } : { stdin: "ignore" as const }),
    env: {
      KUBECONFIG: context.cluster.kubeconfigPath,
      GAMEDAY_NAMESPACE: context.namespace,
      GAMEDAY_CONTEXT: context.cluster.contextName,
      ...options.env,
    },
    maxBuffer: 4 * 1024 * 1024,
  });
  if (result.isCanceled && !result.timedOut) throw new Error(`\`${file} ${args.join(" ")}\` was cancelled`);
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    timedOut: result.timedOut,
  };
}

/** The last few hundred characters of a command's output, for messages. */
export function outputTail(result: CommandResult, max = 400): string {
  const text = (result.stderr.trim() || result.stdout.trim()).replace(/\s+/g, " ");
  return text.length > max ? `…${text.slice(-max)}` : text;
}
