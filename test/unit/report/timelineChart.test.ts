import assert from "node:assert/strict";

import { XMLValidator } from "fast-xml-parser";

import { renderTimelineChart } from "../../../harness/report/timelineChart.js";
import type { ScenarioResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun } from "./fixtures/sampleRun.js";

function scenario(index: number): ScenarioResult {
  const s = buildSampleRun().scenarios[index];
  assert.ok(s, `fixture has scenario ${index}`);
  return s;
}

interface PlacedText {
  x: number;
  y: number;
  anchor: string;
  text: string;
}

/** The label texts of the marker rows, with where they were placed. */
function labels(svg: string): PlacedText[] {
  const pattern = /<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)" class="label"><title>[^<]*<\/title>([^<]*)<\/text>/g;
  return [...svg.matchAll(pattern)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), anchor: m[3] ?? "", text: m[4] ?? "" }));
}

describe("renderTimelineChart", () => {
  it("is a well-formed, self-contained SVG with a text alternative", () => {
    const svg = renderTimelineChart(scenario(0), "c0");
    assert.equal(XMLValidator.validate(svg), true);
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="c0-title c0-desc"/);
    assert.match(svg, /<desc id="c0-desc">Detections: cycle-detected after 8\.4 s, endpoints-empty after 21 s\. Recovery: ingress-recovers after 18 s\. 1 probe outage\.<\/desc>/);
    assert.ok(!/href=|<script|<image/.test(svg));
  });

  it("marks the fault as t0 and counts the axis from it", () => {
    const svg = renderTimelineChart(scenario(0), "c0");
    assert.match(svg, /class="tick">t0<\/text>/);
    assert.match(svg, /class="tick">\+30 s<\/text>/);
    assert.match(svg, /class="tick">−15 s<\/text>/);
    assert.ok(labels(svg).some((l) => l.text === "t0 · fault: patch readinessProbe of svc-a and svc-b"));
  });

  it("labels detections with their TTD and recoveries with their TTR, drawing the TTR span", () => {
    const svg = renderTimelineChart(scenario(0), "c0");
    const texts = labels(svg).map((l) => l.text);
    assert.ok(texts.includes("cycle-detected · TTD 8.4 s"), texts.join(" | "));
    assert.ok(texts.includes("endpoints-empty · TTD 21 s"));
    assert.ok(texts.includes("ingress-recovers · TTR 18 s"));
    assert.ok(texts.includes("probe-fix"));
    assert.match(svg, /<title>ingress-recovers: time to recover 18 s<\/title>/);
    assert.match(svg, /<title>remediation 8 s<\/title>/);
  });

  it("draws probe outages as red bands, and an open outage up to the end", () => {
    const closed = renderTimelineChart(scenario(0), "c0");
    assert.match(closed, /fill="#D55E00"><title>http-ingress down 44\.5 s<\/title>/);
    assert.equal((closed.match(/fill="#D55E00" opacity="0\.09"/g) ?? []).length, 1);
    const open = renderTimelineChart(scenario(2), "c2");
    assert.match(open, /<title>http-ingress down 2 min 27 s, still down at the end<\/title>/);
    assert.match(open, /<title>no attempts<\/title>/);
  });

  it("shows a missed deadline as a failure at the moment it ran out", () => {
    const svg = renderTimelineChart(scenario(2), "c2");
    assert.ok(labels(svg).some((l) => l.text === "release-recovered · missed (deadline 2 min 00 s)"));
    assert.match(svg, /<path d="[^"]*" stroke="#D55E00" stroke-width="3" fill="none" class="marker-cross"><title>release-recovered \(recover\): failed/);
  });

  it("staggers labels of detections 0.5 s apart onto separate lines", () => {
    const svg = renderTimelineChart(scenario(1), "c1");
    const denied = labels(svg).find((l) => l.text.startsWith("policy-denies-delete"));
    const alert = labels(svg).find((l) => l.text.startsWith("alert-fires"));
    assert.ok(denied && alert);
    assert.equal(denied.text, "policy-denies-delete · TTD 0.8 s");
    assert.equal(alert.text, "alert-fires · TTD 1.3 s");
    assert.notEqual(denied.y, alert.y);
  });

  it("keeps labels on the plot near the right edge by anchoring them leftwards", () => {
    const svg = renderTimelineChart(scenario(2), "c2");
    const missed = labels(svg).find((l) => l.text.startsWith("release-recovered"));
    assert.equal(missed?.anchor, "end");
    assert.ok(labels(svg).every((l) => l.x <= 1180 && l.x >= 170));
  });

  it("escapes text from the run and keeps control characters out", () => {
    const s = scenario(2);
    s.timeline.push({ at: s.startedAt + 50_000, wall: "", kind: "note", name: 'a <b> & "c"\u0001' });
    const svg = renderTimelineChart(s, "c2");
    assert.ok(svg.includes("a &lt;b&gt; &amp; &quot;c&quot;\\u0001"));
    assert.ok(!svg.includes("\u0001"));
    assert.equal(XMLValidator.validate(svg), true);
  });

  it("works without a fault, counting from the start", () => {
    const s = scenario(0);
    s.faultAt = null;
    s.timeline = s.timeline.filter((e) => e.kind !== "fault");
    const svg = renderTimelineChart(s, "c0");
    assert.match(svg, /class="tick">start<\/text>/);
    assert.match(svg, /No fault was injected\./);
  });
});
