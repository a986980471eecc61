import assert from "node:assert/strict";
import { deployedRevisionCount, orphanedReleaseObjects } from "../../../harness/detectors/helmReleaseInvariants.js";
import { readReleaseSecrets, releaseRecords } from "../../../harness/remediations/helmReleaseRecord.js";
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

  it("says 'could not tell' where unread release Secrets could change the answer, naming them, instead of skipping them silently", () => {
    const future = syntheticSecret("web", 3, "deployed");
    future.type = "helm.sh/release.v2";
    future.metadata!.name = "sh.helm.release.v2.web.v3";
    const found = readReleaseSecrets([syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded"), future]);
    const deployed = deployedRevisionCount(found.records, "web", true, found.unreadable);
    assert.equal(deployed.couldNotTell, true, "the unread record may be the deployed one");
    assert.match(deployed.detail, /^release web: 0 deployed of 2 record\(s\) \(v2 superseded, v1 superseded\); not read, so not counted: sh\.helm\.release\.v2\.web\.v3 \(type helm\.sh\/release\.v2/);
    const onlyFuture = readReleaseSecrets([future]);
    const orphans = orphanedReleaseObjects([owned("Deployment", "web")], onlyFuture.records, "shop", "web", onlyFuture.unreadable);
    assert.deepEqual([orphans.violated, orphans.couldNotTell], [false, true], "something stores release web, in a format this harness does not read");
    assert.match(orphans.detail, /objects claim web, whose only release Secrets cannot be read, so whether they are orphaned is unknown; not read: sh\.helm\.release\.v2\.web\.v3/);
    const twoDeployed = readReleaseSecrets([syntheticSecret("web", 1, "deployed"), syntheticSecret("web", 2, "deployed"), future]);
    assert.deepEqual(
      [deployedRevisionCount(twoDeployed.records, "web", true, twoDeployed.unreadable).violated, deployedRevisionCount(twoDeployed.records, "web", true, twoDeployed.unreadable).couldNotTell],
      [true, false],
      "two readable deployed revisions break the invariant whatever the unread one says",
    );
  });
});
