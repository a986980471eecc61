import assert from "node:assert/strict";

import { HarnessError } from "../../../harness/cluster/harnessError.js";
import { FaultsNotAllowedError } from "../../../harness/cluster/faultGuard.js";
import { ToolNotFoundError } from "../../../harness/cluster/toolPaths.js";
import { ExitCode, exitCodeForError, exitCodeForRun } from "../../../harness/cli/exitCodes.js";
import type { RunResult, ScenarioResult, Verdict } from "../../../harness/scenario/runResult.js";

function run(...verdicts: Verdict[]): RunResult {
  const scenario = (verdict: Verdict, i: number): ScenarioResult => ({
    scenario: `s${i}`,
    variant: "default",
    title: "t",
    verdict,
    startedAt: 0,
    endedAt: 1,
    faultAt: null,
    cluster: { provider: "kind", name: "gameday-x" },
    expectations: [],
    probes: [],
    timeline: [],
  });
  return { runId: "r", startedWall: "", durationMs: 1, tools: {}, scenarios: verdicts.map(scenario) };
}

describe("exit codes of a run", () => {
  it("is 0 only when every scenario passed", () => {
    assert.equal(exitCodeForRun(run("passed")), ExitCode.Ok);
    assert.equal(exitCodeForRun(run("passed", "passed")), ExitCode.Ok);
    assert.equal(exitCodeForRun(run("passed", "skipped")), ExitCode.Ok);
  });

  it("is 1 when an expectation failed, even if another scenario hit infrastructure trouble", () => {
    assert.equal(exitCodeForRun(run("passed", "failed")), ExitCode.ExpectationsFailed);
    assert.equal(exitCodeForRun(run("error", "failed")), ExitCode.ExpectationsFailed);
  });

  it("is 3 when a scenario could not be judged", () => {
    assert.equal(exitCodeForRun(run("passed", "error")), ExitCode.Infrastructure);
  });

  it("is not 0 when nothing was proven", () => {
    assert.notEqual(exitCodeForRun(run()), ExitCode.Ok);
    assert.notEqual(exitCodeForRun(run("skipped")), ExitCode.Ok);
  });

  it("uses distinct codes for failure, bad input, infrastructure, refusal", () => {
    const codes = [ExitCode.Ok, ExitCode.ExpectationsFailed, ExitCode.BadInput, ExitCode.Infrastructure, ExitCode.Refused, ExitCode.Internal, ExitCode.Interrupted];
    assert.equal(new Set(codes).size, codes.length);
  });
});

describe("exit codes of errors", () => {
  it("maps categorized errors by category", () => {
    assert.equal(exitCodeForError(new HarnessError("input", "x")), ExitCode.BadInput);
    assert.equal(exitCodeForError(new ToolNotFoundError("kind", "/x", "missing")), ExitCode.Infrastructure);
    assert.equal(
      exitCodeForError(new FaultsNotAllowedError({ provider: "existing", name: "p", contextName: "p", faultsAllowed: false }, "delete", "no")),
      ExitCode.Refused,
    );
  });

  it("treats scenario file errors as bad input, by name, until they carry a category", () => {
    const err = new Error("scenario.yaml:3:1: bad");
    err.name = "ScenarioFileError";
    assert.equal(exitCodeForError(err), ExitCode.BadInput);
  });

  it("reports programming errors as internal, not as infrastructure to retry", () => {
    assert.equal(exitCodeForError(new TypeError("x is undefined")), ExitCode.Internal);
    assert.equal(exitCodeForError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), ExitCode.Infrastructure);
  });

  it("lets a safety refusal inside an aggregate win", () => {
    const refusal = new FaultsNotAllowedError({ provider: "kind", name: "kind", contextName: "kind-kind", faultsAllowed: false }, "x", "no");
    assert.equal(exitCodeForError(new AggregateError([new Error("a"), refusal])), ExitCode.Refused);
  });
});
