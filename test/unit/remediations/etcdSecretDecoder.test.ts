import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { decodeStoredSecret, EtcdValueError } from "../../../harness/remediations/etcdSecretDecoder.js";
import { decodeSecretReleaseData } from "../../../harness/remediations/helmReleaseCodec.js";
import { releaseKeyPrefix } from "../../../harness/remediations/etcdReleaseBackup.js";
import { readReleaseSecrets } from "../../../harness/remediations/helmReleaseRecord.js";
import { FIXTURES, realSecret } from "./releaseSecrets.js";

// `etcdctl get --prefix /registry/secrets/<ns>/sh.helm.release.v1.web. -w json` run in the etcd
// pod of a kind v1.34.4 cluster, right after the release's records were captured (see the
// fixtures' README): the same three Secrets, as the API server stored them.
const ETCD_DUMP = new URL("etcdctl-get.json", FIXTURES);

describe("etcd Secret decoder", () => {
  it("has a real etcdctl dump to test against", () => {
    assert.ok(existsSync(ETCD_DUMP), `expected ${ETCD_DUMP.pathname}`);
  });

  it("decodes what the API server stored into the Secrets the API serves", function () {
    if (!existsSync(ETCD_DUMP)) this.skip();
    const dump = JSON.parse(readFileSync(ETCD_DUMP, "utf8")) as { kvs: Array<{ key: string; value: string }> };
    assert.ok(dump.kvs.length >= 3);
    for (const kv of dump.kvs) {
      const key = Buffer.from(kv.key, "base64").toString("utf8");
      const secret = decodeStoredSecret(Buffer.from(kv.value, "base64"), key);
      const name = secret.metadata!.name!;
      assert.equal(key, `/registry/secrets/${secret.metadata!.namespace}/${name}`);
      const served = realSecret(name);
      assert.equal(secret.type, "helm.sh/release.v1");
      assert.equal(secret.metadata!.uid, served.metadata!.uid);
      assert.deepEqual(secret.metadata!.labels, served.metadata!.labels);
      assert.equal(secret.data!.release, served.data!.release, "byte-identical payload");
      assert.equal(decodeSecretReleaseData(secret.data!.release!).name, "web");
    }
  });

  it("yields Secrets the backup reads as records, none of them unreadable", function () {
    if (!existsSync(ETCD_DUMP)) this.skip();
    const dump = JSON.parse(readFileSync(ETCD_DUMP, "utf8")) as { kvs: Array<{ key: string; value: string }> };
    const found = readReleaseSecrets(dump.kvs.map((kv) => decodeStoredSecret(Buffer.from(kv.value, "base64"), Buffer.from(kv.key, "base64").toString("utf8"))), "web");
    assert.deepEqual(found.records.map((record) => record.revision), [3, 2, 1]);
    assert.deepEqual(found.unreadable, []);
  });

  it("says why it cannot read encrypted or foreign values", () => {
    assert.throws(() => decodeStoredSecret(Buffer.from("k8s:enc:aescbc:v1:key1:...."), "/registry/secrets/a/b"), /encrypted at rest/);
    assert.throws(() => decodeStoredSecret(Buffer.from("hello")), EtcdValueError);
  });

  it("accepts JSON storage (API servers configured with --storage-media-type=application/json)", () => {
    const secret = decodeStoredSecret(Buffer.from(JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" }, type: "Opaque" })));
    assert.equal(secret.metadata?.name, "x");
  });

  it("reads one release's keys only up to the revision suffix", () => {
    assert.equal(releaseKeyPrefix("shop", "web"), "/registry/secrets/shop/sh.helm.release.v1.web.v");
  });
});
