// Reads every certificate a kubeadm node keeps, through the node-access layer (no API server
// needed, so it keeps working after the CA expired): the PKI directory, the kubelet's client and
// serving certificates, and the certificates embedded in the kubeconfigs under /etc/kubernetes.
// One exec per node prints every file with a separator; on a loaded machine each exec costs
// hundreds of milliseconds, so one per node instead of one per file.

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { certificatesInPem, type CertificateFacts } from "./certificateFacts.js";
import { kubeconfigCertificates } from "./kubeconfigCertificates.js";

/** Globs expanded by the node's shell; missing ones are skipped. */
export const NODE_CERTIFICATE_GLOBS = [
  "/etc/kubernetes/pki/*.crt",
  "/etc/kubernetes/pki/etcd/*.crt",
  "/var/lib/kubelet/pki/*.crt",
  "/var/lib/kubelet/pki/kubelet-client-current.pem",
  "/etc/kubernetes/*.conf",
];

const SEPARATOR = "==> gameday-file ";

export interface NodeFileBundle {
  node: string;
  files: Array<{ path: string; text: string }>;
}

/** Pure: splits what the listing command printed into files. */
export function splitListing(node: string, output: string): NodeFileBundle {
  const files: NodeFileBundle["files"] = [];
  for (const chunk of output.split(SEPARATOR).slice(1)) {
    const newline = chunk.indexOf("\n");
    if (newline < 0) continue;
    files.push({ path: chunk.slice(0, newline).trim(), text: chunk.slice(newline + 1) });
  }
  return { node, files };
}

/** Pure: the certificates in a node's files (kubeconfigs by their embedded data, the rest as PEM). */
export function certificatesOfBundle(bundle: NodeFileBundle): CertificateFacts[] {
  return bundle.files.flatMap(({ path, text }) => {
    const source = `${bundle.node}:${path}`;
    return path.endsWith(".conf") ? kubeconfigCertificates(text, source) : certificatesInPem(text, source);
  });
}

export function listingCommand(globs: string[] = NODE_CERTIFICATE_GLOBS): string[] {
  return ["sh", "-c", `for f in ${globs.join(" ")}; do [ -f "$f" ] && { printf '%s%s\\n' '${SEPARATOR}' "$f"; cat "$f"; echo; }; done; true`];
}

export async function readNodeCertificates(node: NodeHandle, timeoutMs: number, globs?: string[]): Promise<CertificateFacts[]> {
  const result = await node.exec(listingCommand(globs), { timeoutMs });
  if (result.exitCode !== 0) throw new Error(`listing certificates on node ${node.name} exited ${result.exitCode}: ${result.stderr.trim()} — is the node running? (docker ps)`);
  return certificatesOfBundle(splitListing(node.name, result.stdout));
}
