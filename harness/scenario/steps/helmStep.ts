// `helm:` — runs the pinned helm binary against the scenario's cluster and namespace. Chart paths
// in `chart:` resolve against the scenario folder. A step may expect helm to fail (the Helm
// release-secrets scenario is about exactly that) by naming what the error must say.

import path from "node:path";
import { resolveTool } from "../../cluster/toolPaths.js";
import type { StepKind } from "../kindTypes.js";
import { outputTail, runCommand } from "./commandRunner.js";

export interface HelmParams {
  /** helm arguments, e.g. ["upgrade", "--install", "web", "./chart"]. `--namespace` and `--kube-context` are added. */
  args: string[];
  /** A local chart folder or archive (relative to the scenario folder), checked at load time. */
  chart?: string;
  /** Expect helm to fail with output matching this regular expression. */
  expectFailure?: string;
}

export const helmStep: StepKind<HelmParams> = {
  kind: "helm",
  summary: "Run the pinned helm against the scenario's cluster and namespace (optionally expecting a failure).",
  shorthand: "args",
  defaultTimeoutMs: 300_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["args"],
    properties: {
      args: { type: "array", items: { type: "string" }, minItems: 1 },
      chart: { type: "string", description: "Local chart path relative to the scenario folder; appended to args." },
      expectFailure: { type: "string", description: "Regular expression the failing output must match." },
    },
  },
  files: (params) => (params.chart ? [params.chart] : []),
  describe: (params) => `helm ${params.args.join(" ")}${params.chart ? ` ${params.chart}` : ""}`,
  async run(params, context) {
    const helm = await resolveTool("helm");
    const args = [...params.args, ...(params.chart ? [path.resolve(context.scenarioDir, params.chart)] : []), ...helmScope(params.args, context.namespace, context.cluster.contextName)];
    const result = await runCommand(helm, args, context, { timeoutMs: context.timeoutMs });
    if (result.timedOut) throw new Error(`helm ${params.args[0]} did not finish within the step's timeout`);
    if (params.expectFailure !== undefined) {
      const output = `${result.stdout}\n${result.stderr}`;
      if (result.exitCode === 0) throw new Error(`helm ${params.args[0]} succeeded, but it was expected to fail matching /${params.expectFailure}/`);
      if (!new RegExp(params.expectFailure).test(output)) throw new Error(`helm failed, but not as expected (/${params.expectFailure}/): ${outputTail(result)}`);
      return { detail: `failed as expected: ${outputTail(result, 200)}` };
    }
    if (result.exitCode !== 0) throw new Error(`helm ${params.args[0]} exited ${result.exitCode}: ${outputTail(result)}`);
    return { detail: `helm ${params.args[0]} ok`, output: result.stdout };
  },
};

/** --namespace and --kube-context unless the author set them. */
export function helmScope(args: string[], namespace: string, contextName: string): string[] {
  const has = (flag: string, short?: string) => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`) || (short !== undefined && arg === short));
  return [...(has("--namespace", "-n") ? [] : ["--namespace", namespace]), ...(has("--kube-context") ? [] : ["--kube-context", contextName])];
}
