import assert from "node:assert/strict";
import type { ExpectationResult, Verdict } from "../../../harness/scenario/runResult.js";
import { scenarioVerdict } from "../../../harness/scenario/scenarioVerdict.js";

const result = (verdict: Verdict): ExpectationResult => ({ id: verdict, phase: "expect", description: verdict, verdict });

describe("scenario verdict", () => {
  it("passes only when every expectation passed (skipped ones aside)", () => {
    assert.equal(scenarioVerdict([result("passed"), result("passed")]), "passed");
    assert.equal(scenarioVerdict([result("passed"), result("skipped")]), "passed");
  });
  it("a failure beats an error, an error beats a pass", () => {
    assert.equal(scenarioVerdict([result("error"), result("failed"), result("passed")]), "failed");
    assert.equal(scenarioVerdict([result("error"), result("passed")]), "error");
  });
  it("a scenario that asserted nothing fails", () => {
    assert.equal(scenarioVerdict([]), "failed");
  });
});
