// The harness end to end, as a user runs it: `gameday run <folder>` on the smoke fixture creates a
// real kind cluster, runs every phase, writes the four reports, deletes the cluster, and exits 0
// only because every expectation passed. The test reads the reports back rather than trusting the
// exit code alone.
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { execa } from "execa";

import { repoRoot } from "../../harness/cluster/repoRoot.js";
import type { RunResult } from "../../harness/scenario/runResult.js";

describe("gameday run on a real kind cluster: the smoke scenario", function () {
  let reports: string;
  let exitCode: number | undefined;
  let result: RunResult;

  before(async function () {
    reports = await mkdtemp(join(tmpdir(), "gameday-smoke-"));
    const cli = join(repoRoot(), "dist", "harness", "cli", "main.js");
    const run = await execa("node", [cli, "run", join(repoRoot(), "test", "fixtures", "scenarios", "smoke"), "--offline", "--reports", reports], {
      reject: false,
      timeout: 20 * 60_000,
      stderr: "inherit",
      stdout: "inherit",
    });
    exitCode = run.exitCode;
    result = JSON.parse(await readFile(join(reports, "result.json"), "utf8")) as RunResult;
  });

  it("exits 0 and every expectation passed", function () {
    const failed = result.scenarios.flatMap((s) => s.expectations.filter((e) => e.verdict !== "passed").map((e) => `${e.id}: ${e.verdict} ${e.message ?? ""}`));
    assert.deepEqual(failed, []);
    assert.equal(exitCode, 0);
  });

  it("measured the detection and the recovery from the fault", function () {
    const scenario = result.scenarios[0]!;
    assert.notEqual(scenario.faultAt, null, "the fault was injected and timestamped");
    const detector = scenario.expectations.find((e) => e.id === "web-endpoints-empty" && e.phase === "expect");
    assert.ok(detector?.timeToDetectMs !== undefined && detector.timeToDetectMs >= 0, "the detector has a time to detect");
    const negative = scenario.expectations.find((e) => e.id.startsWith("web-endpoints-empty") && e.phase === "negative-control");
    assert.equal(negative?.verdict, "passed", "the detector was silent on the healthy baseline");
    const recovered = scenario.expectations.find((e) => e.id === "web-available");
    assert.ok(recovered?.timeToRecoverMs !== undefined, "recovery has a time to recover");
    console.error(`      TTD ${detector!.timeToDetectMs} ms, TTR ${recovered!.timeToRecoverMs} ms`);
  });

  it("wrote JUnit, JSON, Markdown and HTML reports", async function () {
    const junit = await readFile(join(reports, "junit.xml"), "utf8");
    assert.match(junit, /<testsuite [^>]*name="smoke\./);
    const summary = await readFile(join(reports, "summary.md"), "utf8");
    assert.match(summary, /endpoints-drain/);
    const html = await readFile(join(reports, "report.html"), "utf8");
    assert.match(html, /<svg/);
  });
});
