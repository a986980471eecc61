// One built-in failure mode replayed for real on every `npm test`: helm-release-secrets, variant
// all-deleted, through `gameday run` as a user runs it — the pinned helm against a kind cluster from
// the kit. It checks what the incident is about, from the reports: the real helm error after the
// fault, detectors silent before and firing after, the restore from the pre-fault etcd backup (run
// twice: the second changes nothing) followed by a `helm upgrade --wait` that works again, and the
// app serving all along. The other scenarios run in `npm run gameday` (nightly workflow);
// this one is the cheapest that exercises fault, detection and remediation against real tools.
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { execa } from "execa";

import { repoRoot } from "../../harness/cluster/repoRoot.js";
import type { ExpectationResult, RunResult, ScenarioResult } from "../../harness/scenario/runResult.js";

describe("gameday run helm-release-secrets --variant all-deleted on a real kind cluster", function () {
  let exitCode: number | undefined;
  let scenario: ScenarioResult;
  const expectation = (id: string, phase?: string): ExpectationResult => {
    const found = scenario.expectations.find((e) => e.id === id && (phase === undefined || e.phase === phase));
    assert.ok(found, `expectation ${id}${phase ? ` (${phase})` : ""} is in the report`);
    return found;
  };

  before(async function () {
    const reports = await mkdtemp(join(tmpdir(), "gameday-helm-"));
    const cli = join(repoRoot(), "dist", "harness", "cli", "main.js");
    const run = await execa("node", [cli, "run", "helm-release-secrets", "--variant", "all-deleted", "--offline", "--reports", reports], {
      reject: false,
      timeout: 25 * 60_000,
      stderr: "inherit",
      stdout: "inherit",
    });
    exitCode = run.exitCode;
    const result = JSON.parse(await readFile(join(reports, "result.json"), "utf8")) as RunResult;
    assert.equal(result.scenarios.length, 1, "one scenario run");
    scenario = result.scenarios[0]!;
  });

  it("exits 0 and every expectation passed", function () {
    const failed = scenario.expectations.filter((e) => e.verdict !== "passed").map((e) => `${e.id} (${e.phase}): ${e.verdict} ${e.message ?? ""}`);
    assert.deepEqual(failed, []);
    assert.equal(exitCode, 0);
  });

  it("the real helm refused the upgrade with the incident's message", function () {
    const upgrade = expectation("upgrade-fails");
    assert.equal(upgrade.verdict, "passed");
    assert.ok(upgrade.timeToDetectMs !== undefined, "measured from the fault");
  });

  it("the invariant detectors were silent before the fault and fired after it, with a time to detect", function () {
    for (const id of ["orphaned-objects", "deployed-revisions"]) {
      const control = scenario.expectations.find((e) => e.id.startsWith(id) && e.phase === "negative-control");
      assert.equal(control?.verdict, "passed", `${id} silent on the healthy baseline`);
      const fired = expectation(id, "expect");
      assert.ok(fired.timeToDetectMs !== undefined && fired.timeToDetectMs >= 0, `${id} has a time to detect`);
      console.error(`      ${id}: TTD ${fired.timeToDetectMs} ms`);
    }
  });

  it("after the restore and an upgrade: coherent history, one deployed revision, no orphans, and the app never stopped", function () {
    for (const id of ["history-coherent", "one-deployed-revision", "no-orphaned-objects"]) {
      const recovered = expectation(id);
      assert.equal(recovered.verdict, "passed");
      assert.ok(recovered.timeToRecoverMs !== undefined, `${id} has a time to recover`);
    }
    const probe = scenario.probes.find((p) => p.name === "web-http");
    assert.ok(probe && probe.attempts > 0, "the app was probed");
    assert.equal(expectation("app-never-stopped").verdict, "passed");
    console.error(`      app: ${probe.successes}/${probe.attempts} answered, history coherent TTR ${expectation("history-coherent").timeToRecoverMs} ms`);
  });
});
