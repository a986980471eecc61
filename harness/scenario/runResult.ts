// The data a run produces, and the only input report writers get.
// Data flows one way: scenario file → plan → run → timeline → verdicts → reports,
// so nothing in here refers back to the scenario model or to live cluster objects.

/** Times are milliseconds on the run's monotonic clock (0 = run start); wall clock only for display. */
export type MonoMs = number;

export type TimelineKind =
  | "phase" // a phase of the scenario's life started (cluster, setup, steady, fault, expect, remediate, recover, cleanup)
  | "step" // a step finished (ok or failed)
  | "fault" // the fault injection; the first one is t0 for time-to-detect
  | "detection" // a detector fired
  | "symptom" // an expected symptom was observed
  | "remediation" // a remediation step finished
  | "recovery" // steady state was restored
  | "probe" // a continuous probe changed state (up/down)
  | "note" // anything worth showing on the timeline
  | "error"; // an unexpected error

export interface TimelineEvent {
  at: MonoMs;
  /** ISO wall-clock time, for display only. */
  wall: string;
  kind: TimelineKind;
  /** Short label, e.g. the expectation or step id. */
  name: string;
  detail?: string;
}

export type Verdict = "passed" | "failed" | "error" | "skipped";

export type ExpectationPhase = "negative-control" | "steady" | "expect" | "remediate" | "recover" | "cleanup";

export interface ExpectationResult {
  /** Stable id within the scenario (used as JUnit testcase name). */
  id: string;
  phase: ExpectationPhase;
  /** One line a report reader understands: "endpoints of svc-a empty within 60s". */
  description: string;
  verdict: Verdict;
  /** The real-world rule or alert this assertion stands for, e.g. "kube-prometheus KubePodNotReady". */
  standsFor?: string;
  deadlineMs?: number;
  /** When the condition was observed to hold (or the deadline ran out). */
  observedAt?: MonoMs;
  /** Time from the fault (t0) to detection; only for detections and symptoms. */
  timeToDetectMs?: number;
  /** Time from the start of remediation (or the fault, when nobody acts) to recovery. */
  timeToRecoverMs?: number;
  /** Why it failed, or what was seen when it passed. Never contains secrets. */
  message?: string;
}

export interface ProbeSummary {
  name: string;
  /** e.g. "http", "endpoints", "connectivity". */
  kind: string;
  attempts: number;
  successes: number;
  /** successes / attempts, 0..1; null when nothing was attempted (writers show "n/a"). */
  availability: number | null;
  /** Intervals when the probe failed, on the run clock. */
  outages: Array<{ from: MonoMs; to: MonoMs | null }>;
}

export interface ScenarioResult {
  scenario: string;
  variant: string;
  title: string;
  /** Overall verdict: passed only when every expectation passed. */
  verdict: Verdict;
  startedAt: MonoMs;
  endedAt: MonoMs;
  /** t0: when the fault was injected, if it was. */
  faultAt: MonoMs | null;
  cluster: { provider: string; name: string; kubernetesVersion?: string; nodes?: number };
  expectations: ExpectationResult[];
  probes: ProbeSummary[];
  timeline: TimelineEvent[];
}

export interface RunResult {
  runId: string;
  /** ISO wall clock of the run start. */
  startedWall: string;
  durationMs: number;
  /** Versions of the tools the run used (kind, helm, kubernetes, node image…), for upgrade diffs. */
  tools: Record<string, string>;
  scenarios: ScenarioResult[];
}
