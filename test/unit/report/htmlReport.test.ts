import assert from "node:assert/strict";

import { renderHtmlReport } from "../../../harness/report/htmlReport.js";
import type { RunResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun, SAMPLE_CLIENT_KEY_DATA, SAMPLE_JWT } from "./fixtures/sampleRun.js";

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(buildSampleRun());

  it("is one self-contained page: no scripts, no external resources, a CSP that forbids fetching", () => {
    assert.ok(html.startsWith("<!DOCTYPE html>"));
    assert.ok(!/<script|<link\b|<img\b|<iframe|@import|url\(/i.test(html), "found an external or scripted resource");
    const urls = html.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
    assert.deepEqual([...new Set(urls)], ["http://www.w3.org/2000/svg"], "only the SVG namespace may look like a URL");
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it("shows the run verdict and an overview row per scenario run linking to its section", () => {
    assert.match(html, /<title>kube-gameday 2025-03-14T0900Z-a1b2: failed<\/title>/);
    assert.match(html, /<h1>kube-gameday run <code>2025-03-14T0900Z-a1b2<\/code> <span class="badge failed">✗ failed<\/span><\/h1>/);
    for (const id of ["run-probe-cycle-with-analyzer", "run-helm-release-secret-deleted-with-guard", "run-helm-release-secret-deleted-no-guard"]) {
      assert.ok(html.includes(`href="#${id}"`), `link to ${id}`);
      assert.ok(html.includes(`id="${id}"`), `section ${id}`);
    }
  });

  it("has a timeline chart, a verdict table and a collapsed raw timeline per scenario run, in run order", () => {
    assert.equal((html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="timeline"/g) ?? []).length, 3);
    assert.equal((html.match(/<details><summary>Raw timeline \(\d+ events\)<\/summary>/g) ?? []).length, 3);
    assert.ok(html.includes("Raw timeline (16 events)"));
    const order = ["Readiness probes that wait on each other", 'id="run-helm-release-secret-deleted-with-guard"', 'id="run-helm-release-secret-deleted-no-guard"'];
    const positions = order.map((s) => html.indexOf(s));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.ok(positions.every((p) => p > 0));
  });

  it("fills the verdict table with TTD, TTR, deadline and stands-for", () => {
    assert.match(
      html,
      /<tr class="passed"><td class="verdict">✓ passed<\/td><td><code>cycle-detected<\/code><br>[^<]*<\/td><td>expect<\/td><td class="num">8\.4 s<\/td><td class="num">—<\/td><td class="num">30 s<\/td><td>gameday ProbeDependencyCycle analyzer<\/td>/,
    );
    assert.match(html, /<tr class="failed"><td class="verdict">✗ failed<\/td><td><code>release-recovered<\/code>/);
  });

  it("shows the raw timeline relative to t0 with wall-clock times", () => {
    assert.match(html, /<tr><td class="num">t0 \+8\.4 s<\/td><td class="num">38\.400<\/td><td><code>2025-03-14T09:00:38\.400Z<\/code><\/td><td>detection<\/td><td>cycle-detected<\/td>/);
    assert.match(html, /<td class="num">t0 −15 s<\/td>/);
  });

  it("escapes special characters, keeps control characters visible and leaks no secret", () => {
    assert.ok(html.includes("&lt;release name=&quot;web&quot;&gt; &amp; &apos;quoted&apos;\\u0007"));
    assert.ok(!html.includes('<release name="web">'));
    assert.ok(!html.includes("\u0007"));
    assert.ok(!html.includes(SAMPLE_JWT.slice(0, 30)));
    assert.ok(!html.includes(SAMPLE_CLIENT_KEY_DATA.slice(0, 30)));
  });

  it("explains a scenario that failed without a failing expectation", () => {
    const run: RunResult = buildSampleRun();
    const broken = run.scenarios[0];
    assert.ok(broken);
    broken.verdict = "failed";
    broken.timeline.push({ at: 5_000, wall: "", kind: "error", name: "setup", detail: "no nodes Ready after 60 s" });
    assert.match(renderHtmlReport(run), /<p class="unexplained"><strong>Scenario failed:<\/strong> setup: no nodes Ready after 60 s<\/p>/);
  });
});
