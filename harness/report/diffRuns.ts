import type { ExpectationResult, RunResult, Verdict } from "../scenario/runResult.js";
import { scenarioKey } from "./scenarioKey.js";

// The upgrade matrix runs the same suite twice (two Kubernetes versions, two Helm versions) and
// asks: what changed? Expectations are matched by scenario, variant and expectation id, which
// are stable across runs by design (the id is the JUnit testcase name too).

export type ExpectationChange = "regression" | "fix" | "verdict-changed" | "added" | "removed" | "same";

export interface MeasuredSide {
  verdict: Verdict;
  timeToDetectMs?: number;
  timeToRecoverMs?: number;
}

export interface ExpectationDiff {
  scenario: string;
  expectationId: string;
  description: string;
  before?: MeasuredSide;
  after?: MeasuredSide;
  change: ExpectationChange;
  /** after − before, when both runs measured it. */
  timeToDetectDeltaMs?: number;
  timeToRecoverDeltaMs?: number;
  /** True when TTD or TTR moved by more than the threshold in either direction. */
  timingShifted: boolean;
}

export interface ToolChange {
  tool: string;
  before?: string;
  after?: string;
}

export interface RunDiff {
  beforeRunId: string;
  afterRunId: string;
  tools: ToolChange[];
  expectations: ExpectationDiff[];
}

export interface TimingThreshold {
  /** A shift smaller than this never counts (clock noise, poll intervals). */
  minimumMs: number;
  /** A shift counts when it exceeds this fraction of the earlier value (and the minimum). */
  fraction: number;
}

export const DEFAULT_TIMING_THRESHOLD: TimingThreshold = { minimumMs: 1000, fraction: 0.25 };

const BAD: ReadonlySet<Verdict> = new Set(["failed", "error"]);

function classify(before: MeasuredSide | undefined, after: MeasuredSide | undefined): ExpectationChange {
  if (!before) return "added";
  if (!after) return "removed";
  if (before.verdict === after.verdict) return "same";
  if (before.verdict === "passed" && BAD.has(after.verdict)) return "regression";
  if (BAD.has(before.verdict) && after.verdict === "passed") return "fix";
  return "verdict-changed";
}

function delta(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before;
}

function shifted(deltaMs: number | undefined, beforeMs: number | undefined, threshold: TimingThreshold): boolean {
  if (deltaMs === undefined || beforeMs === undefined) return false;
  return Math.abs(deltaMs) >= Math.max(threshold.minimumMs, threshold.fraction * beforeMs);
}

function measured(e: ExpectationResult): MeasuredSide {
  const side: MeasuredSide = { verdict: e.verdict };
  if (e.timeToDetectMs !== undefined) side.timeToDetectMs = e.timeToDetectMs;
  if (e.timeToRecoverMs !== undefined) side.timeToRecoverMs = e.timeToRecoverMs;
  return side;
}

function index(run: RunResult): Map<string, { scenario: string; expectation: ExpectationResult }> {
  const byKey = new Map<string, { scenario: string; expectation: ExpectationResult }>();
  for (const s of run.scenarios) {
    for (const e of s.expectations) byKey.set(`${scenarioKey(s)}\u0000${e.id}`, { scenario: scenarioKey(s), expectation: e });
  }
  return byKey;
}

/** Expectation-by-expectation differences between two runs, in the order of `after` (then what only `before` had). */
export function diffRuns(before: RunResult, after: RunResult, threshold: TimingThreshold = DEFAULT_TIMING_THRESHOLD): RunDiff {
  const beforeIndex = index(before);
  const afterIndex = index(after);
  const keys = [...afterIndex.keys(), ...[...beforeIndex.keys()].filter((k) => !afterIndex.has(k))];
  const expectations = keys.map((key): ExpectationDiff => {
    const b = beforeIndex.get(key);
    const a = afterIndex.get(key);
    // One of the two exists: the key came from one of the indexes.
    const source = (a ?? b) as { scenario: string; expectation: ExpectationResult };
    const beforeSide = b ? measured(b.expectation) : undefined;
    const afterSide = a ? measured(a.expectation) : undefined;
    const ttd = delta(beforeSide?.timeToDetectMs, afterSide?.timeToDetectMs);
    const ttr = delta(beforeSide?.timeToRecoverMs, afterSide?.timeToRecoverMs);
    const diff: ExpectationDiff = {
      scenario: source.scenario,
      expectationId: source.expectation.id,
      description: source.expectation.description,
      change: classify(beforeSide, afterSide),
      timingShifted:
        shifted(ttd, beforeSide?.timeToDetectMs, threshold) || shifted(ttr, beforeSide?.timeToRecoverMs, threshold),
    };
    if (beforeSide) diff.before = beforeSide;
    if (afterSide) diff.after = afterSide;
    if (ttd !== undefined) diff.timeToDetectDeltaMs = ttd;
    if (ttr !== undefined) diff.timeToRecoverDeltaMs = ttr;
    return diff;
  });
  const toolNames = [...new Set([...Object.keys(before.tools), ...Object.keys(after.tools)])].sort();
  const tools = toolNames
    .filter((tool) => before.tools[tool] !== after.tools[tool])
    .map((tool): ToolChange => {
      const change: ToolChange = { tool };
      const b = before.tools[tool];
      const a = after.tools[tool];
      if (b !== undefined) change.before = b;
      if (a !== undefined) change.after = a;
      return change;
    });
  return { beforeRunId: before.runId, afterRunId: after.runId, tools, expectations };
}
