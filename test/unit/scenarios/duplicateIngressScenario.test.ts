import assert from "node:assert/strict";
import path from "node:path";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";
import type { ScenarioDefinition } from "../../../harness/scenario/scenarioModel.js";
import { planVariant } from "../../../harness/scenario/variantPlan.js";

// The scenario file as shipped: it must load, and each variant must assert what issue 6 asks for.
describe("scenario duplicate-ingress", () => {
  let definition: ScenarioDefinition;
  before(async function () {
    this.timeout(30_000); // compiles every kind's schema once; slow on a busy machine
    definition = (await loadScenario(path.join(repoRoot(), "scenarios/duplicate-ingress"), { registry: builtinKinds() })).definition;
  });

  it("loads, asks for its cluster (ports, traefik image, dedicated) and has the two variants", () => {
    assert.deepEqual(definition.cluster.hostPorts, [30080]);
    assert.deepEqual(definition.cluster.images, ["docker.io/library/traefik:v3.7.13"]);
    assert.equal(definition.cluster.dedicated, true);
    assert.deepEqual(definition.variants.map((v) => v.name), ["no-guard", "guard"]);
  });

  it("no-guard: the analyzer must fire and a misrouted share must be seen; the guard is neither installed nor expected", () => {
    const plan = planVariant(definition, "no-guard");
    const firing = plan.detectors.filter((d) => d.expect === "fire").map((d) => d.id);
    assert.deepEqual(firing, ["duplicate-route-analyzer"]);
    assert.ok(plan.expect.some((e) => e.id === "shop-misrouted" && e.kind === "trafficShare"));
    assert.ok(!plan.setup.some((s) => s.id === "guard"));
  });

  it("guard: the policy is installed and in force before the fault, denies within 5 s, and the analyzer must stay silent", () => {
    const plan = planVariant(definition, "guard");
    const setupIds = plan.setup.map((s) => s.id);
    assert.ok(setupIds.indexOf("guard-in-force") > setupIds.indexOf("guard") && setupIds.indexOf("guard") > setupIds.indexOf("ing-a"));
    const guard = plan.detectors.find((d) => d.id === "admission-guard");
    assert.equal(guard?.expect, "fire");
    assert.equal(guard?.withinMs, 5_000);
    assert.equal(plan.detectors.find((d) => d.id === "duplicate-route-analyzer-clean")?.expect, "silent");
    assert.ok(!plan.expect.some((e) => e.id === "shop-misrouted"));
  });

  it("both: pods Ready all along (silent detectors), backup-then-delete remediation, 100 % routing back within 10 s", () => {
    for (const variant of ["no-guard", "guard"]) {
      const plan = planVariant(definition, variant);
      const blindSpots = plan.detectors.filter((d) => d.expect === "silent" && d.negate && d.kind === "podsReady");
      assert.equal(blindSpots.length, 3, `${variant}: traefik, team-a and team-b pods`);
      assert.deepEqual(plan.remediate.map((s) => s.kind), ["removeDuplicateIngress"]);
      const routed = plan.recover.find((e) => e.id === "shop-routed-correctly");
      assert.equal(routed?.withinMs, 10_000);
      assert.equal((routed?.params as { atLeast?: number }).atLeast, 1);
    }
  });
});
