import type { ExpectationResult, RunResult, ScenarioResult } from "../scenario/runResult.js";
import { describeProbe } from "./describeProbe.js";
import { formatDuration } from "./formatDuration.js";
import { escapeMarkdown } from "./markdownText.js";
import { redactRunResult } from "./redactRunResult.js";
import { runVerdict } from "./runVerdict.js";
import { unexplainedFailure } from "./unexplainedFailure.js";
import { countVerdicts } from "./verdictCounts.js";
import { verdictIcon, verdictLabel } from "./verdictLabel.js";
import { worstFirst } from "./verdictOrder.js";

// Written for $GITHUB_STEP_SUMMARY: one line that says whether the run is green, then the
// scenarios that need attention with their reasons, expanded; passing ones folded away.

const MESSAGE_LIMIT = 240;

function shorten(text: string): string {
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
}

function expectationName(e: ExpectationResult): string {
  return `**${escapeMarkdown(e.id)}** ${escapeMarkdown(e.description)}`;
}

function expectationTable(expectations: ExpectationResult[]): string[] {
  return [
    "| Verdict | Expectation | Phase | TTD | TTR | Stands for |",
    "| --- | --- | --- | ---: | ---: | --- |",
    ...worstFirst(expectations).map(
      (e) =>
        `| ${verdictLabel(e.verdict)} | ${expectationName(e)} | ${e.phase} | ${formatDuration(e.timeToDetectMs)} | ${formatDuration(e.timeToRecoverMs)} | ${e.standsFor ? escapeMarkdown(e.standsFor) : ""} |`,
    ),
  ];
}

function failureList(scenario: ScenarioResult): string[] {
  const items = worstFirst(scenario.expectations.filter((e) => e.verdict === "failed" || e.verdict === "error")).map(
    (e) => `- ${verdictIcon(e.verdict)} ${expectationName(e)}: ${escapeMarkdown(shorten(e.message ?? "no message"))}`,
  );
  const unexplained = unexplainedFailure(scenario);
  if (unexplained !== null) items.unshift(`- ⚠️ **scenario ${scenario.verdict}**: ${escapeMarkdown(shorten(unexplained))}`);
  return items;
}

function ttdRange(scenario: ScenarioResult): string {
  const ttds = scenario.expectations.flatMap((e) => (e.timeToDetectMs === undefined ? [] : [e.timeToDetectMs]));
  const ttrs = scenario.expectations.flatMap((e) => (e.timeToRecoverMs === undefined ? [] : [e.timeToRecoverMs]));
  const parts: string[] = [];
  if (ttds.length) parts.push(`TTD ≤ ${formatDuration(Math.max(...ttds))}`);
  if (ttrs.length) parts.push(`TTR ≤ ${formatDuration(Math.max(...ttrs))}`);
  return parts.join(", ");
}

function scenarioSection(scenario: ScenarioResult): string[] {
  const counts = countVerdicts(scenario.expectations);
  const name = `${escapeMarkdown(scenario.scenario)} · ${escapeMarkdown(scenario.variant)}`;
  const facts = [`${counts.passed}/${counts.total} passed`, ttdRange(scenario)].filter(Boolean).join(", ");
  const probes = scenario.probes.length
    ? [`Probes: ${scenario.probes.map((p) => escapeMarkdown(describeProbe(p, scenario.endedAt))).join(" · ")}`, ""]
    : [];
  const table = scenario.expectations.length ? [...expectationTable(scenario.expectations), ""] : [];
  if (scenario.verdict === "passed" || scenario.verdict === "skipped") {
    // GitHub needs the blank line after <summary> to render the Markdown inside <details>.
    return [
      `<details><summary>${verdictIcon(scenario.verdict)} ${name} — ${facts}</summary>`,
      "",
      ...table,
      ...probes,
      "</details>",
      "",
    ];
  }
  return [
    `### ${verdictIcon(scenario.verdict)} ${name} — ${facts}`,
    "",
    escapeMarkdown(scenario.title),
    "",
    ...failureList(scenario),
    "",
    ...table,
    ...probes,
  ];
}

/** The run as a short GitHub step summary, failing scenarios first; redacted. */
export function renderMarkdownSummary(input: RunResult): string {
  const run = redactRunResult(input);
  const verdict = runVerdict(run);
  const scenarioCounts = countVerdicts(run.scenarios);
  const expectationCounts = countVerdicts(run.scenarios.flatMap((s) => s.expectations));
  const notPassed = scenarioCounts.total - scenarioCounts.passed;
  const headline =
    scenarioCounts.total === 0
      ? "no scenario ran"
      : notPassed === 0
        ? `all ${scenarioCounts.total} scenario runs passed`
        : `${notPassed} of ${scenarioCounts.total} scenario runs did not pass`;
  const expectationLine = (["passed", "failed", "error", "skipped"] as const)
    .filter((v) => expectationCounts[v] > 0)
    .map((v) => `${expectationCounts[v]} ${v}`)
    .join(", ");
  const tools = Object.entries(run.tools).map(([tool, version]) => `${escapeMarkdown(tool)} ${escapeMarkdown(version)}`);
  return [
    `## ${verdictIcon(verdict)} kube-gameday ${escapeMarkdown(run.runId)}: ${headline}`,
    "",
    [`${expectationCounts.total} expectations${expectationLine ? ` (${expectationLine})` : ""}`, formatDuration(run.durationMs), ...tools].join(" · "),
    "",
    ...worstFirst(run.scenarios).flatMap(scenarioSection),
  ].join("\n");
}
