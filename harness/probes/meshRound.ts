// One round of the connectivity canary on a live cluster: list the canary pods, and from one pod
// per node probe the canary pods on every other node (podMesh.ts has the plan and the reading).
// The probe, the detector and the recovery check all ask for rounds at the same time; rounds are
// shared (a round younger than `maxAgeMs`, or one in flight, is reused) so three observers cost
// the cluster one round, not three — CPU on a 2-core runner is the scarce thing.

import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";
import { withDeadline } from "../kube/deadline.js";
import type { KubeClients } from "../kube/kubeClients.js";
import { execInPod } from "../kube/podExec.js";
import { failedSource, meshScript, parseMeshOutput, planMesh, type MeshMember, type MeshRound } from "./podMesh.js";

export interface MeshTarget {
  namespace: string;
  /** Label selector of the canary pods (one per node, e.g. a DaemonSet). */
  selector: string;
  port: number;
  path: string;
  /** Container to exec in; the pod's first container when absent. */
  container?: string;
  /** Per-request timeout inside the pod, in whole seconds (busybox `timeout` around wget). */
  requestTimeoutSeconds: number;
}

/** Canary pods that can take part: scheduled, running, with an IP, not being deleted. Readiness is not required: it may itself depend on the network under test. */
export function meshMembers(pods: KubernetesObject[]): Array<MeshMember & { container: string }> {
  return (pods as V1Pod[])
    .filter((pod) => pod.status?.phase === "Running" && pod.status.podIP && pod.spec?.nodeName && !pod.metadata?.deletionTimestamp)
    .map((pod) => ({ pod: pod.metadata!.name!, node: pod.spec!.nodeName!, ip: pod.status!.podIP!, container: pod.spec!.containers[0]!.name }));
}

async function runRound(kube: KubeClients, target: MeshTarget, now: () => number, signal: AbortSignal): Promise<MeshRound> {
  const at = now();
  const list = await withDeadline(kube.core.listNamespacedPod({ namespace: target.namespace, labelSelector: target.selector }), kube.requestTimeoutMs, `list canary pods ${target.selector}`, signal);
  const members = meshMembers(list.items);
  const sources = planMesh(members);
  const nodes = sources.map((source) => source.from.node);
  if (sources.length < 2) {
    return { at, nodes, paths: [], unmeasurable: `only ${sources.length} node(s) run a canary pod matching ${target.selector} in ${target.namespace}: a cross-node canary needs two or more (is the DaemonSet running?)` };
  }
  const containerOf = new Map(members.map((member) => [member.pod, member.container]));
  // The exec itself gets the wget timeout plus room for the API round trip.
  const execTimeoutMs = target.requestTimeoutSeconds * 1000 + 8_000;
  const perSource = await Promise.all(
    sources.map(async (source) => {
      try {
        const result = await execInPod(kube, {
          namespace: target.namespace,
          pod: source.from.pod,
          container: target.container ?? containerOf.get(source.from.pod)!,
          command: ["sh", "-c", meshScript(source.targets, target.port, target.path, target.requestTimeoutSeconds)],
          timeoutMs: execTimeoutMs,
          signal,
        });
        return parseMeshOutput(source, result.stdout);
      } catch (error) {
        if (signal.aborted) throw error;
        return failedSource(source, `probe could not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return { at, nodes, paths: perSource.flat() };
}

interface CachedRound {
  startedAt: number;
  round: Promise<MeshRound>;
}

/** Every finished round per target, for observers that need to know since when a verdict holds. */
const finished = new WeakMap<KubeClients, Map<string, MeshRound[]>>();
const HISTORY_LIMIT = 2_000;

/** Finished rounds of a target, oldest first (bounded). */
export function meshHistory(kube: KubeClients, target: MeshTarget): MeshRound[] {
  return finished.get(kube)?.get(JSON.stringify(target)) ?? [];
}

const shared = new WeakMap<KubeClients, Map<string, CachedRound>>();

/**
 * A round no older than `maxAgeMs` (started within that time), or a new one. The round runs under
 * its own deadline, not the caller's signal, because other observers may be waiting on it too.
 */
export function sharedMeshRound(kube: KubeClients, target: MeshTarget, now: () => number, maxAgeMs: number): Promise<MeshRound> {
  let byTarget = shared.get(kube);
  if (!byTarget) shared.set(kube, (byTarget = new Map()));
  const key = JSON.stringify(target);
  const cached = byTarget.get(key);
  if (cached && now() - cached.startedAt <= maxAgeMs) return cached.round;
  const deadline = AbortSignal.timeout(target.requestTimeoutSeconds * 1000 + 20_000);
  const round = runRound(kube, target, now, deadline);
  byTarget.set(key, { startedAt: now(), round });
  void round.then((done) => {
    let rounds = finished.get(kube);
    if (!rounds) finished.set(kube, (rounds = new Map()));
    const list = rounds.get(key) ?? [];
    list.push(done);
    list.sort((a, b) => a.at - b.at);
    if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
    rounds.set(key, list);
  }, () => undefined);
  // A failed round must not be handed out again.
  round.catch(() => byTarget.get(key)?.round === round && byTarget.delete(key));
  return round;
}
