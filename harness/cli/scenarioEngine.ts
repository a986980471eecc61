// The CLI's seam to the scenario engine (harness/scenario): loading a scenario file and running a
// set of scenarios. The types below are the subset of the engine's model the CLI reads, written
// structurally so the engine's ScenarioDefinition fits without the CLI depending on its internals.
import type { ClusterProvider, ClusterRequirements } from "../cluster/clusterHandle.js";
import type { RunResult } from "../scenario/runResult.js";
import type { RemediationGate } from "../scenario/remediationGate.js";

interface Restricted {
  variants?: string[];
}

export interface ExplainableCheck extends Restricted {
  id: string;
  kind: string;
  description?: string;
  withinMs?: number;
  standsFor?: string;
  negate?: boolean;
}

export interface ExplainableDetector extends ExplainableCheck {
  expect: "fire" | "silent";
}

export interface ExplainableStep extends Restricted {
  id: string;
  kind: string;
  description?: string;
}

/** What `list`, `explain` and `run` need to know about a loaded scenario. */
export interface ScenarioSummary {
  file: string;
  dir: string;
  name: string;
  title: string;
  story: string;
  hints: string[];
  cluster: ClusterRequirements;
  steady: { expect: ExplainableCheck[] };
  detectors: ExplainableDetector[];
  fault: ExplainableStep[];
  expect: ExplainableCheck[];
  remediate: ExplainableStep[];
  recover: ExplainableCheck[];
  variants: Array<{ name: string; description?: string }>;
}

export interface RunRequest {
  runId: string;
  /** Scenario files in run order, each with the variants to run (undefined: every variant). */
  scenarios: Array<{ file: string; scenario: ScenarioSummary; variants?: string[] }>;
  provider: ClusterProvider;
  offline: boolean;
  keepCluster: boolean;
  /** Aborted on SIGINT/SIGTERM: the engine stops injecting and runs cleanup. */
  signal: AbortSignal;
  progress: (line: string) => void;
  /** The node image chosen with --image, for the run's record of tool versions. */
  nodeImage?: string;
  /** Training mode: a person remediates instead of the scenario's remediate steps. */
  remediation?: RemediationGate;
}

export interface ScenarioEngine {
  load(file: string): Promise<ScenarioSummary>;
  run(request: RunRequest): Promise<RunResult>;
}
