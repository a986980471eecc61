import "reflect-metadata";

import assert from "node:assert/strict";

import * as x509 from "@peculiar/x509";

import { certificatesInPem } from "../../../harness/detectors/certificateFacts.js";
import { evaluateRule } from "../../../harness/detectors/certificateExpiryRule.js";
import { kubeconfigCertificates } from "../../../harness/detectors/kubeconfigCertificates.js";
import { certificatesOfBundle, splitListing } from "../../../harness/detectors/nodePkiReader.js";
import { describeEvaluation, entriesInScope } from "../../../harness/detectors/pkiExpiryCheck.js";
import { inventory } from "../../../harness/detectors/pkiInventory.js";

x509.cryptoProvider.set(globalThis.crypto);
const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const NOW = new Date("2026-11-22T03:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function authority(cn: string, notAfter: Date) {
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01", name: `CN=${cn}`, notBefore: minutes(-60), notAfter, keys, signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { cert, keys };
}

async function leaf(cn: string, issuer: { cert: x509.X509Certificate; keys: CryptoKeyPair }, notAfter: Date) {
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  return x509.X509CertificateGenerator.create({
    serialNumber: "02", subject: `CN=${cn}`, issuer: issuer.cert.subject, notBefore: minutes(-60), notAfter,
    publicKey: keys.publicKey, signingKey: issuer.keys.privateKey, signingAlgorithm: ALG,
  });
}

const pem = (cert: x509.X509Certificate) => `${cert.toString("pem")}\n`;

describe("PKI inventory: effective expiry along the chain", () => {
  it("limits a year-long leaf by the CA that expires in minutes (what kubeadm v1.34 produces)", async () => {
    const ca = await authority("kubernetes", minutes(5));
    const apiserver = await leaf("kube-apiserver", ca, minutes(365 * 24 * 60));
    const entries = inventory([...certificatesInPem(pem(ca.cert), "cp:/etc/kubernetes/pki/ca.crt"), ...certificatesInPem(pem(apiserver), "tls 127.0.0.1:6443 [0]")]);
    const served = entries.find((e) => e.cert.source.startsWith("tls"));
    assert.equal(served?.effectiveNotAfter.toISOString(), minutes(5).toISOString());
    assert.equal(served?.limitedBy.subject, "CN=kubernetes");
    assert.deepEqual(served?.chain, ["CN=kube-apiserver", "CN=kubernetes"]);
    assert.equal(served?.chainComplete, true);
  });

  it("does not take a same-named CA that did not sign the leaf as its issuer", async () => {
    const real = await authority("kubernetes", minutes(5));
    const impostor = await authority("kubernetes", minutes(1));
    const cert = await leaf("admin", real, minutes(600));
    const entries = inventory(certificatesInPem(pem(impostor.cert) + pem(cert), "bundle"));
    const admin = entries.find((e) => e.cert.subject === "CN=admin");
    assert.equal(admin?.chainComplete, false, "the only CA present did not sign it");
    assert.equal(admin?.effectiveNotAfter.toISOString(), minutes(600).toISOString());
  });

  it("fires CertificateRenewal under its threshold and stays silent above it, naming the soonest certificate", async () => {
    const ca = await authority("kubernetes", minutes(5));
    const kubelet = await leaf("system:node:w", ca, minutes(60 * 24));
    const entries = inventory(certificatesInPem(pem(ca.cert) + pem(kubelet), "w:/var/lib/kubelet/pki/kubelet-client-current.pem"));
    const firing = evaluateRule({ name: "CertificateRenewal", thresholdMs: 6 * 60_000 }, entries, NOW);
    assert.equal(firing.firing.length, 2, "the CA and the leaf it limits");
    assert.equal(firing.soonest?.residualMs, 5 * 60_000);
    assert.match(describeEvaluation(firing, entries.length, []), /CertificateRenewal \(< 6m\) fires for 2 of 2/);
    const silent = evaluateRule({ name: "CertificateRenewal", thresholdMs: 4 * 60_000 }, entries, NOW);
    assert.equal(silent.firing.length, 0);
    assert.match(describeEvaluation(silent, entries.length, ["node x: down"]), /silent over 2 certificates: soonest .* 5m left; unreadable: node x: down/);
  });
});

describe("PKI scan scopes", () => {
  it("cluster-authorities keeps kubeadm's CAs and leaves out the kubelet's self-signed serving CA", async () => {
    // What a real node holds after a CA rotation: new ten-year CAs under /etc/kubernetes, and the
    // kubelet's own serving pair, whose file carries a one-year CA of its own (seen on a kind node).
    const clusterCa = await authority("kubernetes", minutes(10 * 365 * 24 * 60));
    const kubeletCa = await authority("w-ca@1796180000", minutes(365 * 24 * 60));
    const kubeletServing = await leaf("w@1796180000", kubeletCa, minutes(365 * 24 * 60));
    const client = await leaf("system:node:w", clusterCa, minutes(365 * 24 * 60));
    const entries = inventory([
      ...certificatesInPem(pem(clusterCa.cert), "cp:/etc/kubernetes/pki/ca.crt"),
      ...certificatesInPem(pem(kubeletServing) + pem(kubeletCa.cert), "w:/var/lib/kubelet/pki/kubelet.crt"),
      ...certificatesInPem(pem(client), "w:/var/lib/kubelet/pki/kubelet-client-current.pem"),
    ]);
    const sources = (scope: Parameters<typeof entriesInScope>[1]) => entriesInScope(entries, scope).map((e) => e.cert.source).sort();
    assert.equal(sources("all").length, 4);
    assert.deepEqual(sources("authorities"), ["cp:/etc/kubernetes/pki/ca.crt", "w:/var/lib/kubelet/pki/kubelet.crt[1]"]);
    assert.deepEqual(sources("cluster-authorities"), ["cp:/etc/kubernetes/pki/ca.crt"]);
    const fiveYears = { name: "CertificateRenewal", thresholdMs: 1825 * 24 * 3_600_000 } as const;
    assert.equal(evaluateRule(fiveYears, entriesInScope(entries, "authorities"), NOW).firing.length, 1, "the kubelet's CA has one year");
    assert.equal(evaluateRule(fiveYears, entriesInScope(entries, "cluster-authorities"), NOW).firing.length, 0, "the cluster CA has ten");
  });
});

describe("certificates in node files and kubeconfigs", () => {
  it("splits one listing into files and reads kubeconfigs by their embedded data, never keys", async () => {
    const ca = await authority("kubernetes", minutes(5));
    const client = await leaf("kubernetes-admin", ca, minutes(600));
    const b64 = (cert: x509.X509Certificate) => Buffer.from(pem(cert)).toString("base64");
    const kubeconfig = [
      "apiVersion: v1",
      "clusters:",
      `- cluster: { certificate-authority-data: ${b64(ca.cert)}, server: "https://cp:6443" }`,
      "  name: kind",
      "users:",
      `- name: kubernetes-admin`,
      `  user: { client-certificate-data: ${b64(client)}, client-key-data: c2VjcmV0 }`,
    ].join("\n");
    const listing = `==> gameday-file /etc/kubernetes/pki/ca.crt\n${pem(ca.cert)}\n==> gameday-file /etc/kubernetes/admin.conf\n${kubeconfig}\n`;
    const bundle = splitListing("cp", listing);
    assert.deepEqual(bundle.files.map((f) => f.path), ["/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/admin.conf"]);
    const certs = certificatesOfBundle(bundle);
    assert.deepEqual(certs.map((c) => c.source), ["cp:/etc/kubernetes/pki/ca.crt", "cp:/etc/kubernetes/admin.conf#cluster:kind", "cp:/etc/kubernetes/admin.conf#user:kubernetes-admin"]);
    assert.equal(JSON.stringify(certs.map(({ x509: _x, ...rest }) => rest)).includes("c2VjcmV0"), false);
    assert.deepEqual(kubeconfigCertificates("apiVersion: v1\nclusters: []\n", "empty"), []);
  });
});
