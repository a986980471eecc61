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

/** Written by helm v4.3.2's own install/upgrade and Secrets driver (test/tools/helm-v4-capture). */
const HELM_V4 = ["helm-v4/sh.helm.release.v1.web.v1", "helm-v4/sh.helm.release.v1.web.v2"];
/** The text helm decodes: a Secret's data.release with the API's own base64 removed. */
const helmText = (name: string) => Buffer.from(realSecret(name).data!.release!, "base64").toString("latin1");
const wrap = (text: string, separator: string, width = 76) => text.match(new RegExp(`.{1,${width}}`, "g"))!.join(separator);

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

  describe("records as helm v4 writes them", () => {
    for (const name of HELM_V4) {
      it(`decodes ${name}: same secret type, labels and encoding as v3, plus v4's apply_method`, () => {
        const secret = realSecret(name);
        assert.equal(secret.type, "helm.sh/release.v1");
        assert.deepEqual(Object.keys(secret.metadata!.labels!).sort(), ["modifiedAt", "name", "owner", "status", "version"]);
        assert.deepEqual([...Buffer.from(helmText(name), "base64").subarray(0, 3)], [0x1f, 0x8b, 0x08]);
        const release = decodeSecretReleaseData(secret.data!.release!, name);
        assert.equal(release.name, secret.metadata!.labels!.name);
        assert.equal(String(release.version), secret.metadata!.labels!.version);
        assert.equal(release.info.status, secret.metadata!.labels!.status);
        assert.equal(release.apply_method, "ssa", "helm v4 installs with server-side apply by default");
        assert.deepEqual(decodeSecretReleaseData(encodeSecretReleaseData(release)), release, "fields this harness does not know are carried along");
      });
    }
  });

  // Helm decodes with Go's base64.StdEncoding (pkg/storage/driver/util.go, the same in v3 and v4).
  // Each case was checked against helm v4.3.2's Secrets driver (`go run . read` in
  // test/tools/helm-v4-capture): what helm reads, this codec reads; what helm rejects, it rejects.
  describe("the base64 text, read exactly as helm reads it", () => {
    const text = () => helmText("helm-v4/sh.helm.release.v1.web.v2");
    const expected = () => decodeHelmRelease(text());

    it("skips \\r\\n and \\n line breaks anywhere, as a wrapped or hand-edited record has them", () => {
      assert.deepEqual(decodeHelmRelease(`${wrap(text(), "\r\n")}\r\n`), expected());
      assert.deepEqual(decodeHelmRelease(wrap(text(), "\n", 64)), expected());
      const twoPads = Buffer.from(JSON.stringify({ name: "web", version: 1, info: { status: "deployed" } })).toString("base64");
      assert.ok(twoPads.endsWith("=="), "the case needs two padding characters");
      assert.equal(decodeHelmRelease(`${twoPads.slice(0, -1)}\r\n=`).info.status, "deployed", "even between two padding characters");
    });

    it("rejects unpadded base64, which helm rejects (Node's decoder alone would accept it)", () => {
      const unpadded = text().replace(/=+$/, "");
      assert.notEqual(unpadded, text(), "the fixture's text ends in padding");
      assert.throws(() => decodeHelmRelease(unpadded, "web v2"), /web v2 is not a Helm release record: not padded base64 .*helm would fail on this record too/);
    });

    it("rejects what Go's decoder rejects: spaces, tabs, data after the padding, a lone or misplaced =", () => {
      for (const [label, bad] of [
        ["space between lines", wrap(text(), " ")],
        ["leading space", ` ${text()}`],
        ["trailing tab", `${text()}\t`],
        ["data after padding", `${text()}QQ==`],
        ["three padding characters", "Q==="],
        ["padding only", "===="],
      ] as const) {
        assert.throws(() => decodeHelmRelease(bad), HelmReleaseDecodeError, label);
      }
      assert.throws(() => decodeHelmRelease(` ${text()}`), /not base64: " " at character 0 \(helm's decoder skips only line breaks\)/);
    });
  });
});
