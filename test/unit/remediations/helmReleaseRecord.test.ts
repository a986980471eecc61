import assert from "node:assert/strict";
import { describeUnreadable, readReleaseSecrets, releaseRecords } from "../../../harness/remediations/helmReleaseRecord.js";
import { realSecret, syntheticSecret } from "./releaseSecrets.js";

/** A release Secret as a later helm with another storage format might write it. */
function futureRecord(revision: number) {
  const secret = syntheticSecret("web", revision, "deployed");
  secret.type = "helm.sh/release.v2";
  secret.metadata!.name = `sh.helm.release.v2.web.v${revision}`;
  return secret;
}

describe("Helm release records", () => {
  it("reads helm.sh/release.v1 Secrets written by helm v3 and v4 as records, newest first", () => {
    const found = readReleaseSecrets([realSecret("sh.helm.release.v1.web.v1"), realSecret("helm-v4/sh.helm.release.v1.web.v2")]);
    assert.deepEqual(found.records.map((record) => [record.revision, record.status]), [[2, "deployed"], [1, "superseded"]]);
    assert.deepEqual(found.unreadable, []);
  });

  it("never reads a release Secret of another type as a record, and names it with the reason", () => {
    const secrets = [syntheticSecret("web", 1, "superseded"), syntheticSecret("web", 2, "superseded"), futureRecord(3)];
    assert.deepEqual(releaseRecords(secrets, "web").map((record) => record.secretName), ["sh.helm.release.v1.web.v2", "sh.helm.release.v1.web.v1"]);
    const found = readReleaseSecrets(secrets, "web");
    assert.deepEqual(found.unreadable.map((secret) => [secret.secretName, secret.type, secret.release]), [["sh.helm.release.v2.web.v3", "helm.sh/release.v2", "web"]]);
    assert.equal(
      describeUnreadable(found.unreadable),
      "sh.helm.release.v2.web.v3 (type helm.sh/release.v2, not helm.sh/release.v1: a storage format this harness does not read or change; helm v3 and v4 write only helm.sh/release.v1)",
    );
  });

  it("recognises a release Secret by helm's owner label, a helm.sh/release.* type or a sh.helm.release.v* name", () => {
    const labelled = { ...syntheticSecret("web", 4, "deployed"), type: "Opaque" };
    const typedOnly = { apiVersion: "v1", kind: "Secret", type: "helm.sh/release.v2", metadata: { name: "web-record-5", labels: { name: "web" } } };
    const namedOnly = { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name: "sh.helm.release.v9.web.v6" } };
    const unrelated = { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name: "web-credentials", labels: { name: "web" } } };
    const found = readReleaseSecrets([labelled, typedOnly, namedOnly, unrelated], "web");
    assert.deepEqual(found.records, []);
    assert.deepEqual(found.unreadable.map((secret) => secret.secretName), ["sh.helm.release.v1.web.v4", "sh.helm.release.v9.web.v6", "web-record-5"]);
  });

  it("reports a helm.sh/release.v1 Secret that names no revision instead of skipping it", () => {
    const broken = { apiVersion: "v1", kind: "Secret", type: "helm.sh/release.v1", metadata: { name: "web-backup-copy", labels: { owner: "helm", name: "web" } } };
    const found = readReleaseSecrets([broken]);
    assert.deepEqual(found.unreadable.map((secret) => secret.reason), ["no release name or revision in its labels or name"]);
  });
});
