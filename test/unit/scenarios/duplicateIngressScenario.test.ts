import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { findDuplicateRoutes } from "../../../harness/detectors/duplicateIngressRoutes.js";
import { duplicateRoutesObservation } from "../../../harness/detectors/duplicateIngressRoutesCheck.js";
import { planDuplicateRemoval } from "../../../harness/remediations/duplicateIngressRemovalPlan.js";
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

  // The analyzer's verdicts on the scenario's own manifests: what the detectors and the remediation
  // see on a real run (before the fault, after it, after the remediation), pinned here so a change
  // to the analyzer cannot quietly change the scenario's verdicts.
  it("the analyzer on the scenario's manifests: silent on the baseline, a duplicate after ing-b, removal of ing-b only", () => {
    const manifests = (file: string) =>
      parseAllDocuments(readFileSync(path.join(repoRoot(), "scenarios/duplicate-ingress/manifests", file), "utf8")).map((doc) => doc.toJS() as KubernetesObject);
    const classes = manifests("traefik.yaml").filter((o) => o.kind === "IngressClass");
    const stamp = (object: KubernetesObject, at: string): KubernetesObject => ({ ...object, metadata: { ...object.metadata, uid: object.metadata?.name, creationTimestamp: at as unknown as Date } });
    const ingA = stamp(manifests("ing-a.yaml")[0]!, "2026-01-01T00:00:00Z");
    const ingB = stamp(manifests("ing-b.yaml")[0]!, "2026-01-01T00:05:00Z");

    for (const variant of ["no-guard", "guard"]) {
      const plan = planVariant(definition, variant);
      for (const detector of plan.detectors.filter((d) => d.kind === "duplicateIngressRoutes")) {
        assert.deepEqual(Object.keys(detector.params as object), ["host"], `${variant}/${detector.id}: no kinds, so the default: duplicates only`);
      }
    }
    const params = { host: String(definition.settings.host) };
    assert.equal(duplicateRoutesObservation([ingA], classes, params).holds, false, "negative control and guard variant: silent");
    const fault = duplicateRoutesObservation([ingA, ingB], classes, params);
    assert.equal(fault.holds, true, "no-guard: fires after ing-b");
    assert.match(fault.detail, /duplicate: shop\.example\.test Prefix \/ .*team-a\/ing-a → team-a\/echo:80 \(oldest\), team-b\/ing-b → team-b\/echo:80/);
    assert.doesNotMatch(fault.detail, /not counted/);
    const removal = planDuplicateRemoval(findDuplicateRoutes([ingA, ingB], classes).filter((c) => c.host === params.host));
    assert.deepEqual(removal.remove.map((r) => `${r.namespace}/${r.name}`), ["team-b/ing-b"]);
    assert.deepEqual(removal.leftAlone, []);
  });
});
