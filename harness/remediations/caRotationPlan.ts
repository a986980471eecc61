// The CA rotation runbook as data: which actions, on which node, in which order, running which
// commands. Pure, so `--dry-run` can print it and tests can pin the order down. The order is the
// one that works with an already-expired CA (failure-modes.md §4; `kubeadm certs renew` would
// re-sign with the expired CA and is useless here):
//
//   back up every node  →  control plane: new CAs and leaves (sa.key/sa.pub kept), new kubeconfigs,
//   restarted static pods, a renewed kubelet client certificate  →  the harness's own kubeconfig
//   →  cluster-info (the CA workers join with)  →  each worker reset and re-joined  →
//   kube-root-ca.crt republished everywhere  →  restart what still holds the old CA in memory.

import { HarnessError } from "../cluster/harnessError.js";

export type RotationActionKind =
  | "backup"
  | "pki"
  | "kubeconfigs"
  | "static-pods"
  | "kubelet-client"
  | "harness-kubeconfig"
  | "cluster-info"
  | "rejoin-worker"
  | "root-ca-published"
  | "workloads";

export interface RotationAction {
  /** Unique within the plan, e.g. "pki@kind-control-plane". */
  id: string;
  kind: RotationActionKind;
  node?: string;
  /** One line for people and the dry run. */
  summary: string;
  /** Shell commands run on the node (for node actions), shown by the dry run. */
  commands: string[];
}

export interface PlanNode {
  name: string;
  role: "control-plane" | "worker";
}

export interface RotationPlanOptions {
  /** kubeadm configuration on the nodes: kind writes /kind/kubeadm.conf; elsewhere, a saved kubeadm-config. */
  kubeadmConfig: string;
  /** Tag of this run's backups, e.g. "20261122T030000Z". */
  stamp: string;
}

export const BACKUP_DIR = "/var/lib/gameday-ca-backups";
export const PKI = "/etc/kubernetes/pki";
export const STATIC_POD_CONTAINERS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];
export const MANIFESTS = "/etc/kubernetes/manifests";
export const PAUSED_MANIFESTS = "/etc/kubernetes/manifests.gameday-paused";
const KUBECONFIGS = ["admin", "super-admin", "controller-manager", "scheduler", "kubelet"].map((name) => `/etc/kubernetes/${name}.conf`);

export class UnsupportedTopologyError extends HarnessError {
  constructor(message: string) {
    super("input", message, { hint: "rotate the CA by hand following the Kubernetes docs' manual CA rotation, one control plane at a time" });
  }
}

export function backupPath(stamp: string, node: string): string {
  return `${BACKUP_DIR}/${stamp}-${node}.tar.gz`;
}

export function planCaRotation(nodes: PlanNode[], options: RotationPlanOptions): RotationAction[] {
  const controlPlanes = nodes.filter((n) => n.role === "control-plane");
  const workers = nodes.filter((n) => n.role === "worker").sort((a, b) => a.name.localeCompare(b.name));
  if (controlPlanes.length === 0) throw new UnsupportedTopologyError("no control-plane node is reachable: the CA lives there");
  // More than one control plane means copying the new CA to the others before their leaves are
  // made; the offline kit cannot build such clusters (no load balancer image), so it is untested.
  if (controlPlanes.length > 1) throw new UnsupportedTopologyError(`${controlPlanes.length} control planes: this runbook rotates clusters with one control plane only`);
  const cp = controlPlanes[0]!.name;
  const cfg = options.kubeadmConfig;
  const actions: RotationAction[] = [];
  for (const node of [controlPlanes[0]!, ...workers]) {
    actions.push({
      id: `backup@${node.name}`,
      kind: "backup",
      node: node.name,
      summary: `back up /etc/kubernetes and /var/lib/kubelet/pki of ${node.name} to ${backupPath(options.stamp, node.name)}`,
      commands: [`mkdir -p ${BACKUP_DIR} && tar -czf ${backupPath(options.stamp, node.name)} -C / etc/kubernetes var/lib/kubelet/pki`],
    });
  }
  actions.push(
    {
      id: `pki@${cp}`,
      kind: "pki",
      node: cp,
      summary: "replace the CAs and every leaf certificate, keeping sa.key/sa.pub (service-account tokens stay valid)",
      commands: [`find ${PKI} -maxdepth 2 -type f \\( -name '*.crt' -o -name '*.key' \\) ! -name sa.key -delete`, `kubeadm init phase certs all --config ${cfg}`],
    },
    {
      id: `kubeconfigs@${cp}`,
      kind: "kubeconfigs",
      node: cp,
      summary: "write new kubeconfigs (admin, super-admin, controller-manager, scheduler, kubelet) trusting and signed by the new CA",
      commands: [`rm -f ${KUBECONFIGS.join(" ")}`, `kubeadm init phase kubeconfig all --config ${cfg}`],
    },
    {
      id: `static-pods@${cp}`,
      kind: "static-pods",
      node: cp,
      // Moving the manifests out and back is kubeadm's documented restart, and needs no crictl
      // (which not every node image carries); the kubelet stops and starts the pods itself.
      summary: `restart ${STATIC_POD_CONTAINERS.join(", ")} so they load the new certificates (manifests moved out until they stop, then back); wait for /readyz`,
      commands: [
        `mkdir -p ${PAUSED_MANIFESTS} && for f in ${MANIFESTS}/*.yaml; do [ -e "$f" ] && mv "$f" ${PAUSED_MANIFESTS}/; done; true`,
        `for f in ${PAUSED_MANIFESTS}/*.yaml; do [ -e "$f" ] && mv "$f" ${MANIFESTS}/; done; rmdir ${PAUSED_MANIFESTS}`,
        "kubectl --kubeconfig=/etc/kubernetes/admin.conf get --raw=/readyz",
      ],
    },
    kubeletClientAction(cp, cfg),
    {
      id: "harness-kubeconfig",
      kind: "harness-kubeconfig",
      summary: "replace the harness's kubeconfig for this cluster with the new admin.conf (same server address)",
      commands: [],
    },
    {
      id: "cluster-info",
      kind: "cluster-info",
      summary: "put the new CA into kube-public/cluster-info, which joining nodes trust (the bootstrap signer re-signs it)",
      commands: [],
    },
  );
  for (const worker of workers) {
    actions.push({
      id: `rejoin@${worker.name}`,
      kind: "rejoin-worker",
      node: worker.name,
      summary: `reset ${worker.name}, wait until the control plane marks it not Ready (kubeadm join refuses a Ready Node of the same name), and join it again, so it trusts the new CA and gets a new kubelet client certificate`,
      commands: ["kubeadm reset -f", `kubeadm join --config ${cfg} --skip-phases=preflight`],
    });
  }
  actions.push(
    {
      id: "root-ca-published",
      kind: "root-ca-published",
      summary: "wait until kube-controller-manager has put the new CA into every namespace's kube-root-ca.crt",
      commands: [],
    },
    {
      id: "workloads",
      kind: "workloads",
      summary: "rollout-restart every Deployment, DaemonSet and StatefulSet with pods older than the new CA (CoreDNS, kube-proxy, kindnet, workloads): they hold the old CA in memory",
      commands: [],
    },
  );
  return actions;
}

function kubeletClientAction(node: string, cfg: string): RotationAction {
  return {
    id: `kubelet-client@${node}`,
    kind: "kubelet-client",
    node,
    summary: "delete the kubelet's client certificates and restart it: it starts from the new kubelet.conf and rotates to a CSR-signed certificate",
    commands: [
      "rm -f /var/lib/kubelet/pki/kubelet-client-*.pem",
      "systemctl restart kubelet",
      `kubeadm init phase kubelet-finalize enable-client-cert-rotation --config ${cfg}`,
      "systemctl restart kubelet",
    ],
  };
}

/** Pure: the plan as the dry run prints it. */
export function describePlan(actions: RotationAction[]): string {
  return actions
    .map((action, index) => [`${index + 1}. ${action.id}: ${action.summary}`, ...action.commands.map((command) => `     $ ${command}`)].join("\n"))
    .join("\n");
}
