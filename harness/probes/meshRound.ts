// The connectivity canary on a live cluster. From one canary pod per node, one long-running exec
// probes the canary pods on every other node in a loop (podMesh.ts: plan, script, reading) and
// streams a result per cycle; the latest cycle of every source makes the current "round".
//
// Why streaming execs rather than an exec per round: an exec costs the API server, the kubelet and
// the runtime a process each time, and on a loaded 2-core runner a round then took seconds — long
// enough to miss an outage that the CNI heals within its 10 s reconcile. A loop per source costs
// one exec a minute and sees the network every cycle (request timeout + 0.5 s).
//
// The probe, the detectors and the recovery checks all ask for rounds at once and share one
// stream per target. A stream keeps going while someone asked within the last few seconds, and
// each exec ends by itself after about a minute, so nothing outlives its observers for long.

import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";
import { withDeadline } from "../kube/deadline.js";
import type { KubeClients } from "../kube/kubeClients.js";
import { execInPod } from "../kube/podExec.js";
import { failedSource, meshLoopScript, MeshCycleReader, parseMeshOutput, planMesh, type MeshMember, type MeshPath, type MeshRound, type MeshSource } from "./podMesh.js";

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

const PAUSE_SECONDS = 0.5;
/** Each exec runs about this long, then is started again (with a fresh plan) if still wanted. */
const EXEC_SPAN_MS = 60_000;
/** A stream stops restarting its execs when nobody asked for a round for this long. */
const IDLE_MS = 5_000;
const HISTORY_LIMIT = 2_000;
const FIRST_ROUND_TIMEOUT_MS = 60_000;

class MeshStream {
  private sources: MeshSource[] = [];
  private containers = new Map<string, string>();
  private readonly latest = new Map<string, { at: number; paths: MeshPath[] }>();
  private readonly running = new Set<string>();
  private planning: Promise<void> | undefined;
  private unmeasurable: string | undefined;
  private lastWanted = 0;
  private waiters: Array<(round: MeshRound) => void> = [];
  readonly history: MeshRound[] = [];

  constructor(
    private readonly kube: KubeClients,
    private readonly target: MeshTarget,
    private readonly now: () => number,
  ) {}

  /** The current round, or the first one when none exists yet. */
  async round(): Promise<MeshRound> {
    this.lastWanted = this.now();
    await this.ensureRunning();
    const current = this.current();
    if (current) return current;
    return withDeadline(new Promise<MeshRound>((resolve) => this.waiters.push(resolve)), FIRST_ROUND_TIMEOUT_MS, `first canary round for ${this.target.selector}`);
  }

  private wanted(): boolean {
    return this.now() - this.lastWanted < IDLE_MS;
  }

  private current(): MeshRound | undefined {
    if (this.unmeasurable !== undefined) return { at: this.now(), nodes: this.sources.map((s) => s.from.node), paths: [], unmeasurable: this.unmeasurable };
    if (this.sources.length === 0 || this.sources.some((source) => !this.latest.has(source.from.pod))) return undefined;
    const cycles = this.sources.map((source) => this.latest.get(source.from.pod)!);
    return { at: Math.max(...cycles.map((cycle) => cycle.at)), nodes: this.sources.map((s) => s.from.node), paths: cycles.flatMap((cycle) => cycle.paths) };
  }

  private async ensureRunning(): Promise<void> {
    if (this.sources.length === 0 || this.unmeasurable !== undefined) {
      this.planning ??= this.plan().finally(() => (this.planning = undefined));
      await this.planning;
    }
    for (const source of this.sources) if (!this.running.has(source.from.pod)) this.start(source);
  }

  private async plan(): Promise<void> {
    const list = await withDeadline(
      this.kube.core.listNamespacedPod({ namespace: this.target.namespace, labelSelector: this.target.selector }),
      this.kube.requestTimeoutMs,
      `list canary pods ${this.target.selector}`,
    );
    const members = meshMembers(list.items);
    this.containers = new Map(members.map((member) => [member.pod, member.container]));
    const sources = planMesh(members);
    this.unmeasurable =
      sources.length < 2
        ? `only ${sources.length} node(s) run a canary pod matching ${this.target.selector} in ${this.target.namespace}: a cross-node canary needs two or more (is the DaemonSet running?)`
        : undefined;
    this.sources = this.unmeasurable === undefined ? sources : [];
    for (const pod of [...this.latest.keys()]) if (!sources.some((source) => source.from.pod === pod)) this.latest.delete(pod);
  }

  private start(source: MeshSource): void {
    const pod = source.from.pod;
    this.running.add(pod);
    const cycleMs = this.target.requestTimeoutSeconds * 1000 + PAUSE_SECONDS * 1000;
    const cycles = Math.max(1, Math.round(EXEC_SPAN_MS / cycleMs));
    const reader = new MeshCycleReader(this.now, (cycle) => this.record(source, cycle.at, parseMeshOutput(source, cycle.output)));
    execInPod(this.kube, {
      namespace: this.target.namespace,
      pod,
      container: this.target.container ?? this.containers.get(pod) ?? "",
      command: ["sh", "-c", meshLoopScript(source.targets, this.target.port, this.target.path, this.target.requestTimeoutSeconds, cycles, PAUSE_SECONDS)],
      timeoutMs: EXEC_SPAN_MS * 2 + 30_000,
      onStdout: (chunk) => reader.push(chunk),
    }).then(
      () => this.ended(pod, undefined),
      (error: unknown) => this.ended(pod, error),
    );
  }

  private ended(pod: string, error: unknown): void {
    this.running.delete(pod);
    const source = this.sources.find((candidate) => candidate.from.pod === pod);
    if (error !== undefined && source) {
      // Not a network verdict: the probe could not run there (pod gone, API busy). Shown as unknown.
      this.record(source, this.now(), failedSource(source, `probe could not run: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (!this.wanted()) return;
    // Re-plan (pods may have changed), then start again; after an error, not in a tight loop.
    const again = () => {
      this.sources = [];
      void this.ensureRunning().catch(() => undefined);
    };
    if (error !== undefined) setTimeout(again, 1_000).unref?.();
    else again();
  }

  private record(source: MeshSource, at: number, paths: MeshPath[]): void {
    this.latest.set(source.from.pod, { at, paths });
    const round = this.current();
    if (!round) return;
    this.history.push(round);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(round);
  }
}

const streams = new WeakMap<KubeClients, Map<string, MeshStream>>();

function streamFor(kube: KubeClients, target: MeshTarget, now: () => number): MeshStream {
  let byTarget = streams.get(kube);
  if (!byTarget) streams.set(kube, (byTarget = new Map()));
  const key = JSON.stringify(target);
  let stream = byTarget.get(key);
  if (!stream) byTarget.set(key, (stream = new MeshStream(kube, target, now)));
  return stream;
}

/** The canary's current round for a target (its stream is started on first use and shared). */
export function sharedMeshRound(kube: KubeClients, target: MeshTarget, now: () => number): Promise<MeshRound> {
  return streamFor(kube, target, now).round();
}

/** Rounds of a target so far, oldest first (bounded): for observers that need to know since when a verdict holds. */
export function meshHistory(kube: KubeClients, target: MeshTarget): MeshRound[] {
  return streams.get(kube)?.get(JSON.stringify(target))?.history ?? [];
}
