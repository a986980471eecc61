// What a step kind and a check kind are. Built-ins and scenario-local steps.ts implement these,
// and the registry maps the YAML key (`apply:`, `endpointsEmpty:`) to them. A step *does*
// something once; a check *observes* a condition over time and is what expectations, detectors and
// `waitFor` steps are made of.

import type { ClusterHandle, ClusterRequirements } from "../cluster/clusterHandle.js";
import type { KubeClients } from "../kube/kubeClients.js";
import type { KindRegistry } from "./kindRegistry.js";
import type { RunLog } from "./runLog.js";
import type { Timeline } from "./timeline.js";
import type { MonoMs } from "./runResult.js";

/** A JSON Schema (draft-07) for a kind's parameters; validated at load time with line-accurate errors. */
export type ParamsSchema = Record<string, unknown>;

/** What every step and check gets at run time. */
export interface RunContext {
  scenario: string;
  variant: string;
  runId: string;
  /** The scenario's own namespace (created by the runner unless the scenario opts out). */
  namespace: string;
  /** Absolute path of the scenario folder; relative paths in params resolve against it. */
  scenarioDir: string;
  /** The variant's settings (top-level settings overridden by the variant's). */
  settings: Readonly<Record<string, unknown>>;
  cluster: ClusterHandle;
  kube: KubeClients;
  log: RunLog;
  timeline: Timeline;
  now: () => MonoMs;
  /** Aborts when the step's deadline passes or the run is cancelled: pass it to every call that waits. */
  signal: AbortSignal;
  /** Absolute path of a file named relative to the scenario folder. */
  resolvePath(relative: string): string;
  /** The kinds this scenario can use (built-ins plus its steps.ts), e.g. for steps that embed a check. */
  registry: KindRegistry;
  /** Values steps hand to later steps, e.g. a backup path; keyed by step id. */
  outputs: Map<string, unknown>;
}

export interface StepContext extends RunContext {
  /** This step's deadline in ms (the step's `timeout`, or the kind's default). */
  timeoutMs: number;
  stepId: string;
}

export interface StepOutcome {
  /** One line for the timeline, e.g. "applied 3 objects" or "200×10, backend a:7 b:3". */
  detail?: string;
  /** Stored in context.outputs under the step id. */
  output?: unknown;
}

export interface StepKind<P = unknown> {
  kind: string;
  /** One line shown by `gameday explain` and in "did you mean" hints. */
  summary: string;
  paramsSchema: ParamsSchema;
  /** When the YAML value is a scalar (`apply: manifests/web.yaml`), it becomes `{ [shorthand]: value }`. */
  shorthand?: string;
  /** The params are one check entry (`waitFor: { deploymentAvailable: web }`); the loader validates the inner check. */
  embedsCheck?: boolean;
  defaultTimeoutMs: number;
  /** Files the params name (relative to the scenario folder); the loader checks they exist. */
  files?(params: P): string[];
  describe(params: P): string;
  run(params: P, context: StepContext): Promise<StepOutcome | void>;
}

/**
 * One evaluation of a check: does the condition hold right now, and what was seen — or the check
 * could not tell (an error, a timeout, input it could not read). "Could not tell" has no `holds`,
 * so nothing can negate it into a pass: build it with couldNotTell() (observationReading.ts).
 */
export type Observation = ConditionReading | CouldNotTellReading;

export interface ConditionReading {
  holds: boolean;
  detail: string;
  /** When the state was observed, if earlier than the moment it is reported (defaults to now). */
  at?: MonoMs;
}

export interface CouldNotTellReading {
  couldNotTell: true;
  /** Which error or missing input it was, for the report. */
  detail: string;
  at?: MonoMs;
}

export interface CheckKind<P = unknown> {
  kind: string;
  summary: string;
  paramsSchema: ParamsSchema;
  shorthand?: string;
  files?(params: P): string[];
  /** e.g. "endpoints of svc web empty" — completed by the engine with "within 60s". */
  describe(params: P): string;
  /**
   * How long a condition must last before this check can report it (a sustained `for:`). The
   * loader refuses a negative-control window (steady.observeFor) shorter than this for a detector:
   * such a control could never fire, and a condition already there would fire after t0 instead.
   */
  firesAfterMs?(params: P): number;
  /** Ids of steady.probes entries the check reads; the loader checks each exists in the same variants. */
  probeIds?(params: P): string[];
  /**
   * Reports observations until `context.signal` aborts, then resolves. Watch-based checks emit on
   * every relevant change; checks with nothing to watch poll (see pollingObserver) at a short interval.
   * Rejects only for errors that make further observation impossible.
   */
  observe(params: P, context: RunContext, emit: (observation: Observation) => void): Promise<void>;
}

/** What a cluster preparation gets: the run, but no cluster yet. */
export interface PreparationContext {
  scenario: string;
  variant: string;
  runId: string;
  scenarioDir: string;
  settings: Readonly<Record<string, unknown>>;
  log: RunLog;
  timeline: Timeline;
  now: () => MonoMs;
  signal: AbortSignal;
}

export interface PreparedCluster {
  /** The requirements to acquire with (e.g. with extraMounts of files made just now). */
  requirements: ClusterRequirements;
  /** Stored in context.outputs under the preparation's name, for later steps and checks. */
  output?: unknown;
  /** One line for the timeline. */
  detail?: string;
  /** Removes what the preparation made on the host; runs after the cluster is released. */
  dispose?(): Promise<void>;
}

/**
 * Work that must happen on the host before the scenario's cluster exists, e.g. a CA valid for a few
 * minutes generated at run time and mounted into the node before kubeadm init. Registered by a
 * scenario's steps.ts; runs in registration order, just before the cluster is acquired.
 */
export interface ClusterPreparation {
  name: string;
  summary: string;
  prepare(requirements: ClusterRequirements, context: PreparationContext): Promise<PreparedCluster>;
}
