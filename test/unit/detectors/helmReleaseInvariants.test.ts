import assert from "node:assert/strict";
import { deployedRevisionCount, orphanedReleaseObjects } from "../../../harness/detectors/helmReleaseInvariants.js";
import { releaseRecords } from "../../../harness/remediations/helmReleaseRecord.js";
import { syntheticSecret } from "../remediations/releaseSecrets.js";

const owned = (kind: string, name: string, release = "web", namespace = "shop") => ({
  apiVersion: "v1",
  kind,
  metadata: { name, namespace, labels: { "app.kubernetes.io/managed-by": "Helm" }, annotations: { "meta.helm.sh/release-name": release, "meta.helm.sh/release-namespace": namespace } },
});
const records = releaseRecords([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "deployed")]);

describe("Helm release invariants", () => {
  it("objects of a release with records are not orphans", () => {
    const verdict = orphanedReleaseObjects([owned("Deployment", "web"), owned("Service", "web")], records, "shop");
    assert.equal(verdict.violated, false);
    assert.match(verdict.detail, /2 object\(s\) annotated/);
  });

  it("objects claiming a release without records are orphans, named in the detail", () => {
    const verdict = orphanedReleaseObjects([owned("Deployment", "web"), owned("Service", "web")], [], "shop");
    assert.equal(verdict.violated, true);
    assert.equal(verdict.detail, "release web has no release record but 2 object(s) claim it: Deployment/web, Service/web");
  });

  it("ignores unannotated objects (a blind spot once ownership metadata is stripped), other releases and other namespaces' releases", () => {
    const stripped = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" } };
    assert.equal(orphanedReleaseObjects([stripped], [], "shop").violated, false);
    assert.equal(orphanedReleaseObjects([owned("Service", "db", "db")], [], "shop", "web").violated, false);
    assert.equal(orphanedReleaseObjects([owned("Service", "x", "web", "elsewhere")], [], "shop").violated, false);
  });

  it("exactly one deployed revision holds; zero or two break it", () => {
    assert.equal(deployedRevisionCount(records, "web", true).violated, false);
    const none = releaseRecords([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded")]);
    const verdict = deployedRevisionCount(none, "web", true);
    assert.equal(verdict.violated, true);
    assert.equal(verdict.detail, "release web: 0 deployed of 2 record(s) (v2 superseded, v1 superseded)");
    const two = releaseRecords([syntheticSecret("web", 1, "deployed"), syntheticSecret("web", 2, "deployed")]);
    assert.equal(deployedRevisionCount(two, "web", true).violated, true);
  });

  it("a vanished release breaks it only when it must exist; kept history of an uninstall does not", () => {
    assert.equal(deployedRevisionCount([], "web", true).violated, true);
    assert.equal(deployedRevisionCount([], "web", false).violated, false);
    const uninstalled = releaseRecords([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "uninstalled")]);
    assert.equal(deployedRevisionCount(uninstalled, "web", true).violated, false);
  });
});
