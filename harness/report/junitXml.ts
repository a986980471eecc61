import type { ExpectationResult, RunResult, ScenarioResult } from "../scenario/runResult.js";
import { escapeMarkup, escapeMarkupAttribute } from "./escapeMarkup.js";
import { redactRunResult } from "./redactRunResult.js";
import { scenarioKey } from "./scenarioKey.js";
import { unexplainedFailure } from "./unexplainedFailure.js";
import { countVerdicts } from "./verdictCounts.js";

// JUnit as Jenkins, GitLab and the GitHub test-report actions read it: a <testsuite> per
// scenario run (scenario.variant), a <testcase> per expectation. Measurements go into
// <property> elements, per testcase (Jenkins and pytest-style consumers show them) and per suite.
// Times are seconds with millisecond precision, as the format expects.

const MESSAGE_ATTRIBUTE_LIMIT = 300;

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** JUnit's schema wants a timestamp without zone; the value is UTC (the full ISO form is a property). */
function junitTimestamp(runStartedWall: string, offsetMs: number): string {
  const start = Date.parse(runStartedWall);
  if (Number.isNaN(start)) return "";
  return new Date(start + offsetMs).toISOString().slice(0, 19);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeMarkupAttribute(String(value))}"`)
    .join("");
}

function properties(values: Array<[string, string | number | undefined | null]>, indent: string): string[] {
  const present = values.filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null);
  if (present.length === 0) return [];
  return [
    `${indent}<properties>`,
    ...present.map(([name, value]) => `${indent}  <property${attrs({ name, value })}/>`),
    `${indent}</properties>`,
  ];
}

/** First line, shortened: CI tools show the message attribute in one-line lists. */
function headline(message: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0] ?? "";
  return firstLine.length > MESSAGE_ATTRIBUTE_LIMIT ? `${firstLine.slice(0, MESSAGE_ATTRIBUTE_LIMIT - 1)}…` : firstLine;
}

const PHASE_OF_EXPECTATION: Record<ExpectationResult["phase"], string> = {
  "negative-control": "steady",
  steady: "steady",
  expect: "expect",
  remediate: "remediate",
  recover: "recover",
  cleanup: "cleanup",
};

/**
 * How long the assertion took: its TTD or TTR when measured, else from the start of its phase
 * to the moment it was observed, else 0 (JUnit has no "unknown").
 */
function expectationDurationMs(expectation: ExpectationResult, scenario: ScenarioResult): number {
  if (expectation.timeToDetectMs !== undefined) return expectation.timeToDetectMs;
  if (expectation.timeToRecoverMs !== undefined) return expectation.timeToRecoverMs;
  if (expectation.observedAt === undefined) return 0;
  const phaseName = PHASE_OF_EXPECTATION[expectation.phase];
  const phaseStart = scenario.timeline.find((e) => e.kind === "phase" && e.name === phaseName)?.at;
  return phaseStart === undefined ? 0 : expectation.observedAt - phaseStart;
}

function outcome(expectation: ExpectationResult, indent: string): string[] {
  const message = expectation.message ?? "";
  switch (expectation.verdict) {
    case "passed":
      return message ? [`${indent}<system-out>${escapeMarkup(message)}</system-out>`] : [];
    case "skipped":
      return [`${indent}<skipped${attrs({ message: headline(message || "skipped") })}/>`];
    case "failed":
    case "error": {
      const element = expectation.verdict === "failed" ? "failure" : "error";
      const text = message || `${expectation.verdict} without a message`;
      return [`${indent}<${element}${attrs({ message: headline(text), type: expectation.verdict })}>${escapeMarkup(text)}</${element}>`];
    }
  }
}

function testcase(expectation: ExpectationResult, scenario: ScenarioResult): string[] {
  const indent = "      ";
  const body = [
    ...properties(
      [
        ["phase", expectation.phase],
        ["time_to_detect_seconds", expectation.timeToDetectMs === undefined ? undefined : seconds(expectation.timeToDetectMs)],
        ["time_to_recover_seconds", expectation.timeToRecoverMs === undefined ? undefined : seconds(expectation.timeToRecoverMs)],
        ["deadline_seconds", expectation.deadlineMs === undefined ? undefined : seconds(expectation.deadlineMs)],
        ["stands_for", expectation.standsFor],
      ],
      indent,
    ),
    ...outcome(expectation, indent),
  ];
  const open = `    <testcase${attrs({
    classname: scenarioKey(scenario),
    name: `${expectation.id}: ${expectation.description}`,
    time: seconds(expectationDurationMs(expectation, scenario)),
  })}`;
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, "    </testcase>"];
}

function testsuite(scenario: ScenarioResult, run: RunResult): string[] {
  const unexplained = unexplainedFailure(scenario);
  const expectations: ExpectationResult[] = [...scenario.expectations];
  if (unexplained !== null) {
    expectations.push({
      id: "scenario-verdict",
      phase: "cleanup",
      description: `scenario ended ${scenario.verdict}`,
      verdict: "error",
      message: unexplained,
    });
  }
  const counts = countVerdicts(expectations);
  const key = scenarioKey(scenario);
  const probeProperties: Array<[string, string | undefined]> = scenario.probes.flatMap((probe) => [
    [`probe.${probe.name}.availability`, probe.availability === null ? "n/a" : probe.availability.toFixed(4)],
    [`probe.${probe.name}.outages`, String(probe.outages.length)],
  ]);
  const ttds = scenario.expectations.flatMap((e) => (e.timeToDetectMs === undefined ? [] : [e.timeToDetectMs]));
  const ttrs = scenario.expectations.flatMap((e) => (e.timeToRecoverMs === undefined ? [] : [e.timeToRecoverMs]));
  return [
    `  <testsuite${attrs({
      name: key,
      tests: counts.total,
      failures: counts.failed,
      errors: counts.error,
      skipped: counts.skipped,
      time: seconds(scenario.endedAt - scenario.startedAt),
      timestamp: junitTimestamp(run.startedWall, scenario.startedAt),
    })}>`,
    ...properties(
      [
        ["scenario", scenario.scenario],
        ["variant", scenario.variant],
        ["title", scenario.title],
        ["verdict", scenario.verdict],
        ["run_id", run.runId],
        ["fault_at_seconds", scenario.faultAt === null ? undefined : seconds(scenario.faultAt)],
        ["max_time_to_detect_seconds", ttds.length ? seconds(Math.max(...ttds)) : undefined],
        ["max_time_to_recover_seconds", ttrs.length ? seconds(Math.max(...ttrs)) : undefined],
        ["cluster.provider", scenario.cluster.provider],
        ["cluster.name", scenario.cluster.name],
        ["cluster.kubernetes_version", scenario.cluster.kubernetesVersion],
        ["cluster.nodes", scenario.cluster.nodes],
        ...probeProperties,
        ...Object.entries(run.tools).map(([tool, version]): [string, string] => [`tool.${tool}`, version]),
      ],
      "    ",
    ),
    ...expectations.flatMap((e) => testcase(e, scenario)),
    "  </testsuite>",
  ];
}

/** The run as JUnit XML (UTF-8, XML 1.0), redacted. */
export function renderJunitXml(input: RunResult): string {
  const run = redactRunResult(input);
  const suites = run.scenarios.map((s) => testsuite(s, run));
  const all = countVerdicts(
    run.scenarios.flatMap((s) => [
      ...s.expectations,
      ...(unexplainedFailure(s) === null ? [] : [{ verdict: "error" as const }]),
    ]),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name: `kube-gameday ${run.runId}`,
      tests: all.total,
      failures: all.failed,
      errors: all.error,
      skipped: all.skipped,
      time: seconds(run.durationMs),
      timestamp: junitTimestamp(run.startedWall, 0),
    })}>`,
    ...suites.flat(),
    "</testsuites>",
    "",
  ].join("\n");
}
