import type { ExpectationResult, RunResult, ScenarioResult, Verdict } from "../scenario/runResult.js";
import { describeProbe, formatAvailability } from "./describeProbe.js";
import { escapeMarkup, escapeMarkupAttribute } from "./escapeMarkup.js";
import { formatDuration } from "./formatDuration.js";
import { redactRunResult } from "./redactRunResult.js";
import { runVerdict } from "./runVerdict.js";
import { scenarioKey } from "./scenarioKey.js";
import { CHART_COLOURS, renderTimelineChart } from "./timelineChart.js";
import { unexplainedFailure } from "./unexplainedFailure.js";
import { countVerdicts } from "./verdictCounts.js";

// The report for people, e.g. on a projector in a training session: one self-contained file
// (inline CSS and SVG, no scripts, no fonts, nothing fetched) that opens from a CI artifact or
// an e-mail attachment. Per scenario run: the timeline chart, the verdict table, the probes and
// the raw timeline folded away.

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #b42318; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px 32px 48px; max-width: 1320px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 0; } h3 { font-size: 16px; margin: 20px 0 6px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.meta { color: var(--muted); margin: 4px 0 0; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 14px; font-weight: 600; vertical-align: middle; border: 1px solid currentColor; }
.badge.passed { color: var(--pass); background: #dafbe1; } .badge.failed, .badge.error { color: var(--fail); background: #ffebe9; } .badge.skipped { color: var(--muted); background: #f6f8fa; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.failed td, tr.error td { background: #fff5f4; } td.verdict { white-space: nowrap; }
td.message { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
section.scenario { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 24px 0; }
section.scenario.failed, section.scenario.error { border-left: 6px solid var(--fail); } section.scenario.passed { border-left: 6px solid var(--pass); }
figure { margin: 12px 0; } svg.timeline { display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg .row { font-size: 12px; fill: #57606a; } svg .tick { font-size: 12px; fill: #1f2328; font-variant-numeric: tabular-nums; }
svg .label { font-size: 12px; fill: #1f2328; } svg .phase { font-size: 11px; fill: #1f2328; }
figcaption { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; color: var(--muted); }
figcaption span { display: inline-flex; align-items: center; gap: 5px; }
details { margin-top: 12px; } summary { cursor: pointer; font-weight: 600; }
.unexplained { border: 1px solid var(--fail); background: #fff5f4; padding: 8px 12px; border-radius: 6px; white-space: pre-wrap; }
@media print { section.scenario { break-inside: avoid; } details { display: block; } }
`;

// Text glyphs rather than emoji: emoji fonts are missing on many CI runners and Linux desktops,
// where they render as empty boxes; these are in every common sans-serif font.
const VERDICT_GLYPH: Record<Verdict, string> = { passed: "✓", failed: "✗", error: "⚠", skipped: "–" };

function verdictLabel(verdict: Verdict): string {
  return `${VERDICT_GLYPH[verdict]} ${verdict}`;
}

function anchorId(scenario: ScenarioResult): string {
  return `run-${scenarioKey(scenario).toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

function badge(verdict: Verdict): string {
  return `<span class="badge ${verdict}">${escapeMarkup(verdictLabel(verdict))}</span>`;
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length ? Math.max(...present) : undefined;
}

function legendSymbol(svgBody: string): string {
  return `<svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">${svgBody}</svg>`;
}

const LEGEND = [
  [legendSymbol(`<line x1="9" x2="9" y1="0" y2="14" stroke="${CHART_COLOURS.fault}" stroke-width="2"/>`), "fault injected (t0)"],
  [legendSymbol(`<path d="M9 1L15 7L9 13L3 7Z" fill="${CHART_COLOURS.detection}"/>`), "detection, with time to detect (TTD)"],
  [legendSymbol(`<path d="M9 1L15 12L3 12Z" fill="${CHART_COLOURS.symptom}"/>`), "symptom observed"],
  [legendSymbol(`<circle cx="9" cy="7" r="5" fill="${CHART_COLOURS.check}"/>`), "steady-state check / recovery passed"],
  [legendSymbol(`<rect x="1" y="3" width="16" height="8" fill="${CHART_COLOURS.remediation}" opacity="0.5"/><rect x="4" y="2" width="10" height="10" fill="${CHART_COLOURS.remediation}"/>`), "remediation span and step"],
  [legendSymbol(`<path d="M1 3V11M1 7H17M17 3V11" stroke="${CHART_COLOURS.recovery}" stroke-width="2" fill="none"/>`), "time to recover (TTR)"],
  [legendSymbol(`<path d="M3 1L15 13M15 1L3 13" stroke="${CHART_COLOURS.failure}" stroke-width="3"/>`), "failed, missed deadline or error"],
  [legendSymbol(`<rect x="0" y="2" width="18" height="10" fill="${CHART_COLOURS.outage}"/>`), "probe outage (also a light red band across the chart)"],
] as const;

function legend(): string {
  return `<figcaption>${LEGEND.map(([symbol, text]) => `<span>${symbol}${escapeMarkup(text)}</span>`).join("")}</figcaption>`;
}

function expectationRow(e: ExpectationResult): string {
  return [
    `<tr class="${e.verdict}">`,
    `<td class="verdict">${escapeMarkup(verdictLabel(e.verdict))}</td>`,
    `<td><code>${escapeMarkup(e.id)}</code><br>${escapeMarkup(e.description)}</td>`,
    `<td>${escapeMarkup(e.phase)}</td>`,
    `<td class="num">${escapeMarkup(formatDuration(e.timeToDetectMs))}</td>`,
    `<td class="num">${escapeMarkup(formatDuration(e.timeToRecoverMs))}</td>`,
    `<td class="num">${escapeMarkup(formatDuration(e.deadlineMs))}</td>`,
    `<td>${escapeMarkup(e.standsFor ?? "")}</td>`,
    `<td class="message">${escapeMarkup(e.message ?? "")}</td>`,
    "</tr>",
  ].join("");
}

function offsetFromT0(at: number, scenario: ScenarioResult): string {
  if (scenario.faultAt === null) return formatDuration(at - scenario.startedAt);
  const offset = at - scenario.faultAt;
  return offset === 0 ? "t0" : `t0 ${offset > 0 ? "+" : ""}${formatDuration(offset)}`;
}

function rawTimeline(scenario: ScenarioResult): string {
  const rows = [...scenario.timeline]
    .sort((a, b) => a.at - b.at)
    .map(
      (e) =>
        `<tr><td class="num">${escapeMarkup(offsetFromT0(e.at, scenario))}</td><td class="num">${escapeMarkup((e.at / 1000).toFixed(3))}</td><td><code>${escapeMarkup(e.wall)}</code></td><td>${escapeMarkup(e.kind)}</td><td>${escapeMarkup(e.name)}</td><td class="message">${escapeMarkup(e.detail ?? "")}</td></tr>`,
    );
  return [
    `<details><summary>Raw timeline (${scenario.timeline.length} events)</summary>`,
    "<table><thead><tr><th>From t0</th><th>Run clock (s)</th><th>Wall clock</th><th>Kind</th><th>Name</th><th>Detail</th></tr></thead>",
    `<tbody>${rows.join("\n")}</tbody></table>`,
    "</details>",
  ].join("\n");
}

function scenarioSection(scenario: ScenarioResult, index: number): string {
  const cluster = scenario.cluster;
  const clusterText = [
    `${cluster.provider} cluster ${cluster.name}`,
    cluster.kubernetesVersion ? `Kubernetes ${cluster.kubernetesVersion}` : "",
    cluster.nodes === undefined ? "" : `${cluster.nodes} node${cluster.nodes === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");
  const unexplained = unexplainedFailure(scenario);
  const probes = scenario.probes.length
    ? `<h3>Probes</h3><ul>${scenario.probes.map((p) => `<li>${escapeMarkup(describeProbe(p, scenario.endedAt))}</li>`).join("")}</ul>`
    : "";
  return [
    `<section class="scenario ${scenario.verdict}" id="${escapeMarkupAttribute(anchorId(scenario))}">`,
    `<h2>${escapeMarkup(scenario.title)} ${badge(scenario.verdict)}</h2>`,
    `<p class="meta"><code>${escapeMarkup(scenario.scenario)}</code> · variant <code>${escapeMarkup(scenario.variant)}</code> · ${escapeMarkup(clusterText)} · ${escapeMarkup(formatDuration(scenario.endedAt - scenario.startedAt))}</p>`,
    unexplained === null ? "" : `<p class="unexplained"><strong>Scenario ${escapeMarkup(scenario.verdict)}:</strong> ${escapeMarkup(unexplained)}</p>`,
    `<figure>${renderTimelineChart(scenario, `chart-${index}`)}${legend()}</figure>`,
    "<h3>Verdicts</h3>",
    "<table><thead><tr><th>Verdict</th><th>Expectation</th><th>Phase</th><th>TTD</th><th>TTR</th><th>Deadline</th><th>Stands for</th><th>Message</th></tr></thead>",
    `<tbody>${scenario.expectations.map(expectationRow).join("\n")}</tbody></table>`,
    probes,
    rawTimeline(scenario),
    "</section>",
  ].join("\n");
}

function overview(run: RunResult): string {
  const rows = run.scenarios.map((s) => {
    const counts = countVerdicts(s.expectations);
    const availability = s.probes.length ? s.probes.map((p) => `${p.name} ${formatAvailability(p.availability)}`).join(", ") : "—";
    return `<tr class="${s.verdict}"><td><a href="#${escapeMarkupAttribute(anchorId(s))}">${escapeMarkup(s.scenario)} · ${escapeMarkup(s.variant)}</a></td><td class="verdict">${escapeMarkup(verdictLabel(s.verdict))}</td><td class="num">${counts.passed}/${counts.total}</td><td class="num">${escapeMarkup(formatDuration(maxOf(s.expectations.map((e) => e.timeToDetectMs))))}</td><td class="num">${escapeMarkup(formatDuration(maxOf(s.expectations.map((e) => e.timeToRecoverMs))))}</td><td>${escapeMarkup(availability)}</td></tr>`;
  });
  return [
    "<table><thead><tr><th>Scenario · variant</th><th>Verdict</th><th>Passed</th><th>Slowest TTD</th><th>Slowest TTR</th><th>Probe availability</th></tr></thead>",
    `<tbody>${rows.join("\n")}</tbody></table>`,
  ].join("\n");
}

/** The run as one self-contained HTML page with a timeline chart per scenario run; redacted. */
export function renderHtmlReport(input: RunResult): string {
  const run = redactRunResult(input);
  const verdict = runVerdict(run);
  const tools = Object.entries(run.tools).map(([tool, version]) => `${tool} ${version}`).join(" · ");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: the policy forbids every fetch, so a later edit that adds one shows up at once.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeMarkup(`kube-gameday ${run.runId}: ${verdict}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<header><h1>kube-gameday run <code>${escapeMarkup(run.runId)}</code> ${badge(verdict)}</h1>`,
    `<p class="meta">started ${escapeMarkup(run.startedWall)} · ${escapeMarkup(formatDuration(run.durationMs))} · ${escapeMarkup(tools)}</p></header>`,
    "<h3>Scenario runs</h3>",
    overview(run),
    ...run.scenarios.map(scenarioSection),
    '<footer class="meta"><p>Times on the charts count from the fault (t0). TTD: time from the fault to a detection. TTR: time from the start of remediation (or the fault, when nobody acts) to recovery. Hover a mark for details.</p></footer>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
