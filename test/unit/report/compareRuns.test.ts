import assert from "node:assert/strict";

import { compareRuns } from "../../../harness/report/compareRuns.js";
import { diffRuns } from "../../../harness/report/diffRuns.js";
import type { RunResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun, SAMPLE_JWT } from "./fixtures/sampleRun.js";

/** The same suite on a newer Kubernetes: one regression, one fix, one slower detection, one new check. */
function upgradedRun(): RunResult {
  const run = buildSampleRun();
  run.runId = "run-1-35";
  run.tools.kubernetes = "v1.35.0";
  delete run.tools.node;
  const [probe, withGuard, noGuard] = run.scenarios;
  assert.ok(probe && withGuard && noGuard);
  const cycle = probe.expectations[2];
  const denied = withGuard.expectations[1];
  const recovered = noGuard.expectations[4];
  assert.ok(cycle && denied && recovered);
  cycle.timeToDetectMs = 14_000;
  denied.verdict = "failed";
  denied.message = `webhook said Bearer ${SAMPLE_JWT}`;
  recovered.verdict = "passed";
  recovered.timeToRecoverMs = 45_000;
  probe.expectations = probe.expectations.filter((e) => e.id !== "ingress-serves");
  probe.expectations.push({ id: "dns-ok", phase: "steady", description: "CoreDNS answers", verdict: "passed" });
  return run;
}

describe("diffRuns", () => {
  const diff = diffRuns(buildSampleRun(), upgradedRun());
  const find = (id: string) => diff.expectations.find((d) => d.expectationId === id);

  it("classifies verdict changes", () => {
    assert.equal(find("policy-denies-delete")?.change, "regression");
    assert.equal(find("release-recovered")?.change, "fix");
    assert.equal(find("dns-ok")?.change, "added");
    assert.equal(find("ingress-serves")?.change, "removed");
    assert.equal(find("alert-fires")?.change, "same");
  });

  it("measures TTD and TTR shifts against the threshold", () => {
    assert.equal(find("cycle-detected")?.timeToDetectDeltaMs, 5_600);
    assert.equal(find("cycle-detected")?.timingShifted, true);
    assert.equal(find("alert-fires")?.timeToDetectDeltaMs, 0);
    assert.equal(find("alert-fires")?.timingShifted, false);
    assert.equal(find("release-recovered")?.timeToRecoverDeltaMs, undefined, "nothing to compare with");
    const lax = diffRuns(buildSampleRun(), upgradedRun(), { minimumMs: 10_000, fraction: 0 });
    assert.equal(lax.expectations.find((d) => d.expectationId === "cycle-detected")?.timingShifted, false);
  });

  it("lists tool versions that differ, including tools only one run had", () => {
    assert.deepEqual(diff.tools, [
      { tool: "kubernetes", before: "v1.34.0", after: "v1.35.0" },
      { tool: "node", before: "v20.19.0" },
    ]);
  });

  it("matches by scenario and variant, not by expectation id alone", () => {
    const keys = diff.expectations.filter((d) => d.expectationId === "orphan-detected").map((d) => d.scenario);
    assert.deepEqual(keys, ["helm-release-secret-deleted.no-guard"]);
    assert.equal(diff.expectations.length, 15);
  });
});

describe("compareRuns", () => {
  const markdown = compareRuns(buildSampleRun(), upgradedRun(), { beforeLabel: "Kubernetes 1.34", afterLabel: "Kubernetes 1.35" });
  const lines = markdown.split("\n");

  it("heads with the labels and the counts of what changed", () => {
    assert.equal(lines[0], "## ❌ Run comparison: Kubernetes 1.34 → Kubernetes 1.35");
    assert.match(lines[2] ?? "", /^\*\*1 regression, 1 fix, 1 slower, 0 faster, 1 added, 1 removed\*\*; 10 unchanged\./);
    assert.equal(lines[4], "Tools: kubernetes v1.34.0 → v1.35.0 · node v20.19.0 → absent");
  });

  it("lists regressions first, then removals, fixes, additions and timing shifts", () => {
    const rows = lines.slice(0, lines.findIndex((l) => l.startsWith("<details>"))).filter((l) => l.startsWith("| ") && !l.startsWith("| Scenario") && !l.startsWith("| ---"));
    assert.deepEqual(
      rows.map((r) => r.split(" | ")[1]?.split(" ")[0]),
      ["**policy-denies-delete**", "**ingress-serves**", "**release-recovered**", "**dns-ok**", "**cycle-detected**"],
    );
    assert.match(rows[0] ?? "", /✅ passed → ❌ failed \*\*regression\*\*/);
    assert.match(rows[2] ?? "", /❌ failed → ✅ passed \(fixed\) \| — \| — → 45 s \|$/);
    assert.match(rows[4] ?? "", /\| 8\.4 s → 14 s \(\*\*\+5\.6 s\*\*, slower\) \|/);
  });

  it("folds unchanged rows and shows equal timings once", () => {
    const details = lines.findIndex((l) => l === "<details><summary>10 unchanged</summary>");
    assert.ok(details > 0);
    assert.ok(lines.slice(details).some((l) => l.includes("**alert-fires**") && l.includes("| 1.3 s |")));
  });

  it("defaults the labels to run ids and says so when tools are equal", () => {
    const same = compareRuns(buildSampleRun(), buildSampleRun());
    assert.match(same, /^## ✅ Run comparison: 2025-03-14T0900Z-a1b2 → 2025-03-14T0900Z-a1b2/);
    assert.match(same, /\*\*0 regressions, 0 fixes, 0 slower, 0 faster\*\*; 14 unchanged\./);
    assert.match(same, /Tools: no version differs/);
  });

  it("never carries a secret", () => {
    assert.ok(!markdown.includes(SAMPLE_JWT.slice(0, 20)));
  });
});
