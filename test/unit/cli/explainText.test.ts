import assert from "node:assert/strict";

import { explainText } from "../../../harness/cli/explainText.js";
import type { ScenarioSummary } from "../../../harness/cli/scenarioEngine.js";

const scenario: ScenarioSummary = {
  file: "/s/scenario.yaml",
  dir: "/s",
  name: "helm-secrets",
  title: "Deleted Helm release secrets",
  story: "Someone deleted the release secrets.",
  hints: ["look at sh.helm.release.v1 secrets"],
  cluster: { controlPlanes: 1, workers: 0 },
  steady: { expect: [] },
  detectors: [
    { id: "vap", kind: "admissionDenied", description: "policy denies the delete", expect: "fire", withinMs: 5000, variants: ["guarded"] },
    { id: "none", kind: "alert", description: "no built-in alert", expect: "silent" },
  ],
  fault: [{ id: "delete", kind: "delete", description: "delete every release secret" }],
  expect: [{ id: "upgrade-fails", kind: "helmResult", description: "helm upgrade fails: has no deployed releases", withinMs: 60000, variants: ["unguarded"] }],
  remediate: [],
  recover: [{ id: "upgrade-works", kind: "helmResult", withinMs: 120000 }],
  variants: [{ name: "unguarded" }, { name: "guarded", description: "with the admission policy" }],
};

describe("explain", () => {
  it("tells the story and each variant's own assertions", () => {
    const text = explainText(scenario);
    assert.match(text, /^helm-secrets — Deleted Helm release secrets/);
    assert.match(text, /Someone deleted the release secrets\./);
    const [, unguarded, guarded] = text.split(/\nVariant /);
    assert.match(unguarded ?? "", /helm upgrade fails: has no deployed releases — within 60s/);
    assert.doesNotMatch(unguarded ?? "", /policy denies/);
    assert.match(guarded ?? "", /^guarded — with the admission policy/);
    assert.match(guarded ?? "", /policy denies the delete: fires within 5s of the fault/);
    assert.doesNotMatch(guarded ?? "", /has no deployed releases/);
    assert.match(guarded ?? "", /no built-in alert: stays silent/);
    assert.match(guarded ?? "", /helmResult \(upgrade-works\) — within 120s/);
  });

  it("marks a negated check NOT only when no description already says what must hold", () => {
    const negated: ScenarioSummary = {
      ...scenario,
      steady: { expect: [{ id: "no-cycle", kind: "probeDependencyCycle", description: "the analyzer finds no cycle", negate: true, withinMs: 10000 }] },
      detectors: [{ id: "deep-down", kind: "httpResponds", negate: true, expect: "fire", withinMs: 30000 }],
      recover: [{ id: "years-left", kind: "pkiExpiry", negate: true, withinMs: 60000 }],
    };
    const text = explainText(negated, "guarded");
    assert.match(text, /- the analyzer finds no cycle — within 10s/);
    assert.doesNotMatch(text, /NOT the analyzer/);
    assert.match(text, /- NOT httpResponds \(deep-down\): fires within 30s/);
    assert.match(text, /- NOT pkiExpiry \(years-left\) — within 60s/);
  });

  it("can show one variant only", () => {
    const text = explainText(scenario, "guarded");
    assert.equal(text.split("\nVariant ").length, 2);
  });
});
