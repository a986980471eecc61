// When the cluster's CAs expire, read from the control plane's files (not from what the harness
// generated), so the steps below also work on a cluster whose CA came from elsewhere. The instant
// is converted once to the run's monotonic clock: waiting for it is a deadline, not a guess.

import { readNodeCertificates } from "../detectors/nodePkiReader.js";
import { withDeadline } from "../kube/deadline.js";
import type { RunContext } from "../scenario/kindTypes.js";
import type { MonoMs } from "../scenario/runResult.js";

export const CA_FILES = ["/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/pki/etcd/ca.crt", "/etc/kubernetes/pki/front-proxy-ca.crt"];

export interface ClusterCaExpiry {
  /** The earliest NotAfter of the three CAs on every control-plane node. */
  notAfter: Date;
  notAfterMono: MonoMs;
  /** "node:/etc/kubernetes/pki/ca.crt" of the CA that expires first. */
  source: string;
}

export async function clusterCaExpiry(context: RunContext): Promise<ClusterCaExpiry> {
  const nodes = (await withDeadline(context.cluster.nodes(), 15_000, "list cluster nodes", context.signal)).filter((node) => node.role === "control-plane");
  if (nodes.length === 0) throw new Error("no control-plane node reachable: reading the CA needs node access (a kind cluster)");
  const certs = (await Promise.all(nodes.map((node) => readNodeCertificates(node, 20_000, CA_FILES)))).flat().filter((cert) => cert.isCA);
  const first = certs.sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime())[0];
  if (!first) throw new Error(`none of ${CA_FILES.join(", ")} exists on ${nodes.map((n) => n.name).join(", ")}: is this a kubeadm cluster?`);
  // Read both clocks together; the wall clock only locates NotAfter, durations use the run clock.
  const mono = context.now();
  const wall = Date.now();
  return { notAfter: first.notAfter, notAfterMono: mono + (first.notAfter.getTime() - wall), source: first.source };
}
