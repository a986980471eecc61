// Certificates embedded in a kubeconfig (admin.conf, kubelet.conf, controller-manager.conf, …):
// the cluster CA it trusts and the client certificate it authenticates with. x509-certificate-
// exporter watches kubeconfigs for the same reason: they expire like any certificate file.
// Private keys (client-key-data) are never read.

import { parse } from "yaml";

import { certificatesInPem, type CertificateFacts } from "./certificateFacts.js";

interface Kubeconfig {
  clusters?: Array<{ name?: string; cluster?: { "certificate-authority-data"?: string } }>;
  users?: Array<{ name?: string; user?: { "client-certificate-data"?: string } }>;
}

export function kubeconfigCertificates(text: string, source: string): CertificateFacts[] {
  let doc: Kubeconfig;
  try {
    doc = (parse(text) ?? {}) as Kubeconfig;
  } catch (error) {
    throw new Error(`${source} is not a YAML kubeconfig (${(error as Error).message}): check the file`);
  }
  const found: CertificateFacts[] = [];
  for (const cluster of doc.clusters ?? []) {
    const data = cluster.cluster?.["certificate-authority-data"];
    if (data) found.push(...certificatesInPem(decode(data), `${source}#cluster:${cluster.name ?? "?"}`));
  }
  for (const user of doc.users ?? []) {
    const data = user.user?.["client-certificate-data"];
    if (data) found.push(...certificatesInPem(decode(data), `${source}#user:${user.name ?? "?"}`));
  }
  return found;
}

function decode(base64: string): string {
  return Buffer.from(base64, "base64").toString("utf8");
}
