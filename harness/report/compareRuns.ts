import type { RunResult } from "../scenario/runResult.js";
import { DEFAULT_TIMING_THRESHOLD, diffRuns, type ExpectationDiff, type MeasuredSide, type RunDiff, type TimingThreshold } from "./diffRuns.js";
import { formatDuration } from "./formatDuration.js";
import { escapeMarkdown } from "./markdownText.js";
import { redactRunResult } from "./redactRunResult.js";
import { verdictLabel } from "./verdictLabel.js";

// The upgrade-matrix report: what an upgrade changed, worst news first. Rows where nothing moved
// are folded away so the table stays readable in a PR comment or a step summary.

export interface CompareOptions {
  /** Names for the two sides, e.g. "Kubernetes 1.34"; default: the run ids. */
  beforeLabel?: string;
  afterLabel?: string;
  threshold?: TimingThreshold;
}

const CHANGE_ORDER: Record<ExpectationDiff["change"], number> = {
  regression: 0,
  removed: 1,
  "verdict-changed": 2,
  fix: 3,
  added: 4,
  same: 5,
};

function verdictCell(d: ExpectationDiff): string {
  const before = d.before ? verdictLabel(d.before.verdict) : "absent";
  const after = d.after ? verdictLabel(d.after.verdict) : "absent";
  if (d.change === "same") return after;
  const tag = d.change === "regression" ? " **regression**" : d.change === "fix" ? " (fixed)" : "";
  return `${before} → ${after}${tag}`;
}

function timingCell(before: number | undefined, after: number | undefined, deltaMs: number | undefined, threshold: TimingThreshold): string {
  if (before === undefined && after === undefined) return "—";
  if (before === after) return formatDuration(after);
  const span = `${formatDuration(before)} → ${formatDuration(after)}`;
  if (deltaMs === undefined || before === undefined) return span;
  if (Math.abs(deltaMs) < Math.max(threshold.minimumMs, threshold.fraction * before)) return span;
  const signed = `${deltaMs > 0 ? "+" : ""}${formatDuration(deltaMs)}`;
  return `${span} (**${signed}**, ${deltaMs > 0 ? "slower" : "faster"})`;
}

function row(d: ExpectationDiff, threshold: TimingThreshold): string {
  const side = (s: MeasuredSide | undefined, field: "timeToDetectMs" | "timeToRecoverMs"): number | undefined => s?.[field];
  return [
    "",
    escapeMarkdown(d.scenario),
    `**${escapeMarkdown(d.expectationId)}** ${escapeMarkdown(d.description)}`,
    verdictCell(d),
    timingCell(side(d.before, "timeToDetectMs"), side(d.after, "timeToDetectMs"), d.timeToDetectDeltaMs, threshold),
    timingCell(side(d.before, "timeToRecoverMs"), side(d.after, "timeToRecoverMs"), d.timeToRecoverDeltaMs, threshold),
    "",
  ].join(" | ").trim();
}

const TABLE_HEAD = ["| Scenario · variant | Expectation | Verdict | TTD | TTR |", "| --- | --- | --- | --- | --- |"];

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * A Markdown comparison of two runs of the same suite: tool versions that differ, then every
 * expectation whose verdict changed or whose TTD/TTR moved beyond the threshold, then the rest folded.
 */
export function compareRuns(before: RunResult, after: RunResult, options: CompareOptions = {}): string {
  return comparison(before, after, options).markdown;
}

/** compareRuns' Markdown and the diff it was made from (e.g. to gate on regressions). */
export function comparison(before: RunResult, after: RunResult, options: CompareOptions = {}): { markdown: string; diff: RunDiff } {
  const threshold = options.threshold ?? DEFAULT_TIMING_THRESHOLD;
  // Redact before escaping: Markdown escapes would break the patterns (a JWT holds "_").
  const diff = diffRuns(redactRunResult(before), redactRunResult(after), threshold);
  const beforeLabel = options.beforeLabel ?? diff.beforeRunId;
  const afterLabel = options.afterLabel ?? diff.afterRunId;
  const sorted = [...diff.expectations].sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change]);
  const notable = sorted.filter((d) => d.change !== "same" || d.timingShifted);
  const unchanged = sorted.filter((d) => d.change === "same" && !d.timingShifted);
  const by = (change: ExpectationDiff["change"]): number => diff.expectations.filter((d) => d.change === change).length;
  const slower = diff.expectations.filter(
    (d) => d.timingShifted && ((d.timeToDetectDeltaMs ?? 0) > 0 || (d.timeToRecoverDeltaMs ?? 0) > 0),
  ).length;
  const faster = diff.expectations.filter(
    (d) => d.timingShifted && ((d.timeToDetectDeltaMs ?? 0) < 0 || (d.timeToRecoverDeltaMs ?? 0) < 0),
  ).length;
  const headline = [
    count(by("regression"), "regression", "regressions"),
    count(by("fix"), "fix", "fixes"),
    `${slower} slower`,
    `${faster} faster`,
    by("added") ? `${by("added")} added` : "",
    by("removed") ? `${by("removed")} removed` : "",
    by("verdict-changed") ? `${by("verdict-changed")} other verdict changes` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const tools = diff.tools.length
    ? `Tools: ${diff.tools.map((t) => `${escapeMarkdown(t.tool)} ${escapeMarkdown(t.before ?? "absent")} → ${escapeMarkdown(t.after ?? "absent")}`).join(" · ")}`
    : "Tools: no version differs";
  const lines = [
    `## ${by("regression") ? "❌" : "✅"} Run comparison: ${escapeMarkdown(beforeLabel)} → ${escapeMarkdown(afterLabel)}`,
    "",
    `**${headline}**; ${unchanged.length} unchanged. Timing counts as moved beyond ±${formatDuration(threshold.minimumMs)} and ±${Math.round(threshold.fraction * 100)} %.`,
    "",
    tools,
    "",
  ];
  if (notable.length) lines.push(...TABLE_HEAD, ...notable.map((d) => row(d, threshold)), "");
  if (unchanged.length) {
    lines.push(`<details><summary>${unchanged.length} unchanged</summary>`, "", ...TABLE_HEAD, ...unchanged.map((d) => row(d, threshold)), "", "</details>", "");
  }
  return { markdown: lines.join("\n"), diff };
}
