import assert from "node:assert/strict";
import { readReleaseSecrets } from "../../../harness/remediations/helmReleaseRecord.js";
import type { ReleaseBackup } from "../../../harness/remediations/releaseBackup.js";
import { planRestore } from "../../../harness/remediations/restorePlan.js";
import { syntheticSecret } from "./releaseSecrets.js";

const backup = (...secrets: ReturnType<typeof syntheticSecret>[]): ReleaseBackup => ({
  format: "kube-gameday/helm-release-backup/v1",
  namespace: "shop",
  release: "web",
  source: "etcd",
  reason: "test",
  takenAt: "2026-01-01T00:00:00Z",
  secrets,
});
const healthy = [syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded"), syntheticSecret("web", 3, "deployed")];

describe("restore plan", () => {
  it("recreates every missing record without server-owned fields", () => {
    const plan = planRestore(backup(...healthy), readReleaseSecrets([]), "shop");
    assert.equal(plan.action, "restore");
    if (plan.action !== "restore") return;
    assert.deepEqual(plan.create.map((secret) => secret.metadata?.name).sort(), healthy.map((secret) => secret.metadata?.name).sort());
    for (const secret of plan.create) {
      assert.equal(secret.metadata?.uid, undefined);
      assert.equal(secret.metadata?.resourceVersion, undefined);
      assert.equal(secret.type, "helm.sh/release.v1");
      assert.ok(secret.data?.release);
    }
  });

  it("restores only the deployed record when the others survived", () => {
    const plan = planRestore(backup(...healthy), readReleaseSecrets(healthy.slice(0, 2), "web"), "shop");
    assert.equal(plan.action, "restore");
    if (plan.action === "restore") assert.deepEqual(plan.create.map((s) => s.metadata?.name), ["sh.helm.release.v1.web.v3"]);
  });

  it("does nothing when everything is present (idempotent), also as new objects with new uids after an earlier restore", () => {
    assert.equal(planRestore(backup(...healthy), readReleaseSecrets(healthy, "web"), "shop").action, "none");
    const restored = healthy.map((secret) => ({ ...secret, metadata: { ...secret.metadata, uid: `new-${secret.metadata?.uid}` } }));
    assert.equal(planRestore(backup(...healthy), readReleaseSecrets(restored, "web"), "shop").action, "none");
  });

  it("refuses when a record of the same name was written after the backup (e.g. helm install adopted the objects)", () => {
    const adopted = syntheticSecret("web", 1, "deployed", { info: { status: "deployed", description: "Install complete" } });
    const plan = planRestore(backup(...healthy), readReleaseSecrets([adopted], "web"), "shop");
    assert.equal(plan.action, "refuse");
    if (plan.action === "refuse") assert.match(plan.reason, /sh\.helm\.release\.v1\.web\.v1 exist\(s\) but are not the backed-up records/);
  });

  it("refuses when restoring would leave two deployed revisions", () => {
    const newer = syntheticSecret("web", 4, "deployed");
    const plan = planRestore(backup(...healthy), readReleaseSecrets([newer], "web"), "shop");
    assert.equal(plan.action, "refuse");
    if (plan.action === "refuse") assert.match(plan.reason, /2 deployed/);
  });

  it("refuses a backup without records of the release", () => {
    assert.equal(planRestore(backup(syntheticSecret("other", 1, "deployed")), readReleaseSecrets([]), "shop").action, "refuse");
  });

  it("refuses while the release has a record it cannot read, naming it", () => {
    const opaque = syntheticSecret("web", 3, "deployed");
    opaque.type = "Opaque";
    const plan = planRestore(backup(...healthy), readReleaseSecrets([...healthy.slice(0, 2), opaque], "web"), "shop");
    assert.equal(plan.action, "refuse");
    if (plan.action === "refuse") assert.match(plan.reason, /cannot read: sh\.helm\.release\.v1\.web\.v3 \(type Opaque, not helm\.sh\/release\.v1/);
  });
});
