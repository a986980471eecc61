// Cluster lifecycle on kind. acquire() reuses an interchangeable cluster when the scenario allows it
// and otherwise creates one. Shared (non-dedicated) clusters this provider holds serve every later
// scenario of the run with the same fingerprint — scenarios run one after the other and are isolated
// by namespace — so release() of a shared cluster only notes whether to keep it, and close() deletes
// them at the end of the run. Dedicated clusters are deleted on release: they had cluster-wide state
// changed on purpose. Across runs, a cluster kept with --keep-cluster is reused when its lease is
// free and it is healthy. Every cluster is recorded before kind starts, so crash recovery finds even
// a half-created one: the first acquire() of a run deletes the clusters of runs that died
// (deadRunRule.ts), and `gameday clean` removes whatever is left.
import { chmod } from "node:fs/promises";
import { hostname } from "node:os";

import type { ContainerRuntimeClient } from "testcontainers";

import { apiServerVersion } from "./apiServerVersion.js";
import { clusterFingerprint } from "./clusterFingerprint.js";
import { deadRunDecision, type LeaseReading } from "./deadRunRule.js";
import type { ClusterHandle, ClusterProvider, ClusterRequirements } from "./clusterHandle.js";
import { isHarnessClusterName, newClusterName } from "./clusterName.js";
import { dockerRuntime } from "./dockerRuntime.js";
import { HarnessError } from "./harnessError.js";
import { freeHostPorts, type HostPortAllocator } from "./hostPortAllocator.js";
import { readKindBaseConfig } from "./kindBaseConfig.js";
import { isTransientKindFailure } from "./transientKindFailure.js";
import { KindCli } from "./kindCli.js";
import { KindClusterHandle } from "./kindClusterHandle.js";
import { ensureLocalImages, loadImagesIntoCluster, type ImageLoaderDeps } from "./kindImageLoader.js";
import { clusterVolumes, labelledContainers, removeKindCluster } from "./kindClusterRemover.js";
import { buildKindConfig, renderKindConfig, validateRequirements } from "./kindConfig.js";
import { GAMEDAY_NETWORK } from "./gamedayNetwork.js";
import { KitLockError, readKitLock } from "./kitLock.js";
import { NodeImageMissingError, nodeImagePresent } from "./nodeImage.js";
import { processesNaming, stopProcesses } from "./orphanProcesses.js";
import { reuseDecision } from "./reuseRules.js";
import { currentOwner, processIsAlive, StateStore, type ClusterRecord } from "./stateStore.js";
import { withDeadline } from "./withDeadline.js";

export class UnsupportedClusterError extends HarnessError {
  constructor(message: string, hint: string) {
    super("input", message, { hint });
  }
}

export interface KindProviderOptions {
  /** Node image; default: NODE_IMAGE of clusters/images/kit.lock. */
  image?: string;
  store?: StateStore;
  kind?: KindCli;
  runtime?: () => Promise<ContainerRuntimeClient>;
  allocatePorts?: HostPortAllocator;
  /** Kit-wide kind settings; default: clusters/kind/base.yaml when present. */
  baseConfig?: Record<string, unknown> | null;
  /** Docker network for the nodes; default: the harness's own network (see gamedayNetwork.ts). */
  network?: string;
  /** Receives progress lines (kind's own and the provider's). */
  onProgress?: (line: string) => void;
}

const HEALTH_TIMEOUT_MS = 10_000;

export class KindProvider implements ClusterProvider {
  private readonly store: StateStore;
  private readonly kind: KindCli;
  private readonly runtime: () => Promise<ContainerRuntimeClient>;
  private readonly allocatePorts: HostPortAllocator;
  private readonly network: string;
  private readonly progress: (line: string) => void;
  /** Every cluster this provider holds a lease on. */
  private readonly held = new Map<string, KindClusterHandle>();
  /** Shared clusters a release asked to keep. */
  private readonly keepers = new Set<string>();
  /** Clusters of dead runs are looked for once, before this provider's first cluster. */
  private reapedDeadRuns = false;

  constructor(private readonly options: KindProviderOptions = {}) {
    this.store = options.store ?? new StateStore();
    this.kind = options.kind ?? new KindCli();
    this.runtime = options.runtime ?? (() => dockerRuntime());
    this.allocatePorts = options.allocatePorts ?? freeHostPorts;
    this.network = options.network ?? GAMEDAY_NETWORK;
    this.progress = options.onProgress ?? (() => undefined);
  }

  async acquire(requirements: ClusterRequirements, options: { runId: string; offline: boolean; timeoutMs: number }): Promise<ClusterHandle> {
    validateRequirements(requirements);
    const deadline = performance.now() + options.timeoutMs;
    const left = () => Math.max(1_000, deadline - performance.now());

    if (!this.reapedDeadRuns) {
      this.reapedDeadRuns = true;
      await this.reapDeadRuns(options.runId, left);
    }
    const image = await this.nodeImage();
    const base = this.options.baseConfig === undefined ? await readKindBaseConfig() : (this.options.baseConfig ?? undefined);
    const fingerprint = clusterFingerprint(image, requirements, base);

    // Addon images are checked before any cluster exists: a missing one costs seconds, not a cluster.
    const images = requirements.images ?? [];
    if (images.length > 0) await ensureLocalImages(images, await this.imageDeps(), { offline: options.offline, timeoutMs: left() });

    if (!requirements.dedicated) {
      const reused = await this.reuse(requirements, fingerprint, options.runId);
      if (reused) {
        // A reused cluster may predate the image (or an image rebuilt since): kind loads only what differs.
        if (images.length > 0) await loadImagesIntoCluster(reused.name, images, await this.imageDeps(), { timeoutMs: left() });
        return reused;
      }
    }
    const created = await this.create(requirements, { ...options, image, base, fingerprint, left });
    if (images.length > 0) {
      try {
        await loadImagesIntoCluster(created.name, images, await this.imageDeps(), { timeoutMs: left() });
      } catch (err) {
        // The caller never sees this cluster, so it could not release it: delete it here.
        await this.finish(created, false, 120_000).catch((cleanupErr: unknown) =>
          this.progress(`could not remove ${created.name} after loading images failed (${(cleanupErr as Error).message}); run \`gameday clean\``),
        );
        throw err;
      }
    }
    return created;
  }

  /**
   * Deletes the clusters of runs that died without cleaning up (SIGKILL, OOM, a lost terminal),
   * one line each; see deadRunRule.ts for what is never touched. A cluster that cannot be removed
   * is reported and left for `gameday clean`: the new run goes on.
   */
  private async reapDeadRuns(runId: string, left: () => number): Promise<void> {
    const facts = { host: hostname(), pid: process.pid, isAlive: processIsAlive };
    for (const record of await this.store.list()) {
      if (this.held.has(record.name) || !isHarnessClusterName(record.name)) continue;
      let lease: LeaseReading;
      try {
        lease = await this.store.readLease(record.name);
      } catch (err) {
        lease = { state: "unreadable", why: (err as Error).message };
      }
      const decision = deadRunDecision(record, lease, facts);
      if (!decision.reap) continue;
      // Claiming first means two new runs never reap the same cluster, and the lease is ours meanwhile.
      if (!(await this.store.claim(record.name, currentOwner(runId)))) continue;
      const started = performance.now();
      const leftBy = `left by run ${decision.owner.runId} (pid ${decision.owner.pid}, gone)`;
      try {
        const orphans = await stopProcesses(await processesNaming(record.kubeconfigPath));
        await removeKindCluster(record.name, { kind: this.kind, runtime: await this.runtime(), store: this.store }, Math.min(left(), 180_000));
        const stopped = orphans.length ? `, after stopping its orphaned process(es) ${orphans.join(", ")}` : "";
        this.progress(`reaped cluster ${record.name} ${leftBy} in ${(Math.round((performance.now() - started) / 100) / 10).toFixed(1)}s${stopped}`);
      } catch (err) {
        await this.store.unclaim(record.name).catch(() => undefined);
        this.progress(`could not reap cluster ${record.name} ${leftBy}: ${(err as Error).message}; \`gameday clean\` removes it`);
      }
    }
  }

  private async imageDeps(): Promise<ImageLoaderDeps> {
    return { runtime: await this.runtime(), kind: this.kind, progress: this.progress };
  }

  async release(cluster: ClusterHandle, options: { keep: boolean; timeoutMs: number }): Promise<void> {
    const handle = this.held.get(cluster.name);
    if (!handle) throw new HarnessError("input", `cluster ${cluster.name} was not acquired from this provider`, { hint: "release a cluster through the provider that acquired it" });
    if (!handle.record.dedicated) {
      // Shared clusters stay for the next scenario of the run; close() decides their fate.
      if (options.keep) this.keepers.add(handle.name);
      return;
    }
    await this.finish(handle, options.keep, options.timeoutMs);
  }

  /** Ends the provider's run: deletes every cluster it still holds, or keeps them when asked. */
  async close(options: { keep: boolean; timeoutMs: number }): Promise<void> {
    const deadline = performance.now() + options.timeoutMs;
    const failures: unknown[] = [];
    for (const handle of [...this.held.values()]) {
      try {
        await this.finish(handle, options.keep || this.keepers.has(handle.name), Math.max(1_000, deadline - performance.now()));
      } catch (err) {
        failures.push(err); // try the others first; report every failure below
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} clusters could not be deleted: ${failures.map((f) => (f as Error).message).join("; ")}`);
  }

  private async finish(handle: KindClusterHandle, keep: boolean, timeoutMs: number): Promise<void> {
    this.held.delete(handle.name);
    this.keepers.delete(handle.name);
    if (keep) {
      await this.markKept(handle.name, true);
      await this.store.unclaim(handle.name);
      this.progress(`keeping cluster ${handle.name} (kubeconfig: ${handle.kubeconfigPath}); \`gameday clean\` removes it`);
      return;
    }
    this.progress(`deleting cluster ${handle.name}`);
    const report = await removeKindCluster(handle.name, { kind: this.kind, runtime: await this.runtime(), store: this.store }, timeoutMs);
    if (report.sweptContainers.length + report.sweptVolumes.length > 0) {
      this.progress(`kind left ${[...report.sweptContainers, ...report.sweptVolumes].join(", ")} behind; removed`);
    }
  }

  private async markKept(name: string, kept: boolean): Promise<void> {
    const record = await this.store.read(name);
    if (record) await this.store.write({ ...record, kept });
  }

  private async nodeImage(): Promise<string> {
    if (this.options.image) return this.options.image;
    const lock = await readKitLock();
    if (!lock.nodeImage) throw new KitLockError("clusters/images/kit.lock has no NODE_IMAGE");
    return lock.nodeImage;
  }

  private async reuse(requirements: ClusterRequirements, fingerprint: string, runId: string): Promise<KindClusterHandle | undefined> {
    for (const handle of this.held.values()) {
      if (reuseDecision(handle.record, requirements, fingerprint).reusable) {
        this.progress(`reusing cluster ${handle.name} from an earlier scenario of this run`);
        return handle;
      }
    }
    for (const record of await this.store.list()) {
      if (this.held.has(record.name)) continue;
      if (!reuseDecision(record, requirements, fingerprint).reusable) continue;
      if (await this.store.liveHolder(record.name)) continue;
      if (!(await this.store.claim(record.name, currentOwner(runId)))) continue;
      const problem = await this.healthProblem(record);
      if (problem) {
        await this.store.unclaim(record.name);
        this.progress(`not reusing cluster ${record.name}: ${problem} (\`gameday clean\` removes it)`);
        continue;
      }
      // Kept for this reuse only: the new run keeps it again only if it is told to.
      await this.markKept(record.name, false);
      const handle = new KindClusterHandle(this.runtime, { ...record, kept: false }, false);
      this.held.set(record.name, handle);
      this.progress(`reusing kept cluster ${record.name}`);
      return handle;
    }
    return undefined;
  }

  /** Why a recorded cluster cannot serve now, or undefined when its nodes run and its API answers. */
  private async healthProblem(record: ClusterRecord): Promise<string | undefined> {
    const runtime = await this.runtime();
    const containers = await withDeadline(
      runtime.container.dockerode.listContainers({ all: true, filters: { label: [`io.x-k8s.kind.cluster=${record.name}`] } }),
      HEALTH_TIMEOUT_MS,
      `listing the nodes of ${record.name}`,
    );
    if (containers.length < record.nodeCount) return `${containers.length} of ${record.nodeCount} node containers exist`;
    const stopped = containers.filter((c) => c.State !== "running");
    if (stopped.length > 0) return `node containers not running: ${stopped.map((c) => c.Names[0]).join(", ")}`;
    try {
      await apiServerVersion(record.kubeconfigPath, `kind-${record.name}`, HEALTH_TIMEOUT_MS);
    } catch (err) {
      return (err as Error).message;
    }
    return undefined;
  }

  private async create(
    requirements: ClusterRequirements,
    ctx: { runId: string; offline: boolean; image: string; base: Record<string, unknown> | undefined; fingerprint: string; left: () => number },
  ): Promise<KindClusterHandle> {
    if (ctx.offline && requirements.controlPlanes > 1) {
      throw new UnsupportedClusterError(
        `${requirements.controlPlanes} control planes need kind's load-balancer image, which the offline kit does not provide`,
        "use one control plane, or run without --offline so kind can pull its load balancer",
      );
    }
    const runtime = await this.runtime();
    if (!(await nodeImagePresent(runtime, ctx.image, ctx.left()))) {
      if (ctx.offline) throw new NodeImageMissingError(ctx.image);
      this.progress(`node image ${ctx.image} is not present locally: kind will pull it`);
    }

    const name = newClusterName(ctx.runId);
    const nodePorts = requirements.hostPorts ?? [];
    const chosen = await this.allocatePorts(nodePorts.length);
    const hostPorts = new Map(nodePorts.map((p, i) => [p, chosen[i] as number]));
    const config = buildKindConfig({ name, image: ctx.image, requirements, hostPorts, ...(ctx.base ? { base: ctx.base } : {}) });
    const owner = currentOwner(ctx.runId);
    const record: ClusterRecord = {
      version: 1,
      name,
      provider: "kind",
      state: "creating",
      createdBy: owner,
      fingerprint: ctx.fingerprint,
      dedicated: requirements.dedicated === true,
      kept: false,
      image: ctx.image,
      network: this.network,
      hostPorts: Object.fromEntries([...hostPorts].map(([node, host]) => [String(node), host])),
      volumes: [],
      nodeCount: requirements.controlPlanes + requirements.workers,
      kubeconfigPath: this.store.kubeconfigPath(name),
    };
    // Record and lease first: if the process dies inside `kind create`, clean still finds the cluster.
    await this.store.write(record);
    await this.store.claim(name, owner);

    this.progress(`creating cluster ${name} (${requirements.controlPlanes} control plane(s), ${requirements.workers} worker(s), image ${ctx.image})`);
    const started = performance.now();
    try {
      await this.kindCreate(record, renderKindConfig(config), ctx.left);
      // kind writes the file with the user's umask; it holds a client key.
      await chmod(record.kubeconfigPath, 0o600);
      const volumes = await clusterVolumes(runtime, name, ctx.left());
      await this.assertNetwork(runtime, name, ctx.left());
      const kubernetesVersion = await apiServerVersion(record.kubeconfigPath, `kind-${name}`, Math.min(ctx.left(), 30_000));
      const ready: ClusterRecord = { ...record, state: "ready", volumes, kubernetesVersion };
      await this.store.write(ready);
      this.progress(`cluster ${name} ready in ${Math.round((performance.now() - started) / 1000)}s (Kubernetes ${kubernetesVersion})`);
      const handle = new KindClusterHandle(this.runtime, ready, true);
      this.held.set(name, handle);
      return handle;
    } catch (err) {
      await this.cleanupFailedCreate(name);
      throw err;
    }
  }

  /** `kind create cluster`, tried a second time when the first failed for a transient runtime reason. */
  private async kindCreate(record: ClusterRecord, config: string, left: () => number): Promise<void> {
    const { name, kubeconfigPath } = record;
    for (let attempt = 1; ; attempt++) {
      const waitSeconds = Math.max(30, Math.floor((left() - 15_000) / 1000));
      try {
        await this.kind.run(["create", "cluster", "--config", "-", "--kubeconfig", kubeconfigPath, "--wait", `${waitSeconds}s`], {
          timeoutMs: left(),
          input: config,
          network: this.network,
          onProgress: (line) => this.progress(`  kind: ${line}`),
        });
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (attempt > 1 || !isTransientKindFailure(message) || left() < 120_000) throw err;
        this.progress(`kind could not create ${name} for a transient container-runtime reason; deleting what it left and trying once more`);
        await this.cleanupFailedCreate(name);
        // The removal dropped the record; write it and the lease again before kind starts over.
        await this.store.write(record);
        await this.store.claim(name, record.createdBy);
      }
    }
  }

  /** kind was told which network to use through an experimental variable: check it obeyed. */
  private async assertNetwork(runtime: ContainerRuntimeClient, name: string, timeoutMs: number): Promise<void> {
    const nodes = await labelledContainers(runtime, name, timeoutMs);
    const first = nodes[0];
    if (!first) throw new HarnessError("infrastructure", `kind reported cluster ${name} created, but no node container carries its label`);
    const info = await withDeadline(runtime.container.inspect(runtime.container.getById(first.id)), timeoutMs, `inspecting ${first.name}`);
    const networks = Object.keys(info.NetworkSettings.Networks ?? {});
    if (!networks.includes(this.network)) {
      throw new HarnessError("infrastructure", `node ${first.name} joined network(s) ${networks.join(", ")} instead of ${this.network}`, {
        hint: "this kind version ignores KIND_EXPERIMENTAL_DOCKER_NETWORK; use the kind pinned by the bootstrap (`gameday doctor`)",
      });
    }
  }

  private async cleanupFailedCreate(name: string): Promise<void> {
    this.progress(`creating ${name} failed; removing what it left`);
    try {
      await removeKindCluster(name, { kind: this.kind, runtime: await this.runtime(), store: this.store }, 120_000);
    } catch (cleanupErr) {
      // The creation error is the one to report; the leftover stays recorded for `gameday clean`.
      this.progress(`could not remove ${name} after the failed creation (${(cleanupErr as Error).message}); run \`gameday clean\``);
    }
  }
}
