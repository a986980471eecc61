// A scenario as the loader hands it to the planner: validated, defaults filled in, durations in
// milliseconds, ids assigned, every entry remembering where it was written (for messages).

import type { ClusterRequirements } from "../cluster/clusterHandle.js";

export interface SourceRef {
  line: number;
  column: number;
  /** Dotted path, e.g. "expect[2]". */
  field: string;
}

export type PhaseName = "setup" | "fault" | "remediate" | "cleanup";

interface Restrictable {
  /** Only in these variants; undefined = all. */
  variants?: string[];
  source: SourceRef;
}

export interface StepSpec extends Restrictable {
  id: string;
  kind: string;
  params: unknown;
  timeoutMs?: number;
  description?: string;
  /** A failed step is recorded but does not stop the phase (cleanup steps always behave like this). */
  continueOnError: boolean;
}

export interface CheckRef {
  kind: string;
  params: unknown;
}

export interface ExpectationSpec extends Restrictable, CheckRef {
  id: string;
  description?: string;
  /** Deadline for the condition to hold, from the phase's reference instant (t0 for expect). */
  withinMs: number;
  /** Once it holds, it must keep holding this long. */
  holdForMs: number;
  /** Expect the condition NOT to hold (e.g. "no pod restarted"). */
  negate: boolean;
  standsFor?: string;
}

export interface DetectorSpec extends Restrictable, CheckRef {
  id: string;
  description?: string;
  /** "fire": silent before the fault, fires within `withinMs` of t0. "silent": a known blind spot, silent throughout. */
  expect: "fire" | "silent";
  withinMs: number;
  /** Fires when the check does NOT hold (negate deploymentAvailable = "replicas mismatch"). */
  negate: boolean;
  standsFor?: string;
}

export interface ProbeSpec extends Restrictable {
  id: string;
  kind: "http" | "endpoints" | "connectivity";
  params: unknown;
  everyMs: number;
}

export interface VariantSpec {
  name: string;
  description?: string;
  settings: Record<string, unknown>;
  /** Detector ids active in this variant; undefined = every detector not restricted elsewhere. */
  detectors?: string[];
  source: SourceRef;
}

export interface ScenarioDefinition {
  /** Absolute path of scenario.yaml and its folder. */
  file: string;
  dir: string;
  name: string;
  title: string;
  story: string;
  hints: string[];
  cluster: ClusterRequirements;
  /** "auto" → gd-<name>-<run>; a fixed name; or null when the scenario works cluster-wide only. */
  namespace: string | null;
  settings: Record<string, unknown>;
  setup: StepSpec[];
  steady: {
    expect: ExpectationSpec[];
    probes: ProbeSpec[];
    /** How long detectors must stay silent on the healthy baseline before the fault. */
    observeForMs: number;
  };
  detectors: DetectorSpec[];
  fault: StepSpec[];
  expect: ExpectationSpec[];
  remediate: StepSpec[];
  recover: ExpectationSpec[];
  cleanup: StepSpec[];
  variants: VariantSpec[];
}
