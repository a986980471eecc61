// `gameday run`: resolve and load every scenario first (bad input fails before any cluster
// exists), pick the cluster provider, run through the engine, always release clusters, write the
// reports, and turn the verdicts into an exit code.
import { resolve } from "node:path";
import type { Readable } from "node:stream";

import type { ClusterProvider } from "../../cluster/clusterHandle.js";
import { ExistingProvider, faultsAllowedFor } from "../../cluster/existingProvider.js";
import { assertFaultsAllowed } from "../../cluster/faultGuard.js";
import { HarnessError } from "../../cluster/harnessError.js";
import { KindProvider } from "../../cluster/kindProvider.js";
import { writeReports } from "../../report/writeReports.js";
import type { RunResult } from "../../scenario/runResult.js";
import type { CliIO } from "../cliIO.js";
import { errorMessage } from "../errorMessage.js";
import { ExitCode, exitCodeForRun, type ExitCodeValue } from "../exitCodes.js";
import { variantNames } from "../explainText.js";
import type { RunOptions } from "../program.js";
import { newRunId } from "../runId.js";
import type { RunRequest, ScenarioEngine } from "../scenarioEngine.js";
import { resolveScenarioArgs } from "../scenarioPaths.js";
import { TerminalTrainingGate } from "../trainingGate.js";

const RELEASE_TIMEOUT_MS = 5 * 60_000;

/** Checks flag combinations; returns the context to run on, if any. */
export function contextFromOptions(options: Pick<RunOptions, "context" | "allowContext" | "image">): string | undefined {
  if (options.allowContext !== undefined && options.context !== undefined && options.allowContext !== options.context) {
    throw new HarnessError("input", `--allow-context names "${options.allowContext}" but --context is "${options.context}"`, {
      hint: "name the same context in both, or drop --allow-context to run without faults",
    });
  }
  const context = options.context ?? options.allowContext;
  if (context !== undefined && options.image !== undefined) {
    throw new HarnessError("input", "--image applies to kind clusters only, not to --context", { hint: "drop one of the two" });
  }
  return context;
}

/**
 * Every scenario injects a fault (the format requires one), so on a context the user did not allow
 * by name nothing may run: refuse before any cluster is touched, through the same guard the fault
 * injectors use.
 */
export function refuseFaultsOnUnallowedContext(context: string, allowContext: string | undefined, scenarios: RunRequest["scenarios"]): void {
  const target = { provider: "existing", name: context, contextName: context, faultsAllowed: faultsAllowedFor(context, allowContext) };
  for (const { scenario } of scenarios) {
    if (scenario.fault.length > 0) assertFaultsAllowed(target, `run scenario ${scenario.name} (its fault: ${scenario.fault.map((f) => f.kind).join(", ")})`);
  }
}

/**
 * Training is one person on one broken cluster: exactly one scenario and one variant. Narrows the
 * request to that variant, or says which to pick.
 */
export function trainingTarget(scenarios: RunRequest["scenarios"]): void {
  const [only, ...more] = scenarios;
  if (!only || more.length > 0) {
    throw new HarnessError("input", `--train takes exactly one scenario, got ${scenarios.length}`, { hint: "name one, e.g. gameday run probe-cycle --train --variant readiness-cycle" });
  }
  const variants = only.variants ?? variantNames(only.scenario);
  if (variants.length !== 1) {
    throw new HarnessError("input", `--train needs one variant of ${only.scenario.name}, which has ${variants.length}: ${variants.join(", ")}`, {
      hint: `pick one with --variant, e.g. --variant ${variants[0]}`,
    });
  }
  only.variants = variants;
}

export async function runCommand(
  io: CliIO,
  engine: ScenarioEngine,
  options: RunOptions,
  paths: { scenariosDir: string; cwd: string },
  progress: (line: string) => void,
  signal: AbortSignal,
  trainingInput: Readable = process.stdin,
): Promise<ExitCodeValue> {
  const context = contextFromOptions(options);
  const resolved = await resolveScenarioArgs(options.scenarios, paths);
  const scenarios: RunRequest["scenarios"] = [];
  for (const r of resolved) {
    const scenario = await engine.load(r.file);
    const available = variantNames(scenario);
    let variants: string[] | undefined;
    if (options.variants.length > 0) {
      variants = options.variants.filter((v) => available.includes(v));
      const unknown = options.variants.filter((v) => !available.includes(v));
      // Naming one scenario with an unknown variant is a typo; across many, a variant may exist in some only.
      if (variants.length === 0 || (resolved.length === 1 && unknown.length > 0)) {
        throw new HarnessError("input", `scenario ${scenario.name} has no variant ${unknown.map((v) => `"${v}"`).join(", ")}`, { hint: `its variants: ${available.join(", ")}` });
      }
    }
    scenarios.push({ file: r.file, scenario, ...(variants ? { variants } : {}) });
  }

  if (context !== undefined) refuseFaultsOnUnallowedContext(context, options.allowContext, scenarios);
  if (options.train) trainingTarget(scenarios);

  const runId = newRunId();
  const reportsDir = resolve(paths.cwd, options.reports ?? `reports/${runId}`);
  const kind = context === undefined ? new KindProvider({ onProgress: progress, ...(options.image ? { image: options.image } : {}) }) : undefined;
  const provider: ClusterProvider = kind ?? new ExistingProvider({ context: context as string, ...(options.allowContext ? { allowContext: options.allowContext } : {}) });

  progress(`run ${runId}: ${scenarios.map((s) => s.scenario.name + (s.variants ? `[${s.variants.join(",")}]` : "")).join(", ")}`);
  let result: RunResult | undefined;
  let runError: unknown;
  try {
    result = await engine.run({
      runId,
      scenarios,
      provider,
      offline: options.offline,
      keepCluster: options.keepCluster,
      signal,
      progress,
      ...(options.image ? { nodeImage: options.image } : {}),
      ...(options.train ? { remediation: new TerminalTrainingGate(io, trainingInput) } : {}),
    });
  } catch (err) {
    runError = err;
  }
  // Clusters go whether or not the run threw.
  let releaseError: unknown;
  if (kind) {
    try {
      await kind.close({ keep: options.keepCluster, timeoutMs: RELEASE_TIMEOUT_MS });
    } catch (err) {
      releaseError = err;
      io.err(`releasing clusters failed: ${errorMessage(err, options.debug)}`);
    }
  }
  if (runError !== undefined || result === undefined) throw runError;

  const { files } = await writeReports(result, reportsDir);
  for (const s of result.scenarios) {
    const failed = s.expectations.filter((e) => e.verdict === "failed" || e.verdict === "error");
    io.out(`${s.verdict.toUpperCase().padEnd(7)} ${s.scenario} [${s.variant}]`);
    for (const e of failed) io.out(`  ${e.verdict === "failed" ? "failed" : "error "} ${e.id}: ${(e.message ?? e.description).split("\n")[0]}`);
  }
  io.out(`reports: ${files.join(", ")}`);
  const code = exitCodeForRun(result);
  // A leaked cluster does not change what the run proved, but a passing run must not hide it.
  return code === ExitCode.Ok && releaseError !== undefined ? ExitCode.Infrastructure : code;
}
