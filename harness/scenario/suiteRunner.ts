// Runs several scenarios (and their variants) one after the other and assembles the RunResult that
// report writers consume. This is the CLI's entry point:
//
//   const result: RunResult = await runScenarios({
//     runId, scenarios: [{ loaded, variants: ["default"] }],   // variants omitted: all of them
//     provider, offline, keepCluster, log, signal, tools,      // remediation: a RemediationGate for training
//   });
//
// Clusters are acquired from the provider per scenario (the provider reuses compatible ones) and
// released once no later scenario can share them, except for `dedicated` scenarios, whose cluster is
// released right after them because they change cluster-wide state (PKI, nodes) that nothing else
// should inherit.

import type { ClusterHandle, ClusterProvider, ClusterRequirements } from "../cluster/clusterHandle.js";
import { withDeadline } from "../kube/deadline.js";
import type { RemediationGate } from "./remediationGate.js";
import { RunClock } from "./runClock.js";
import type { RunLog } from "./runLog.js";
import type { RunResult, ScenarioResult } from "./runResult.js";
import type { LoadedScenario } from "./scenarioLoader.js";
import { runScenario } from "./scenarioRunner.js";
import { planVariant, variantNames } from "./variantPlan.js";

export interface RunScenariosOptions {
  runId: string;
  scenarios: Array<{ loaded: LoadedScenario; variants?: string[] }>;
  provider: ClusterProvider;
  offline: boolean;
  /** Keep clusters the run created (debugging); they are reported in the log. */
  keepCluster: boolean;
  log: RunLog;
  /** Aborted on SIGINT/SIGTERM: the current scenario stops and cleans up, later ones are skipped. */
  signal?: AbortSignal;
  remediation?: RemediationGate;
  /** Deadline for acquiring or releasing one cluster (default 10 minutes). */
  clusterTimeoutMs?: number;
  /** Tool versions to record in the result (kind, helm, node image…), for upgrade diffs. */
  tools?: Record<string, string>;
  /** Shared clock; one is created when absent. */
  clock?: RunClock;
}

const DEFAULT_CLUSTER_TIMEOUT_MS = 10 * 60_000;

export async function runScenarios(options: RunScenariosOptions): Promise<RunResult> {
  const clock = options.clock ?? new RunClock();
  const timeoutMs = options.clusterTimeoutMs ?? DEFAULT_CLUSTER_TIMEOUT_MS;
  const deferred = new DeferredRelease(options.provider);
  const results: ScenarioResult[] = [];
  // Resolve every variant before anything runs: a typo in a variant name must not cost a cluster.
  const work = options.scenarios.flatMap(({ loaded, variants }) =>
    (variants ?? variantNames(loaded.definition)).map((variant) => {
      planVariant(loaded.definition, variant);
      return { loaded, variant };
    }),
  );
  try {
    for (const [index, { loaded, variant }] of work.entries()) {
      // Shared clusters are held only while later work can reuse them: a 2-core host running a
      // dedicated scenario beside an idle shared cluster slows both.
      if (!sharedClusterNeeded(work.slice(index).map((item) => item.loaded.definition.cluster))) {
        await deferred.releaseAll({ keep: options.keepCluster, timeoutMs }, options.log);
      }
      if (options.signal?.aborted) {
        results.push(skipped(loaded, variant, clock.now(), "the run was cancelled"));
        continue;
      }
      const dedicated = loaded.definition.cluster.dedicated === true;
      const provider: ClusterProvider = dedicated ? options.provider : deferred;
      results.push(
        await runScenario(loaded, variant, {
          cluster: { provider, offline: options.offline, keep: options.keepCluster, timeoutMs },
          runId: options.runId,
          log: options.log,
          clock,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.remediation ? { remediation: options.remediation } : {}),
        }),
      );
    }
  } finally {
    await deferred.releaseAll({ keep: options.keepCluster, timeoutMs }, options.log);
  }
  return {
    runId: options.runId,
    startedWall: clock.startedWall,
    durationMs: clock.now(),
    tools: options.tools ?? {},
    scenarios: results,
  };
}

/** Whether any of the remaining scenarios (their cluster sections, in order) runs on a shared cluster. */
export function sharedClusterNeeded(remaining: Array<{ dedicated?: boolean }>): boolean {
  return remaining.some((cluster) => cluster.dedicated !== true);
}

/** Hands out clusters from the real provider and postpones their release to the end of the run. */
class DeferredRelease implements ClusterProvider {
  private readonly held = new Map<string, ClusterHandle>();

  constructor(private readonly provider: ClusterProvider) {}

  acquire(requirements: ClusterRequirements, options: { runId: string; offline: boolean; timeoutMs: number }): Promise<ClusterHandle> {
    return this.provider.acquire(requirements, options).then((cluster) => {
      this.held.set(`${cluster.provider}/${cluster.name}`, cluster);
      return cluster;
    });
  }

  async release(): Promise<void> {
    // Released in releaseAll, once, after the last scenario.
  }

  async releaseAll(options: { keep: boolean; timeoutMs: number }, log: RunLog): Promise<void> {
    for (const cluster of this.held.values()) {
      try {
        await withDeadline(this.provider.release(cluster, options), options.timeoutMs, `release cluster ${cluster.name}`);
        if (options.keep) log.info(`kept cluster ${cluster.name} (context ${cluster.contextName})`);
      } catch (error) {
        // Not fatal for the verdicts already measured, but never silent: a leaked cluster costs.
        log.warn(`could not release cluster ${cluster.name}: ${error instanceof Error ? error.message : String(error)} — run \`gameday clean\``);
      }
    }
    this.held.clear();
  }
}

function skipped(loaded: LoadedScenario, variant: string, at: number, reason: string): ScenarioResult {
  return {
    scenario: loaded.definition.name,
    variant,
    title: loaded.definition.title,
    verdict: "skipped",
    startedAt: at,
    endedAt: at,
    faultAt: null,
    cluster: { provider: "none", name: "none" },
    expectations: [{ id: "run", phase: "steady", description: "scenario ran", verdict: "skipped", message: reason }],
    probes: [],
    timeline: [],
  };
}
