import assert from "node:assert/strict";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";
import { planVariant, UnknownVariantError, vacuityProblems } from "../../../harness/scenario/variantPlan.js";
import { scenarioFolder } from "./scenarioFolder.js";

const TEXT = `name: guarded
title: Guarded
story: With and without a guard.
settings: { replicas: 2, guard: false }
setup:
  - id: install-guard
    apply: guard.yaml
    variants: with-guard
fault:
  - delete: { kind: Secret, selector: owner=helm }
detectors:
  - id: helm-orphan
    endpointsEmpty: web
    within: 1m
  - id: guard-denies
    eventSeen: { reason: Denied }
    within: 5s
    variants: [with-guard]
  - id: pod-not-ready
    podsState: { selector: app=web, phase: Pending }
    expect: silent
expect:
  - endpointsEmpty: web
    within: 30s
    variants: [no-guard]
variants:
  no-guard:
    description: nothing protects the release secrets
    detectors: [helm-orphan, pod-not-ready]
  with-guard:
    settings: { guard: true }
`;

describe("variant planning", () => {
  it("selects steps, detectors and expectations per variant and merges settings", async () => {
    const dir = scenarioFolder({ "scenario.yaml": TEXT, "guard.yaml": "" });
    const { definition } = await loadScenario(dir, { registry: builtinKinds() });
    const without = planVariant(definition, "no-guard");
    assert.deepEqual(without.setup.map((s) => s.id), []);
    assert.deepEqual(without.detectors.map((d) => d.id), ["helm-orphan", "pod-not-ready"]);
    assert.equal(without.expect.length, 1);
    assert.deepEqual(without.settings, { replicas: 2, guard: false });

    const withGuard = planVariant(definition, "with-guard");
    assert.deepEqual(withGuard.setup.map((s) => s.id), ["install-guard"]);
    assert.deepEqual(withGuard.detectors.map((d) => d.id), ["helm-orphan", "guard-denies", "pod-not-ready"]);
    assert.equal(withGuard.expect.length, 0);
    assert.deepEqual(withGuard.settings, { replicas: 2, guard: true });
    assert.deepEqual(vacuityProblems(withGuard), []);
  });

  it("names the nearest variant for a typo", async () => {
    const dir = scenarioFolder({ "scenario.yaml": TEXT, "guard.yaml": "" });
    const { definition } = await loadScenario(dir, { registry: builtinKinds() });
    assert.throws(() => planVariant(definition, "with-gaurd"), (error: unknown) => error instanceof UnknownVariantError && /did you mean "with-guard"/.test(error.message));
  });

  it("a plan with nothing that can fail is reported as vacuous", async () => {
    const dir = scenarioFolder({ "scenario.yaml": TEXT, "guard.yaml": "" });
    const { definition } = await loadScenario(dir, { registry: builtinKinds() });
    const plan = planVariant(definition, "no-guard");
    assert.deepEqual(vacuityProblems({ ...plan, expect: [], detectors: plan.detectors.filter((d) => d.expect === "silent") }), [
      "nothing is asserted after the fault (no expect entry, no detector that must fire)",
    ]);
  });
});
