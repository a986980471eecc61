import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { parse } from "yaml";

import { parseProcesses, sameCertificate } from "../../../harness/remediations/caRotation.js";
import { rewriteAdminKubeconfig } from "../../../harness/remediations/kubeconfigRewrite.js";

const adminConf = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: TkVXQ0E=
    server: https://c-control-plane:6443
  name: kubernetes
users:
- name: kubernetes-admin
  user:
    client-certificate-data: TkVXQ0VSVA==
    client-key-data: TkVXS0VZ
contexts:
- context: { cluster: kubernetes, user: kubernetes-admin }
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
`;
const harness = `apiVersion: v1
kind: Config
clusters:
- cluster: { certificate-authority-data: T0xE, server: "https://127.0.0.1:43979" }
  name: kind-c
users:
- name: kind-c
  user: { client-certificate-data: T0xE, client-key-data: T0xE }
contexts:
- context: { cluster: kind-c, user: kind-c }
  name: kind-c
current-context: kind-c
`;

describe("CA rotation helpers", () => {
  it("rewrites the harness kubeconfig with admin.conf's new credentials but its own address and names", () => {
    const out = parse(rewriteAdminKubeconfig(adminConf, harness, "kind-c")) as Record<string, never>;
    assert.deepEqual(out, {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kind-c", cluster: { "certificate-authority-data": "TkVXQ0E=", server: "https://127.0.0.1:43979" } }],
      users: [{ name: "kind-c", user: { "client-certificate-data": "TkVXQ0VSVA==", "client-key-data": "TkVXS0VZ" } }],
      contexts: [{ name: "kind-c", context: { cluster: "kind-c", user: "kind-c" } }],
      "current-context": "kind-c",
    });
    assert.throws(() => rewriteAdminKubeconfig(adminConf, harness, "kind-other"), /not in the harness's kubeconfig/);
    assert.throws(() => rewriteAdminKubeconfig("clusters: []\nusers: []\n", harness, "kind-c"), /kubeadm init phase kubeconfig admin/);
  });

  it("reads control-plane processes from ps, whose comm the kernel cuts to 15 characters", () => {
    assert.deepEqual(parseProcesses("   85 kube-controller\n   74 kube-apiserver\n 1589 kube-proxy\nbogus line\n"), [
      { elapsedSeconds: 85, comm: "kube-controller" },
      { elapsedSeconds: 74, comm: "kube-apiserver" },
      { elapsedSeconds: 1589, comm: "kube-proxy" },
    ]);
  });

  it("compares certificates, not PEM text", () => {
    // ca.crt: a public CA certificate made by writeShortLivedCas for the kubeadm fixtures.
    const pemPath = path.join(process.cwd(), "test/fixtures/ca-expiry/ca.crt");
    const pem = readFileSync(pemPath, "utf8");
    assert.equal(sameCertificate(pem, `${pem.replace(/\n/g, "\r\n")}\n\n`), true);
    assert.equal(sameCertificate(pem, "not a certificate"), false);
  });
});
