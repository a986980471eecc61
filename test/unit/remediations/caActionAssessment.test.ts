import assert from "node:assert/strict";

import { repairExitCode } from "../../../harness/cli/caRepair.js";
import { ExitCode } from "../../../harness/cli/exitCodes.js";
import { assessmentOutcome, CaCheckError, uncheckedActions } from "../../../harness/remediations/caActionAssessment.js";
import { actionCounts } from "../../../harness/remediations/caRotationStep.js";

const unreachable = { couldNotCheck: "the API server did not answer with the harness's kubeconfig (connect ECONNREFUSED 127.0.0.1:6443)" };

describe("CA rotation: what a check's answer leads to", () => {
  it("a real run stops with the error when a check could not run (never 'not needed', never skipped)", () => {
    assert.throws(
      () => assessmentOutcome("cluster-info", unreachable, false),
      (error: unknown) => error instanceof CaCheckError && /^cluster-info: could not check whether it is needed: the API server did not answer .*ECONNREFUSED/.test(error.message),
    );
  });

  it("a dry run shows the action as 'could not check', with the error", () => {
    assert.deepEqual(assessmentOutcome("workloads", unreachable, true), { next: "skip", status: "could not check", detail: unreachable.couldNotCheck });
  });

  it("an answered check is acted on or skipped as 'not needed'", () => {
    assert.deepEqual(assessmentOutcome("pki", { needed: true, why: "ca expires soon" }, false), { next: "act", why: "ca expires soon" });
    assert.deepEqual(assessmentOutcome("pki", { needed: false, why: "valid" }, true), { next: "skip", status: "not needed", detail: "valid" });
  });
});

describe("gameday repair ca: exit code", () => {
  it("is 0 when every action was checked", () => {
    const lines: string[] = [];
    const code = repairExitCode([{ id: "pki", status: "would run" }, { id: "cluster-info", status: "not needed" }], { err: (line) => lines.push(line) });
    assert.equal(code, ExitCode.Ok);
    assert.deepEqual(lines, []);
  });

  it("is non-zero, naming the actions, when a dry run could not check some", () => {
    const lines: string[] = [];
    const actions = [
      { id: "pki", status: "not needed" as const },
      { id: "root-ca-published", status: "could not check" as const },
      { id: "workloads", status: "could not check" as const },
    ];
    assert.deepEqual(uncheckedActions(actions), ["root-ca-published", "workloads"]);
    assert.equal(repairExitCode(actions, { err: (line) => lines.push(line) }), ExitCode.Infrastructure);
    assert.match(lines.join("\n"), /could not check 2 action\(s\) \(root-ca-published, workloads\)/);
  });
});

describe("rotateClusterCa step: detail", () => {
  it("counts every status as it is, instead of calling all that was not done 'not needed'", () => {
    assert.equal(
      actionCounts([
        { id: "pki", status: "done" },
        { id: "kubeconfigs", status: "not needed" },
        { id: "workloads", status: "done" },
        { id: "cluster-info", status: "would run" },
      ]),
      "2 done (pki, workloads), 1 not needed, 1 would run",
    );
  });
});
