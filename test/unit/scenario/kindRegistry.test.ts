import assert from "node:assert/strict";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { DuplicateKindError, KindRegistry } from "../../../harness/scenario/kindRegistry.js";
import type { CheckKind, StepKind } from "../../../harness/scenario/kindTypes.js";
import { editDistance, nearestName } from "../../../harness/scenario/nearestName.js";

const step: StepKind<{ name: string }> = {
  kind: "corruptRelease",
  summary: "test step",
  defaultTimeoutMs: 1_000,
  paramsSchema: { type: "object" },
  describe: (p) => `corrupt ${p.name}`,
  run: async () => ({ detail: "done" }),
};
const check: CheckKind = {
  kind: "helmOrphanRelease",
  summary: "test check",
  paramsSchema: { type: "object" },
  describe: () => "orphan",
  observe: async () => undefined,
};

describe("kind registry", () => {
  it("holds the built-in steps and checks", () => {
    const registry = builtinKinds();
    // A subset, not the exact list: scenario issues add built-in kinds, and each addition must not break this test.
    for (const kind of ["apply", "delete", "helm", "http", "nodeExec", "patch", "run", "traffic", "waitFor"]) assert.ok(registry.step(kind), `built-in step ${kind}`);
    assert.deepEqual(registry.stepKinds(), [...registry.stepKinds()].sort(), "listed in name order");
    assert.ok(registry.checkKinds().includes("endpointsEmpty"));
    assert.ok(registry.check("deploymentAvailable"));
  });

  it("a child registry adds scenario-local kinds without changing its parent", () => {
    const parent = builtinKinds();
    const child = parent.child().addStep(step).addCheck(check);
    assert.equal(child.step("corruptRelease"), step);
    assert.equal(child.step("apply")?.kind, "apply", "falls back to the built-ins");
    assert.equal(parent.step("corruptRelease"), undefined);
    assert.ok(child.checkKinds().includes("helmOrphanRelease"));
  });

  it("refuses duplicate and badly named kinds", () => {
    const registry = builtinKinds();
    assert.throws(() => registry.child().addStep({ ...step, kind: "apply" }), DuplicateKindError);
    assert.throws(() => registry.child().addCheck({ ...check, kind: "apply" }), DuplicateKindError, "steps and checks share the YAML key space");
    assert.throws(() => new KindRegistry().addStep({ ...step, kind: "Corrupt-Release" }), /lowerCamelCase/);
  });

  it("suggests near names only when they are plausible typos", () => {
    const registry = builtinKinds();
    assert.equal(registry.suggestStep("aply"), "apply");
    assert.equal(registry.suggestCheck("endpointEmpty"), "endpointsEmpty");
    assert.equal(registry.suggestStep("kubectl"), undefined);
    assert.equal(nearestName("timout", ["timeout", "within"]), "timeout");
    assert.equal(editDistance("ab", "ba"), 1, "a transposition is one edit");
  });
});
