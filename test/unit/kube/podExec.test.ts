import assert from "node:assert/strict";
import { exitCodeOf } from "../../../harness/kube/podExec.js";

describe("pod exec exit status", () => {
  it("reads the exit code the API sends as a string cause", () => {
    assert.equal(exitCodeOf({ status: "Success" }), 0);
    assert.equal(exitCodeOf({ status: "Failure", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "3" }] } }), 3);
  });

  it("reports -1 when a failure carries no exit code (the command never ran)", () => {
    assert.equal(exitCodeOf({ status: "Failure", message: "container not found" }), -1);
  });
});
