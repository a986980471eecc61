import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { compareCommand } from "../../../harness/cli/commands/compare.js";
import { ExitCode } from "../../../harness/cli/exitCodes.js";
import { renderResultJson } from "../../../harness/report/resultJson.js";
import type { RunResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun } from "../report/fixtures/sampleRun.js";

/** Writes run as reports/<runId>/result.json under cwd, the way a run leaves it. */
async function writeReport(cwd: string, run: RunResult): Promise<string> {
  const dir = join(cwd, "reports", run.runId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "result.json"), renderResultJson(run), "utf8");
  return join("reports", run.runId);
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("gameday compare", () => {
  it("exits 0 and says so when nothing regressed; labels name the sides", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "compare-"));
    const before = buildSampleRun();
    const after = { ...buildSampleRun(), runId: "run-after" };
    const c = capture();
    const code = await compareCommand(c.io, { before: await writeReport(cwd, before), after: await writeReport(cwd, after), beforeLabel: "Kubernetes 1.33", afterLabel: "Kubernetes 1.34" }, cwd);
    assert.equal(code, ExitCode.Ok);
    assert.match(c.out.join(""), /Run comparison: Kubernetes 1\.33 → Kubernetes 1\.34/);
    assert.match(c.out.join(""), /\*\*0 regressions/);
  });

  it("exits 1 on a regression, names it, and writes the Markdown to --out", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "compare-"));
    const before = buildSampleRun();
    const after = buildSampleRun();
    after.runId = "run-after";
    const passed = after.scenarios.flatMap((s) => s.expectations).find((e) => e.verdict === "passed");
    assert.ok(passed, "the sample run has a passed expectation");
    passed.verdict = "failed";
    const c = capture();
    const beforeDir = await writeReport(cwd, before);
    // The file itself works as well as its folder.
    const afterFile = join(await writeReport(cwd, after), "result.json");
    const code = await compareCommand(c.io, { before: beforeDir, after: afterFile, out: "out/compare.md" }, cwd);
    assert.equal(code, ExitCode.ExpectationsFailed);
    assert.match(c.out.join(""), new RegExp(`\\*\\*${passed.id}\\*\\*.*\\*\\*regression\\*\\*`));
    assert.equal(await readFile(join(cwd, "out/compare.md"), "utf8"), c.out.join(""));
  });

  it("names the missing report and what to pass", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "compare-"));
    await assert.rejects(compareCommand(capture().io, { before: "reports/nope", after: "reports/nope2" }, cwd), (err: Error & { hint?: string }) => {
      assert.match(err.message, /reports\/nope: no such file or folder/);
      assert.match(err.hint ?? "", /reports\/<run id>/);
      return true;
    });
  });
});
