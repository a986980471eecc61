// Connects the CLI to the scenario engine: the loader (scenario.yaml → definition, with the
// built-in kinds plus the scenario's own steps.ts) and the suite runner. Loaded scenarios are kept
// by file so `run` executes exactly what was validated and shown, without loading twice.
import { HarnessError } from "../cluster/harnessError.js";
import { readKitLock } from "../cluster/kitLock.js";
import { builtinKinds } from "../scenario/builtinKinds.js";
import type { RunLog } from "../scenario/runLog.js";
import { loadScenario, type LoadedScenario } from "../scenario/scenarioLoader.js";
import { runScenarios } from "../scenario/suiteRunner.js";
import type { ScenarioEngine } from "./scenarioEngine.js";

export function defaultEngine(): ScenarioEngine {
  const loaded = new Map<string, LoadedScenario>();
  return {
    async load(file) {
      const scenario = await loadScenario(file, { registry: builtinKinds() });
      loaded.set(file, scenario);
      return scenario.definition;
    },
    async run(request) {
      const scenarios = request.scenarios.map(({ file, variants }) => {
        const scenario = loaded.get(file);
        if (!scenario) throw new HarnessError("input", `scenario ${file} was not loaded before the run`);
        return { loaded: scenario, ...(variants ? { variants } : {}) };
      });
      const log: RunLog = { info: (m) => request.progress(m), warn: (m) => request.progress(`warning: ${m}`) };
      return runScenarios({
        runId: request.runId,
        scenarios,
        provider: request.provider,
        offline: request.offline,
        keepCluster: request.keepCluster,
        log,
        signal: request.signal,
        tools: await toolVersions(request.nodeImage, request.progress),
        ...(request.remediation ? { remediation: request.remediation } : {}),
      });
    },
  };
}

/** Versions recorded in the result, so two runs' reports show what changed between them. */
async function toolVersions(image: string | undefined, progress: (line: string) => void): Promise<Record<string, string>> {
  const tools: Record<string, string> = {};
  let lock;
  try {
    lock = await readKitLock();
  } catch (err) {
    // Only report metadata depends on it (a run on an existing context needs no kit).
    progress(`warning: tool versions not recorded: ${(err as Error).message}`);
    if (image) tools.nodeImage = image;
    return tools;
  }
  if (lock.kindVersion) tools.kind = lock.kindVersion;
  if (lock.helmVersion) tools.helm = lock.helmVersion;
  if (lock.kubernetesVersion) tools.kubernetes = lock.kubernetesVersion;
  const nodeImage = image ?? lock.nodeImage;
  if (nodeImage) tools.nodeImage = nodeImage;
  return tools;
}
