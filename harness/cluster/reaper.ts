// `gameday clean`: finds everything the harness created — from state records (written before any
// cluster exists, so crashed runs are covered) and from Docker labels — and removes it. It removes
// only what is provably the harness's: recorded clusters with a gameday- name, their node containers
// and volumes, and the harness's own Docker network once nothing is attached to it. Clusters in use
// by a live run are left alone unless forced; gameday-* clusters without a record are reported, and
// removed only when asked (they may belong to another state directory's runs).
import type { ContainerRuntimeClient } from "testcontainers";

import { isHarnessClusterName } from "./clusterName.js";
import { GAMEDAY_NETWORK } from "./gamedayNetwork.js";
import type { KindCli } from "./kindCli.js";
import { removeKindCluster } from "./kindClusterRemover.js";
import { KIND_CLUSTER_LABEL } from "./kindLabels.js";
import type { StateStore } from "./stateStore.js";
import { withDeadline } from "./withDeadline.js";

export interface CleanOptions {
  /** Also remove clusters whose lease is held by a live run. */
  force: boolean;
  /** Also remove gameday-* kind clusters that have no state record. */
  includeUnrecorded: boolean;
  /** Only report what would be removed. */
  dryRun: boolean;
  timeoutMs: number;
  onProgress?: (line: string) => void;
}

export interface CleanReport {
  removedClusters: string[];
  /** Containers/volumes kind did not remove itself and the reaper did. */
  sweptObjects: string[];
  removedNetworks: string[];
  skipped: Array<{ name: string; reason: string }>;
  failures: Array<{ name: string; error: string }>;
  /** With dryRun: what would have been removed. */
  wouldRemove: string[];
}

export interface ReaperDeps {
  store: StateStore;
  kind: KindCli;
  runtime: ContainerRuntimeClient;
}

export async function reap(deps: ReaperDeps, options: CleanOptions): Promise<CleanReport> {
  const report: CleanReport = { removedClusters: [], sweptObjects: [], removedNetworks: [], skipped: [], failures: [], wouldRemove: [] };
  const deadline = performance.now() + options.timeoutMs;
  const left = () => Math.max(1_000, deadline - performance.now());
  const say = options.onProgress ?? (() => undefined);

  const targets: string[] = [];
  const records = await deps.store.list();
  const recorded = new Set(records.map((r) => r.name));
  for (const record of records) {
    if (!isHarnessClusterName(record.name)) {
      report.skipped.push({ name: record.name, reason: "the record does not name a gameday- cluster; remove the record by hand" });
      continue;
    }
    const holder = await deps.store.liveHolder(record.name);
    if (holder && holder.pid !== process.pid && !options.force) {
      report.skipped.push({ name: record.name, reason: `in use by run ${holder.runId} (pid ${holder.pid} on ${holder.host}); --force removes it anyway` });
      continue;
    }
    targets.push(record.name);
  }

  for (const name of await labelledClusterNames(deps.runtime, left())) {
    if (recorded.has(name) || !isHarnessClusterName(name)) continue;
    if (options.includeUnrecorded) targets.push(name);
    else report.skipped.push({ name, reason: "no state record (another state directory's run?); --include-unrecorded removes it" });
  }

  for (const name of targets) {
    if (options.dryRun) {
      report.wouldRemove.push(`cluster ${name}`);
      continue;
    }
    say(`removing cluster ${name}`);
    try {
      const removal = await removeKindCluster(name, deps, left());
      report.removedClusters.push(name);
      report.sweptObjects.push(...removal.sweptContainers.map((c) => `container ${c} (left by kind)`), ...removal.sweptVolumes.map((v) => `volume ${v} (left by kind)`));
    } catch (err) {
      report.failures.push({ name, error: (err as Error).message });
    }
  }

  await removeNetworkIfUnused(deps.runtime, GAMEDAY_NETWORK, options, report, left());
  await removeOrphanKubeconfigs(deps.store, options, report);
  return report;
}

/**
 * Kubeconfig copies hold credentials. A copy without a cluster record (an existing context's copy
 * from a crashed run, or one whose record was removed by hand) goes, unless the run that leased it
 * is still alive.
 */
async function removeOrphanKubeconfigs(store: StateStore, options: CleanOptions, report: CleanReport): Promise<void> {
  const records = new Set((await store.list()).map((r) => r.name));
  for (const name of await store.kubeconfigNames()) {
    if (records.has(name)) continue;
    const holder = await store.liveHolder(name);
    if (holder && holder.pid !== process.pid && !options.force) {
      report.skipped.push({ name: `kubeconfig copy ${name}`, reason: `in use by run ${holder.runId} (pid ${holder.pid})` });
      continue;
    }
    if (options.dryRun) {
      report.wouldRemove.push(`kubeconfig copy ${name}`);
      continue;
    }
    await store.remove(name);
    report.sweptObjects.push(`kubeconfig copy ${name}`);
  }
}

/** Names of every kind cluster that has node containers, from the kind label. */
async function labelledClusterNames(runtime: ContainerRuntimeClient, timeoutMs: number): Promise<string[]> {
  const list = await withDeadline(runtime.container.dockerode.listContainers({ all: true, filters: { label: [KIND_CLUSTER_LABEL] } }), timeoutMs, "listing kind node containers");
  return [...new Set(list.map((c) => c.Labels[KIND_CLUSTER_LABEL]).filter((n): n is string => typeof n === "string"))].sort();
}

async function removeNetworkIfUnused(runtime: ContainerRuntimeClient, name: string, options: CleanOptions, report: CleanReport, timeoutMs: number): Promise<void> {
  const docker = runtime.container.dockerode;
  const networks = await withDeadline(docker.listNetworks({ filters: { name: [name] } }), timeoutMs, "listing Docker networks");
  // The name filter matches substrings; only the exact name is the harness's.
  for (const network of networks.filter((n) => n.Name === name)) {
    const info = await withDeadline(docker.getNetwork(network.Id).inspect(), timeoutMs, `inspecting network ${name}`);
    const attached = Object.keys((info as { Containers?: Record<string, unknown> }).Containers ?? {}).length;
    if (attached > 0) {
      report.skipped.push({ name: `network ${name}`, reason: `${attached} container(s) still attached` });
      continue;
    }
    if (options.dryRun) {
      report.wouldRemove.push(`network ${name}`);
      continue;
    }
    try {
      await withDeadline(docker.getNetwork(network.Id).remove(), timeoutMs, `removing network ${name}`);
      report.removedNetworks.push(name);
    } catch (err) {
      report.failures.push({ name: `network ${name}`, error: (err as Error).message });
    }
  }
}
