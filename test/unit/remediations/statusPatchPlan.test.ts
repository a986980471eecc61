import assert from "node:assert/strict";
import { decodeSecretReleaseData } from "../../../harness/remediations/helmReleaseCodec.js";
import { readReleaseSecrets } from "../../../harness/remediations/helmReleaseRecord.js";
import { describePlan, planStatusPatch } from "../../../harness/remediations/statusPatchPlan.js";
import { syntheticSecret } from "./releaseSecrets.js";

const NOW = new Date("2026-01-02T03:04:05Z");

describe("status-patch plan", () => {
  it("marks the newest revision deployed, in the JSON and in the status label", () => {
    const records = readReleaseSecrets([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded")], "web");
    const plan = planStatusPatch("web", records, NOW);
    assert.equal(plan.action, "patch");
    if (plan.action !== "patch") return;
    assert.equal(plan.changes.length, 1);
    const change = plan.changes[0]!;
    assert.equal(change.secretName, "sh.helm.release.v1.web.v2");
    assert.equal(change.updated.metadata?.labels?.status, "deployed");
    assert.equal(change.updated.metadata?.labels?.modifiedAt, String(NOW.getTime() / 1000));
    assert.equal(change.updated.metadata?.resourceVersion, "102", "kept, so a concurrent writer makes the update fail");
    const release = decodeSecretReleaseData(change.updated.data!.release!);
    assert.equal(release.info.status, "deployed");
    assert.match(String(release.info.description), /repaired by kube-gameday status-patch \(was superseded\)/);
    assert.equal(release.manifest, "---\n", "the rest of the release is carried along");
    assert.match(describePlan(plan), /sh\.helm\.release\.v1\.web\.v2: label status superseded → deployed; release info\.status superseded → deployed/);
  });

  it("does nothing when exactly one revision is deployed (so a second run is a no-op)", () => {
    const records = readReleaseSecrets([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "deployed"), syntheticSecret("web", 3, "failed")], "web");
    assert.equal(planStatusPatch("web", records).action, "none");
  });

  it("supersedes all but the newest when several are deployed", () => {
    const records = readReleaseSecrets([syntheticSecret("web", 1, "deployed"), syntheticSecret("web", 2, "deployed"), syntheticSecret("web", 3, "deployed")], "web");
    const plan = planStatusPatch("web", records, NOW);
    assert.equal(plan.action, "patch");
    if (plan.action !== "patch") return;
    assert.deepEqual(plan.changes.map((change) => [change.revision, change.labelTo]), [[2, "superseded"], [1, "superseded"]]);
  });

  it("refuses when nothing is left, and says to restore from a backup", () => {
    const plan = planStatusPatch("web", readReleaseSecrets([]));
    assert.equal(plan.action, "impossible");
    assert.match(describePlan(plan), /no release records left[\s\S]*next: restore the records from a backup/);
  });

  it("refuses to resurrect an uninstalled release", () => {
    const records = readReleaseSecrets([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "uninstalled")], "web");
    assert.equal(planStatusPatch("web", records).action, "impossible");
  });

  it("says what to do when a record has lost its payload", () => {
    const broken = syntheticSecret("web", 2, "superseded");
    delete broken.data;
    assert.throws(() => planStatusPatch("web", readReleaseSecrets([broken], "web")), /has no data\.release.*restore it from a backup/);
  });

  it("refuses when the release has a record of another storage type, naming it (a dry run says so too)", () => {
    const future = syntheticSecret("web", 3, "deployed");
    future.type = "helm.sh/release.v2";
    future.metadata!.name = "sh.helm.release.v2.web.v3";
    const found = readReleaseSecrets([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded"), future], "web");
    const plan = planStatusPatch("web", found, NOW);
    assert.equal(plan.action, "impossible");
    assert.match(describePlan(plan), /release Secrets this repair cannot read: sh\.helm\.release\.v2\.web\.v3 \(type helm\.sh\/release\.v2, not helm\.sh\/release\.v1[\s\S]*next: repair it with the helm version that wrote those records/);
  });
});
