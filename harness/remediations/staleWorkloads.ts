// Which controllers must be restarted after a CA rotation: every pod that started before the new
// CA existed may hold the old CA in memory (client-go reads the service-account ca.crt once), so
// its Deployment, DaemonSet or StatefulSet is rollout-restarted. Static (mirror) pods are the
// runbook's own business; pods without such a controller are listed for a person. Pure.

import type { V1Pod, V1ReplicaSet } from "@kubernetes/client-node";

export interface ControllerRef {
  kind: "Deployment" | "DaemonSet" | "StatefulSet";
  namespace: string;
  name: string;
}

export interface StaleWorkloads {
  controllers: ControllerRef[];
  /** "namespace/name" of pods older than the CA that no restartable controller owns. */
  orphans: string[];
}

const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

export function staleWorkloads(pods: V1Pod[], replicaSets: V1ReplicaSet[], rotatedAt: Date): StaleWorkloads {
  const deploymentOf = new Map<string, string>();
  for (const rs of replicaSets) {
    const owner = rs.metadata?.ownerReferences?.find((ref) => ref.kind === "Deployment");
    if (owner) deploymentOf.set(`${rs.metadata?.namespace}/${rs.metadata?.name}`, owner.name);
  }
  const controllers = new Map<string, ControllerRef>();
  const orphans: string[] = [];
  for (const pod of pods) {
    const meta = pod.metadata ?? {};
    if (meta.annotations?.[MIRROR_ANNOTATION] || meta.deletionTimestamp) continue;
    if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") continue;
    const created = meta.creationTimestamp ? new Date(meta.creationTimestamp) : undefined;
    if (created && created >= rotatedAt) continue;
    const namespace = meta.namespace ?? "default";
    const owner = meta.ownerReferences?.find((ref) => ref.controller) ?? meta.ownerReferences?.[0];
    let ref: ControllerRef | undefined;
    if (owner?.kind === "ReplicaSet") {
      const deployment = deploymentOf.get(`${namespace}/${owner.name}`);
      if (deployment) ref = { kind: "Deployment", namespace, name: deployment };
    } else if (owner?.kind === "DaemonSet" || owner?.kind === "StatefulSet") {
      ref = { kind: owner.kind, namespace, name: owner.name };
    }
    if (owner?.kind === "Job") continue; // a Job's pod ends by itself; the next one mounts the new CA
    if (ref) controllers.set(`${ref.kind}/${ref.namespace}/${ref.name}`, ref);
    else orphans.push(`${namespace}/${meta.name ?? "?"}`);
  }
  const order = (c: ControllerRef) => `${c.namespace === "kube-system" ? 0 : 1}/${c.namespace}/${c.kind}/${c.name}`;
  return { controllers: [...controllers.values()].sort((a, b) => order(a).localeCompare(order(b))), orphans: orphans.sort() };
}

interface RolloutStatus {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: Record<string, number | undefined> & { observedGeneration?: number };
}

/** Pure: has a rollout-restarted controller finished (all replicas updated and available)? */
export function rolloutComplete(kind: ControllerRef["kind"], object: RolloutStatus): boolean {
  const s = object.status ?? {};
  if ((s.observedGeneration ?? 0) < (object.metadata?.generation ?? 0)) return false;
  if (kind === "DaemonSet") {
    const desired = s.desiredNumberScheduled ?? 0;
    return (s.updatedNumberScheduled ?? 0) === desired && (s.numberAvailable ?? 0) === desired && (s.numberUnavailable ?? 0) === 0;
  }
  const replicas = object.spec?.replicas ?? 1;
  const ready = kind === "Deployment" ? (s.availableReplicas ?? 0) : (s.readyReplicas ?? 0);
  return (s.updatedReplicas ?? 0) === replicas && ready === replicas && (s.replicas ?? 0) === replicas;
}
