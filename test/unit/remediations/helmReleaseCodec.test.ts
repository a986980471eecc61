import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import {
  decodeHelmRelease,
  decodeSecretReleaseData,
  encodeHelmRelease,
  encodeSecretReleaseData,
  HelmReleaseDecodeError,
} from "../../../harness/remediations/helmReleaseCodec.js";
import { FIXTURES, realSecret } from "./releaseSecrets.js";

const captured = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((file) => file.startsWith("sh.helm.release.v1.")).map((file) => file.replace(/\.json$/, "")) : [];

describe("Helm release codec", () => {
  it("has real release secrets to test against", () => {
    // Without them the tests below would test our encoder against itself.
    assert.ok(captured.length >= 3, `expected the captured secrets in ${FIXTURES.pathname}, found ${captured.length}`);
  });

  for (const name of captured) {
    it(`decodes ${name} as helm v3.22.0 wrote it, and agrees with its labels`, () => {
      const secret = realSecret(name);
      const release = decodeSecretReleaseData(secret.data!.release!, name);
      assert.equal(release.name, secret.metadata!.labels!.name);
      assert.equal(String(release.version), secret.metadata!.labels!.version);
      assert.equal(release.info.status, secret.metadata!.labels!.status);
      assert.match(String(release.manifest), /kind: Deployment/);
    });

    it(`re-encodes ${name} into bytes that decode to the same release`, () => {
      const original = decodeSecretReleaseData(realSecret(name).data!.release!);
      const again = decodeSecretReleaseData(encodeSecretReleaseData(original));
      assert.deepEqual(again, original);
    });
  }

  it("writes what helm writes: base64 of gzip (magic 1f 8b) of JSON", () => {
    const encoded = encodeHelmRelease({ name: "web", namespace: "shop", version: 2, info: { status: "deployed" } });
    const bytes = Buffer.from(encoded, "base64");
    assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b]);
  });

  it("reads uncompressed JSON too, as helm's decoder does for old records", () => {
    const plain = Buffer.from(JSON.stringify({ name: "web", version: 1, info: { status: "superseded" } })).toString("base64");
    assert.equal(decodeHelmRelease(plain).info.status, "superseded");
  });

  it("says what is wrong with a value that is not a release", () => {
    assert.throws(() => decodeHelmRelease("not base64!"), HelmReleaseDecodeError);
    assert.throws(() => decodeHelmRelease(gzipSync("{oops").toString("base64")), /gzip payload is not JSON/);
    assert.throws(() => decodeHelmRelease(gzipSync(JSON.stringify({ name: "web" })).toString("base64")), /no numeric version/);
    assert.throws(() => decodeHelmRelease(Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2]).toString("base64")), /gzip data is corrupt/);
  });
});
