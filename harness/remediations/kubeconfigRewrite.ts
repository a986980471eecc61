// The harness keeps its own kubeconfig per cluster (server = the loopback port kind published).
// After a CA rotation its CA data and client certificate are the old ones; the new admin.conf from
// the control plane has the right credentials but the in-cluster server address. This takes the
// credentials from the one and the address and names from the other. Pure.

import { parse, stringify } from "yaml";

interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters?: Array<{ name: string; cluster: Record<string, unknown> }>;
  users?: Array<{ name: string; user: Record<string, unknown> }>;
  contexts?: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  "current-context"?: string;
}

export function rewriteAdminKubeconfig(adminConf: string, harnessKubeconfig: string, contextName: string): string {
  const admin = parse(adminConf) as Kubeconfig;
  const current = parse(harnessKubeconfig) as Kubeconfig;
  const context = current.contexts?.find((c) => c.name === contextName);
  if (!context) throw new Error(`context ${contextName} is not in the harness's kubeconfig: was the cluster created by this harness?`);
  const server = current.clusters?.find((c) => c.name === context.context.cluster)?.cluster.server;
  if (typeof server !== "string") throw new Error(`the harness's kubeconfig names no server for ${contextName}`);
  const cluster = admin.clusters?.[0]?.cluster;
  const user = admin.users?.[0]?.user;
  if (!cluster?.["certificate-authority-data"] || !user?.["client-certificate-data"] || !user["client-key-data"]) {
    throw new Error("admin.conf lacks embedded CA data or client credentials: regenerate it with `kubeadm init phase kubeconfig admin`");
  }
  const rewritten: Kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: context.context.cluster, cluster: { ...cluster, server } }],
    users: [{ name: context.context.user, user: { ...user } }],
    contexts: [{ name: contextName, context: { ...context.context } }],
    "current-context": contextName,
  };
  return stringify(rewritten, { lineWidth: 0 });
}
