import type { ExpectationResult, ScenarioResult, TimelineEvent } from "../scenario/runResult.js";
import { escapeMarkup } from "./escapeMarkup.js";
import { formatAvailability } from "./describeProbe.js";
import { formatDuration } from "./formatDuration.js";
import { assignLabelLanes } from "./labelLanes.js";
import { timeAxisTicks } from "./timeAxisTicks.js";

// One scenario run as an SVG drawn on the server: a shared time axis counted from the fault (t0),
// the phases, each probe with its outages, and rows of markers for the fault, steady-state
// checks, detections, remediation and recovery. Colours come from the Okabe–Ito palette (safe
// for the common colour-vision deficiencies) and every kind of marker also has its own shape, so
// nothing is told by colour alone. Hovering any mark shows its details through SVG <title>.

export const CHART_COLOURS = {
  ink: "#1f2328",
  grid: "#d0d7de",
  fault: "#1f2328",
  detection: "#0072B2",
  symptom: "#E69F00",
  check: "#009E73",
  remediation: "#CC79A7",
  recovery: "#009E73",
  failure: "#D55E00",
  outage: "#D55E00",
  probeUp: "#009E73",
  note: "#6e7781",
} as const;

const PHASE_FILL: Record<string, string> = {
  cluster: "#eaeef2",
  setup: "#dbe9f6",
  steady: "#d8efe6",
  fault: "#f7d9c8",
  expect: "#fbeccb",
  remediate: "#f1dcea",
  recover: "#d8efe6",
  cleanup: "#eaeef2",
};

type Shape = "diamond" | "triangle" | "circle" | "square" | "cross" | "flag";

interface Marker {
  at: number;
  shape: Shape;
  colour: string;
  label: string;
  tooltip: string;
}

interface Bar {
  from: number;
  to: number;
  colour: string;
  tooltip: string;
  /** A TTR bracket is a thin line with end ticks; other bars are filled. */
  style: "fill" | "bracket";
}

interface MarkerRow {
  title: string;
  markers: Marker[];
  bars: Bar[];
}

const WIDTH = 1200;
const GUTTER = 170;
const RIGHT_MARGIN = 20;
const PLOT_LEFT = GUTTER;
const PLOT_RIGHT = WIDTH - RIGHT_MARGIN;
const AXIS_HEIGHT = 28;
const PHASE_ROW_HEIGHT = 24;
const PROBE_ROW_HEIGHT = 22;
const LANE_HEIGHT = 15;
const LABEL_MAX_CHARS = 64;
// Average advance of a 12 px system sans-serif glyph, slightly generous so estimates err on
// the side of more space rather than overlap.
const CHAR_WIDTH = 6.8;

function truncate(text: string, max = LABEL_MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

function rowOfExpectation(e: ExpectationResult): "checks" | "detections" | "remediation" | "recovery" {
  switch (e.phase) {
    case "negative-control":
    case "steady":
    case "cleanup":
      return "checks";
    case "expect":
      return "detections";
    case "remediate":
      return "remediation";
    case "recover":
      return "recovery";
  }
}

/** The SVG element (tag and geometry attributes) that draws a shape centred on (x, y). */
function shapeElement(shape: Shape, x: number, y: number): { tag: string; geometry: string } {
  const r = 6;
  switch (shape) {
    case "diamond":
      return { tag: "path", geometry: `d="M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z"` };
    case "triangle":
      return { tag: "path", geometry: `d="M${x} ${y - r}L${x + r} ${y + r - 1}L${x - r} ${y + r - 1}Z"` };
    case "circle":
      return { tag: "circle", geometry: `cx="${x}" cy="${y}" r="${r - 1}"` };
    case "square":
      return { tag: "rect", geometry: `x="${x - r + 1}" y="${y - r + 1}" width="${2 * r - 2}" height="${2 * r - 2}"` };
    case "cross":
      return { tag: "path", geometry: `d="M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}"` };
    case "flag":
      return { tag: "path", geometry: `d="M${x} ${y - r - 2}L${x + r + 2} ${y - r / 2 - 1}L${x} ${y}Z"` };
  }
}

function markerSvg(marker: Marker, x: number, y: number): string {
  const { tag, geometry } = shapeElement(marker.shape, x, y);
  // A cross is two strokes; the filled shapes get a white outline so they stay visible on bars.
  const paint =
    marker.shape === "cross"
      ? `stroke="${marker.colour}" stroke-width="3" fill="none"`
      : `fill="${marker.colour}" stroke="#fff" stroke-width="1"`;
  return `<${tag} ${geometry} ${paint} class="marker-${marker.shape}"><title>${escapeMarkup(marker.tooltip)}</title></${tag}>`;
}

function expectationMarker(e: ExpectationResult, faultAt: number | null, eventKinds: Map<string, TimelineEvent["kind"]>): Marker | null {
  if (e.observedAt === undefined) return null;
  const row = rowOfExpectation(e);
  const failed = e.verdict === "failed" || e.verdict === "error";
  const deadline = e.deadlineMs === undefined ? "" : ` (deadline ${formatDuration(e.deadlineMs)})`;
  let label = e.id;
  if (failed) label = `${e.id} · ${e.verdict === "error" ? "error" : "missed"}${deadline}`;
  else if (e.timeToDetectMs !== undefined) label = `${e.id} · TTD ${formatDuration(e.timeToDetectMs)}`;
  else if (e.timeToRecoverMs !== undefined) label = `${e.id} · TTR ${formatDuration(e.timeToRecoverMs)}`;
  else if (row === "detections" && faultAt !== null) label = `${e.id} · TTD ${formatDuration(e.observedAt - faultAt)}`;
  const tooltipParts = [
    `${e.id} (${e.phase}): ${e.verdict}`,
    e.description,
    e.timeToDetectMs === undefined ? "" : `time to detect ${formatDuration(e.timeToDetectMs)}`,
    e.timeToRecoverMs === undefined ? "" : `time to recover ${formatDuration(e.timeToRecoverMs)}`,
    e.standsFor ? `stands for ${e.standsFor}` : "",
    e.message ?? "",
  ];
  const isSymptom = eventKinds.get(e.id) === "symptom";
  const shape: Shape = failed
    ? "cross"
    : row === "checks" || row === "recovery"
      ? "circle"
      : row === "remediation"
        ? "square"
        : isSymptom
          ? "triangle"
          : "diamond";
  const colour = failed
    ? CHART_COLOURS.failure
    : row === "checks"
      ? CHART_COLOURS.check
      : row === "recovery"
        ? CHART_COLOURS.recovery
        : row === "remediation"
          ? CHART_COLOURS.remediation
          : isSymptom
            ? CHART_COLOURS.symptom
            : CHART_COLOURS.detection;
  return { at: e.observedAt, shape, colour, label, tooltip: tooltipParts.filter(Boolean).join("\n") };
}

function eventMarker(event: TimelineEvent, faultAt: number | null): Marker {
  const tooltip = [`${event.kind}: ${event.name}`, event.detail ?? "", event.wall].filter(Boolean).join("\n");
  switch (event.kind) {
    case "fault": {
      const isT0 = event.at === faultAt;
      return { at: event.at, shape: "flag", colour: CHART_COLOURS.fault, label: `${isT0 ? "t0 · " : ""}fault: ${event.name}`, tooltip };
    }
    case "detection":
    case "symptom": {
      const ttd = faultAt === null ? "" : ` · TTD ${formatDuration(event.at - faultAt)}`;
      const colour = event.kind === "symptom" ? CHART_COLOURS.symptom : CHART_COLOURS.detection;
      return { at: event.at, shape: event.kind === "symptom" ? "triangle" : "diamond", colour, label: `${event.name}${ttd}`, tooltip };
    }
    case "remediation":
      return { at: event.at, shape: "square", colour: CHART_COLOURS.remediation, label: event.name, tooltip };
    case "recovery":
      return { at: event.at, shape: "circle", colour: CHART_COLOURS.recovery, label: event.name, tooltip };
    case "error":
      return { at: event.at, shape: "cross", colour: CHART_COLOURS.failure, label: `error: ${event.name}`, tooltip };
    default:
      return { at: event.at, shape: "circle", colour: CHART_COLOURS.note, label: event.name, tooltip };
  }
}

function phaseSpans(scenario: ScenarioResult): Array<{ name: string; from: number; to: number }> {
  const phases = scenario.timeline.filter((e) => e.kind === "phase").sort((a, b) => a.at - b.at);
  return phases.map((phase, i) => ({ name: phase.name, from: phase.at, to: phases[i + 1]?.at ?? scenario.endedAt }));
}

/** Builds the marker rows; empty rows other than the core ones are left out. */
function markerRows(scenario: ScenarioResult): MarkerRow[] {
  const rows = {
    fault: { title: "fault", markers: [], bars: [] } as MarkerRow,
    checks: { title: "steady-state checks", markers: [], bars: [] } as MarkerRow,
    detections: { title: "detections", markers: [], bars: [] } as MarkerRow,
    remediation: { title: "remediation", markers: [], bars: [] } as MarkerRow,
    recovery: { title: "recovery", markers: [], bars: [] } as MarkerRow,
    notes: { title: "notes & errors", markers: [], bars: [] } as MarkerRow,
  };
  const expectationIds = new Set(scenario.expectations.map((e) => e.id));
  const eventKinds = new Map(scenario.timeline.map((e) => [e.name, e.kind] as const));

  for (const e of scenario.expectations) {
    const marker = expectationMarker(e, scenario.faultAt, eventKinds);
    if (marker) rows[rowOfExpectation(e)].markers.push(marker);
    if (e.timeToRecoverMs !== undefined && e.observedAt !== undefined) {
      rows.recovery.bars.push({
        from: e.observedAt - e.timeToRecoverMs,
        to: e.observedAt,
        colour: CHART_COLOURS.recovery,
        style: "bracket",
        tooltip: `${e.id}: time to recover ${formatDuration(e.timeToRecoverMs)}`,
      });
    }
  }
  for (const event of scenario.timeline) {
    // An event that reports an expectation is already drawn from the expectation, which knows more.
    if (expectationIds.has(event.name) && event.kind !== "fault" && event.kind !== "error") continue;
    const marker = eventMarker(event, scenario.faultAt);
    if (event.kind === "fault") rows.fault.markers.push(marker);
    else if (event.kind === "detection" || event.kind === "symptom") rows.detections.markers.push(marker);
    else if (event.kind === "remediation") rows.remediation.markers.push(marker);
    else if (event.kind === "recovery") rows.recovery.markers.push(marker);
    else if (event.kind === "error" || event.kind === "note") rows.notes.markers.push(marker);
  }
  const remediate = phaseSpans(scenario).find((p) => p.name === "remediate");
  if (remediate) {
    rows.remediation.bars.push({
      from: remediate.from,
      to: remediate.to,
      colour: CHART_COLOURS.remediation,
      style: "fill",
      tooltip: `remediation ${formatDuration(remediate.to - remediate.from)}`,
    });
  }
  const core = [rows.fault, rows.checks, rows.detections, rows.remediation, rows.recovery];
  return rows.notes.markers.length ? [...core, rows.notes] : core;
}

/** A short text alternative for the chart, read by screen readers. */
function chartDescription(scenario: ScenarioResult): string {
  const parts: string[] = [];
  if (scenario.faultAt === null) parts.push("No fault was injected.");
  const ttds = scenario.expectations.filter((e) => e.timeToDetectMs !== undefined);
  if (ttds.length) parts.push(`Detections: ${ttds.map((e) => `${e.id} after ${formatDuration(e.timeToDetectMs)}`).join(", ")}.`);
  const ttrs = scenario.expectations.filter((e) => e.timeToRecoverMs !== undefined);
  if (ttrs.length) parts.push(`Recovery: ${ttrs.map((e) => `${e.id} after ${formatDuration(e.timeToRecoverMs)}`).join(", ")}.`);
  const outages = scenario.probes.reduce((n, p) => n + p.outages.length, 0);
  parts.push(`${outages} probe outage${outages === 1 ? "" : "s"}.`);
  return parts.join(" ");
}

/**
 * The timeline of one scenario run as an inline SVG element (no scripts, no external
 * resources). `idPrefix` keeps element ids unique when several charts share a page.
 */
export function renderTimelineChart(scenario: ScenarioResult, idPrefix: string): string {
  const observed = scenario.expectations.flatMap((e) => (e.observedAt === undefined ? [] : [e.observedAt]));
  const domainFrom = Math.min(scenario.startedAt, ...scenario.timeline.map((e) => e.at));
  const domainTo = Math.max(scenario.endedAt, domainFrom + 1000, ...scenario.timeline.map((e) => e.at), ...observed);
  const origin = scenario.faultAt ?? domainFrom;
  const x = (at: number): number =>
    +(PLOT_LEFT + ((Math.min(Math.max(at, domainFrom), domainTo) - domainFrom) / (domainTo - domainFrom)) * (PLOT_RIGHT - PLOT_LEFT)).toFixed(1);

  const body: string[] = [];
  const overlays: string[] = [];
  let y = AXIS_HEIGHT;

  // Phases.
  const phaseTop = y + 4;
  body.push(`<text x="${GUTTER - 10}" y="${phaseTop + 15}" text-anchor="end" class="row">phases</text>`);
  for (const phase of phaseSpans(scenario)) {
    const x1 = x(phase.from);
    const width = Math.max(x(phase.to) - x1, 1);
    const fill = PHASE_FILL[phase.name] ?? "#eaeef2";
    body.push(
      `<rect x="${x1}" y="${phaseTop}" width="${width}" height="${PHASE_ROW_HEIGHT - 4}" fill="${fill}" stroke="#fff"><title>${escapeMarkup(`${phase.name}: ${formatDuration(phase.to - phase.from)}`)}</title></rect>`,
    );
    if (textWidth(phase.name) + 6 < width) {
      body.push(`<text x="${+(x1 + width / 2).toFixed(1)}" y="${phaseTop + 14}" text-anchor="middle" class="phase">${escapeMarkup(phase.name)}</text>`);
    }
  }
  y += PHASE_ROW_HEIGHT + 4;

  // Probes: a green line while up, red where down; an open outage runs to the end.
  for (const probe of scenario.probes) {
    const mid = y + PROBE_ROW_HEIGHT / 2;
    const title = truncate(`${probe.name} ${formatAvailability(probe.availability)}`, 24);
    body.push(`<text x="${GUTTER - 10}" y="${mid + 4}" text-anchor="end" class="row"><title>${escapeMarkup(`probe ${probe.name} (${probe.kind})`)}</title>${escapeMarkup(title)}</text>`);
    if (probe.availability === null) {
      body.push(`<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${mid}" y2="${mid}" stroke="${CHART_COLOURS.note}" stroke-dasharray="2 4"><title>no attempts</title></line>`);
    } else {
      body.push(`<rect x="${PLOT_LEFT}" y="${mid - 3}" width="${PLOT_RIGHT - PLOT_LEFT}" height="6" fill="${CHART_COLOURS.probeUp}" opacity="0.55"/>`);
    }
    for (const outage of probe.outages) {
      const to = outage.to ?? domainTo;
      const x1 = x(outage.from);
      const width = Math.max(x(to) - x1, 2);
      const what = `${probe.name} down ${formatDuration(to - outage.from)}${outage.to === null ? ", still down at the end" : ""}`;
      body.push(`<rect x="${x1}" y="${mid - 6}" width="${width}" height="12" fill="${CHART_COLOURS.outage}"><title>${escapeMarkup(what)}</title></rect>`);
      overlays.push(`<rect x="${x1}" y="${AXIS_HEIGHT}" width="${width}" height="@BOTTOM@" fill="${CHART_COLOURS.outage}" opacity="0.09"/>`);
    }
    y += PROBE_ROW_HEIGHT;
  }

  // Marker rows, each with its labels staggered into as many lines as it needs.
  for (const row of markerRows(scenario)) {
    const top = y + 4;
    const markerY = top + 10;
    body.push(`<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${markerY}" y2="${markerY}" stroke="${CHART_COLOURS.grid}"/>`);
    body.push(`<text x="${GUTTER - 10}" y="${markerY + 4}" text-anchor="end" class="row">${escapeMarkup(row.title)}</text>`);
    for (const bar of row.bars) {
      const x1 = x(bar.from);
      const x2 = Math.max(x(bar.to), x1 + 1);
      if (bar.style === "fill") {
        body.push(`<rect x="${x1}" y="${markerY - 4}" width="${x2 - x1}" height="8" rx="2" fill="${bar.colour}" opacity="0.35"><title>${escapeMarkup(bar.tooltip)}</title></rect>`);
      } else {
        body.push(
          `<path d="M${x1} ${markerY - 5}V${markerY + 5}M${x1} ${markerY}H${x2}M${x2} ${markerY - 5}V${markerY + 5}" stroke="${bar.colour}" stroke-width="2" fill="none"><title>${escapeMarkup(bar.tooltip)}</title></path>`,
        );
      }
    }
    const markers = [...row.markers].sort((a, b) => a.at - b.at);
    const labels = markers.map((m) => {
      const text = truncate(m.label);
      const mx = x(m.at);
      const width = textWidth(text);
      const toTheRight = mx + 5 + width <= PLOT_RIGHT;
      return { text, mx, toTheRight, start: toTheRight ? mx + 5 : mx - 5 - width, end: toTheRight ? mx + 5 + width : mx - 5 };
    });
    const lanes = assignLabelLanes(labels);
    markers.forEach((marker, i) => {
      const label = labels[i];
      const lane = lanes[i] ?? 0;
      if (!label) return;
      const labelY = markerY + 20 + lane * LANE_HEIGHT;
      body.push(`<line x1="${label.mx}" x2="${label.mx}" y1="${markerY + 6}" y2="${labelY}" stroke="${marker.colour}" stroke-width="1"/>`);
      body.push(
        `<text x="${label.toTheRight ? label.mx + 5 : label.mx - 5}" y="${labelY}" text-anchor="${label.toTheRight ? "start" : "end"}" class="label"><title>${escapeMarkup(marker.tooltip)}</title>${escapeMarkup(label.text)}</text>`,
      );
      body.push(markerSvg(marker, label.mx, markerY));
    });
    const laneCount = markers.length ? Math.max(...lanes) + 1 : 0;
    y = markerY + 8 + laneCount * LANE_HEIGHT + 6;
  }

  const height = y + 6;
  // Axis: ticks and grid lines across every row, t0 drawn as a strong line.
  const ticks = timeAxisTicks(domainFrom, domainTo, origin, Math.floor((PLOT_RIGHT - PLOT_LEFT) / 95), scenario.faultAt === null ? "start" : "t0");
  const axis: string[] = [
    `<text x="${GUTTER - 10}" y="16" text-anchor="end" class="row">${scenario.faultAt === null ? "from start" : "from fault (t0)"}</text>`,
  ];
  for (const tick of ticks) {
    const tx = x(tick.at);
    axis.push(`<line x1="${tx}" x2="${tx}" y1="${AXIS_HEIGHT - 6}" y2="${height}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`);
    // Labels at the very edges are anchored inwards so they neither leave the plot nor run into the gutter title.
    const halfLabel = textWidth(tick.label) / 2;
    const anchor = tx - halfLabel < PLOT_LEFT ? "start" : tx + halfLabel > PLOT_RIGHT ? "end" : "middle";
    const lx = anchor === "start" ? PLOT_LEFT + 2 : anchor === "end" ? PLOT_RIGHT : tx;
    axis.push(`<text x="${lx}" y="16" text-anchor="${anchor}" class="tick">${escapeMarkup(tick.label)}</text>`);
  }
  const faultLines = scenario.timeline
    .filter((e) => e.kind === "fault")
    .map(
      (e) =>
        `<line x1="${x(e.at)}" x2="${x(e.at)}" y1="${AXIS_HEIGHT - 6}" y2="${height}" stroke="${CHART_COLOURS.fault}" stroke-width="2"${e.at === scenario.faultAt ? "" : ' stroke-dasharray="5 3"'}/>`,
    );
  if (scenario.faultAt !== null && faultLines.length === 0) {
    faultLines.push(`<line x1="${x(scenario.faultAt)}" x2="${x(scenario.faultAt)}" y1="${AXIS_HEIGHT - 6}" y2="${height}" stroke="${CHART_COLOURS.fault}" stroke-width="2"/>`);
  }
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeMarkup(`Timeline of ${scenario.scenario} · ${scenario.variant}`)}</title>`,
    `<desc id="${descId}">${escapeMarkup(chartDescription(scenario))}</desc>`,
    ...overlays.map((o) => o.replace("@BOTTOM@", String(height - AXIS_HEIGHT))),
    ...axis,
    ...faultLines,
    ...body,
    "</svg>",
  ].join("\n");
}
