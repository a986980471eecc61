// `run:` — runs a command on the machine running the harness (a script in the scenario folder, a
// CLI), with a deadline. Fails on a non-zero exit unless told which exit codes are fine.

import type { StepKind } from "../kindTypes.js";
import { outputTail, runCommand } from "./commandRunner.js";

export interface RunParams {
  /** argv, or one string run with `sh -c`. Relative to the scenario folder. */
  command: string | string[];
  env?: Record<string, string>;
  stdin?: string;
  okExitCodes?: number[];
}

export const runStep: StepKind<RunParams> = {
  kind: "run",
  summary: "Run a command on the harness machine (cwd: scenario folder, KUBECONFIG set).",
  shorthand: "command",
  defaultTimeoutMs: 120_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["command"],
    properties: {
      command: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] },
      env: { type: "object", additionalProperties: { type: "string" } },
      stdin: { type: "string" },
      okExitCodes: { type: "array", items: { type: "integer" } },
    },
  },
  describe: (params) => `run ${Array.isArray(params.command) ? params.command.join(" ") : params.command}`,
  async run(params, context) {
    const [file, ...args] = Array.isArray(params.command) ? params.command : ["sh", "-c", params.command];
    const result = await runCommand(file!, args, context, {
      timeoutMs: context.timeoutMs,
      ...(params.env ? { env: params.env } : {}),
      ...(params.stdin !== undefined ? { stdin: params.stdin } : {}),
    });
    if (result.timedOut) throw new Error(`\`${file}\` did not finish within the step's timeout: raise \`timeout:\` or fix the command`);
    if (!(params.okExitCodes ?? [0]).includes(result.exitCode)) throw new Error(`\`${file}\` exited ${result.exitCode}: ${outputTail(result)}`);
    return { detail: `exit ${result.exitCode}`, output: { exitCode: result.exitCode, stdout: result.stdout } };
  },
};
