import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { underThreshold } from "../../../harness/detectors/kubeadmCertExpiryCheck.js";
import { parseKubeadmExpiration, parseResidual } from "../../../harness/detectors/kubeadmExpirationReport.js";

// Real output of kubeadm v1.34.4 (the kit's build) against a PKI whose CAs were made by
// writeShortLivedCas: valid for minutes, then already expired.
const fixture = (name: string) => readFileSync(path.join(process.cwd(), "test/fixtures/ca-expiry", name), "utf8");

describe("kubeadm certs check-expiration parser", () => {
  it("reads the JSON form: CAs with residual seconds, leaves with their CA, missing kubeconfigs", () => {
    const entries = parseKubeadmExpiration(fixture("check-expiration-valid.json"));
    const ca = entries.find((e) => e.authority && e.name === "ca");
    assert.equal(ca?.residualSeconds, 526);
    assert.equal(ca?.expiresAt?.toISOString(), "2026-11-22T02:51:12.000Z");
    assert.deepEqual(entries.filter((e) => e.authority).map((e) => e.name), ["ca", "etcd-ca", "front-proxy-ca"]);
    const apiserver = entries.find((e) => e.name === "apiserver");
    assert.equal(apiserver?.caName, "ca");
    assert.ok((apiserver?.residualSeconds ?? 0) > 364 * 86_400, "kubeadm signs leaves for a year, past its CA");
    assert.equal(entries.find((e) => e.name === "admin.conf")?.missing, true);
  });

  it("reads negative residual time once the CA has expired", () => {
    const ca = parseKubeadmExpiration(fixture("check-expiration-expired.json")).find((e) => e.authority && e.name === "ca");
    assert.equal(ca?.residualSeconds, -63);
  });

  it("reads the text table with progress lines before it, <invalid> meaning expired", () => {
    const valid = parseKubeadmExpiration(fixture("check-expiration-valid.txt"));
    assert.equal(valid.find((e) => e.authority && e.name === "ca")?.residualSeconds, 8 * 60 + 38);
    assert.equal(valid.find((e) => e.name === "etcd-server")?.caName, "etcd-ca");
    assert.equal(valid.find((e) => e.name === "super-admin.conf")?.missing, true);
    const expired = parseKubeadmExpiration(fixture("check-expiration-expired.txt"));
    assert.equal(expired.find((e) => e.authority && e.name === "front-proxy-ca")?.residualSeconds, Number.NEGATIVE_INFINITY);
    assert.equal(expired.find((e) => e.authority && e.name === "ca")?.expiresAt?.toISOString(), "2026-11-22T02:41:00.000Z");
  });

  it("parses kubeadm's short human durations", () => {
    assert.equal(parseResidual("364d"), 364 * 86_400);
    assert.equal(parseResidual("8m45s"), 525);
    assert.equal(parseResidual("23h"), 23 * 3600);
    assert.equal(parseResidual("9y"), 9 * 365 * 86_400);
    assert.throws(() => parseResidual("soon"), /not a duration/);
  });

  it("says what to do when the output is neither form", () => {
    assert.throws(() => parseKubeadmExpiration("error: unknown flag: --output"), /run it on a control-plane node by hand/);
    assert.throws(() => parseKubeadmExpiration('{"kind":"Status"}'), /expected CertificateExpirationInfo/);
  });

  it("judges CAs only by default: leaves show a year while their CA runs out", () => {
    const entries = parseKubeadmExpiration(fixture("check-expiration-valid.json"));
    assert.deepEqual(underThreshold(entries, 10 * 60_000, "authorities").map((e) => e.name), ["ca", "etcd-ca", "front-proxy-ca"]);
    assert.deepEqual(underThreshold(entries, 5 * 60_000, "authorities"), [], "526 s is not under 5 minutes");
    assert.deepEqual(underThreshold(entries, 10 * 60_000, "all").length, 3, "no leaf is under 10 minutes by its own NotAfter");
  });
});
