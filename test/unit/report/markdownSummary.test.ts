import assert from "node:assert/strict";

import { renderMarkdownSummary } from "../../../harness/report/markdownSummary.js";
import type { RunResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun, SAMPLE_JWT } from "./fixtures/sampleRun.js";

describe("renderMarkdownSummary", () => {
  const markdown = renderMarkdownSummary(buildSampleRun());
  const lines = markdown.split("\n");

  it("opens with a one-line overall verdict", () => {
    assert.equal(lines[0], "## ❌ kube-gameday 2025-03-14T0900Z-a1b2: 1 of 3 scenario runs did not pass");
    assert.match(lines[2] ?? "", /^14 expectations \(12 passed, 1 failed, 1 error\) · 5 min 52 s · kind v0\.30\.0/);
  });

  it("says all passed when they did", () => {
    const run: RunResult = buildSampleRun();
    run.scenarios = run.scenarios.slice(0, 2);
    assert.match(renderMarkdownSummary(run).split("\n")[0] ?? "", /^## ✅ .*: all 2 scenario runs passed$/);
  });

  it("puts the failing scenario first, expanded, with its failures and messages before the table", () => {
    const failingHeading = lines.findIndex((l) => l.startsWith("### ❌ helm-release-secret-deleted · no-guard"));
    const firstPassing = lines.findIndex((l) => l.startsWith("<details><summary>✅ probe-cycle · with-analyzer"));
    assert.ok(failingHeading > 0 && failingHeading < firstPassing, `heading ${failingHeading}, passing ${firstPassing}`);
    const errorItem = lines.findIndex((l) => l.startsWith("- ⚠️ **repair-succeeds**"));
    const failedItem = lines.findIndex((l) => l.startsWith("- ❌ **release-recovered**"));
    const tableHead = lines.findIndex((l, i) => i > failingHeading && l.startsWith("| Verdict |"));
    assert.ok(errorItem > failingHeading && errorItem < failedItem && failedItem < tableHead);
    assert.match(lines[failedItem] ?? "", /deadline 120 s passed/);
  });

  it("lists failed rows first in each table, with TTD, TTR and stands-for", () => {
    const rows = lines.filter((l) => l.startsWith("| ")).filter((l) => !l.startsWith("| Verdict") && !l.startsWith("| ---"));
    assert.match(rows[0] ?? "", /^\| ⚠️ error \| \*\*repair-succeeds\*\*/);
    assert.match(rows[1] ?? "", /^\| ❌ failed \| \*\*release-recovered\*\*/);
    const detected = rows.find((r) => r.includes("**cycle-detected**"));
    assert.equal(detected?.split(" | ").slice(3, 6).join(" / "), "8.4 s / — / gameday ProbeDependencyCycle analyzer |");
    const recovered = rows.find((r) => r.includes("**ingress-recovers**"));
    assert.match(recovered ?? "", /\| — \| 18 s \|/);
  });

  it("folds passing scenarios into <details> with the blank line GitHub needs", () => {
    const summary = lines.findIndex((l) => l.startsWith("<details><summary>✅ probe-cycle"));
    assert.equal(lines[summary + 1], "");
    assert.equal((markdown.match(/<details>/g) ?? []).length, 2);
    assert.equal((markdown.match(/<\/details>/g) ?? []).length, 2);
  });

  it("shows probe availability, open outages and probes that never ran", () => {
    assert.ok(markdown.includes("http-ingress (http): 18.9 % available, 17/90 ok, 1 outage (2 min 27 s down, still down at the end)"));
    assert.ok(markdown.includes("web-endpoints (endpoints): n/a, no attempts"));
    assert.ok(markdown.includes("http-ingress (http): 56.0 % available, 28/50 ok, 1 outage (44.5 s down)"));
  });

  it("escapes Markdown and HTML and never shows a secret", () => {
    assert.ok(!markdown.includes(SAMPLE_JWT.slice(0, 30)));
    assert.ok(markdown.includes("Bearer \\[REDACTED\\]"));
    assert.ok(markdown.includes("sh.helm.release.v1.\\* within 5 s"));
    const run: RunResult = buildSampleRun();
    const failing = run.scenarios[2]?.expectations[4];
    assert.ok(failing);
    failing.message = "route a|b <script>alert(1)</script>\u0007";
    const text = renderMarkdownSummary(run);
    assert.ok(text.includes("route a\\|b &lt;script&gt;alert(1)&lt;/script&gt;\\\\u0007"), text);
  });

  it("reports a scenario that failed without a failing expectation", () => {
    const run: RunResult = buildSampleRun();
    const broken = run.scenarios[0];
    assert.ok(broken);
    broken.verdict = "error";
    broken.timeline.push({ at: 5_000, wall: "", kind: "error", name: "setup", detail: "ingress-nginx never became ready" });
    const text = renderMarkdownSummary(run);
    assert.ok(text.includes("- ⚠️ **scenario error**: setup: ingress-nginx never became ready"), text);
  });
});
