// Deletes one harness-created kind cluster and proves nothing of it is left: `kind delete`, then a
// look for containers still labelled with the cluster's name and for the anonymous volumes that
// were recorded at creation; leftovers are removed directly, and what cannot be removed is an error.
import type { ContainerRuntimeClient } from "testcontainers";

import { assertHarnessClusterName } from "./clusterName.js";
import { HarnessError } from "./harnessError.js";
import type { KindCli } from "./kindCli.js";
import { KIND_CLUSTER_LABEL } from "./kindLabels.js";
import type { StateStore } from "./stateStore.js";
import { withDeadline } from "./withDeadline.js";

export class ClusterLeakError extends HarnessError {
  constructor(
    readonly cluster: string,
    readonly leftovers: string[],
  ) {
    super("infrastructure", `cluster ${cluster} was deleted but left ${leftovers.join(", ")}`, {
      hint: "inspect them with `docker ps -a` / `docker volume ls`, then run `gameday clean`",
    });
  }
}

export interface RemovalReport {
  cluster: string;
  /** Containers and volumes kind left behind that the harness removed itself. */
  sweptContainers: string[];
  sweptVolumes: string[];
}

export interface RemoverDeps {
  kind: KindCli;
  runtime: ContainerRuntimeClient;
  store: StateStore;
}

export async function removeKindCluster(name: string, deps: RemoverDeps, timeoutMs: number): Promise<RemovalReport> {
  // The name check is the last line of defence: this function never deletes a cluster the
  // harness did not name.
  assertHarnessClusterName(name);
  const deadline = performance.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - performance.now());

  const record = await deps.store.read(name);
  if (record) await deps.store.write({ ...record, state: "deleting" });
  const volumes = new Set<string>(record?.volumes ?? []);
  for (const volume of await clusterVolumes(deps.runtime, name, left())) volumes.add(volume);

  const kubeconfigArgs = record ? ["--kubeconfig", record.kubeconfigPath] : [];
  await deps.kind.run(["delete", "cluster", "--name", name, ...kubeconfigArgs], { timeoutMs: left() });

  const report: RemovalReport = { cluster: name, sweptContainers: [], sweptVolumes: [] };
  const docker = deps.runtime.container.dockerode;
  for (const c of await labelledContainers(deps.runtime, name, left())) {
    await withDeadline(docker.getContainer(c.id).remove({ force: true, v: true }), left(), `removing container ${c.name}`);
    report.sweptContainers.push(c.name);
  }
  for (const volume of volumes) {
    if (await removeVolumeIfPresent(deps.runtime, volume, left())) report.sweptVolumes.push(volume);
  }

  const leftovers = [
    ...(await labelledContainers(deps.runtime, name, left())).map((c) => `container ${c.name}`),
    ...(await existingVolumes(deps.runtime, [...volumes], left())).map((v) => `volume ${v}`),
  ];
  if (leftovers.length > 0) throw new ClusterLeakError(name, leftovers);
  await deps.store.remove(name);
  return report;
}

interface ContainerRef {
  id: string;
  name: string;
}

export async function labelledContainers(runtime: ContainerRuntimeClient, cluster: string, timeoutMs: number): Promise<ContainerRef[]> {
  const list = await withDeadline(
    runtime.container.dockerode.listContainers({ all: true, filters: { label: [`${KIND_CLUSTER_LABEL}=${cluster}`] } }),
    timeoutMs,
    `listing containers of cluster ${cluster}`,
  );
  return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, "") }));
}

/** Names of the Docker volumes mounted into the cluster's node containers (kind's anonymous /var). */
export async function clusterVolumes(runtime: ContainerRuntimeClient, cluster: string, timeoutMs: number): Promise<string[]> {
  const list = await withDeadline(
    runtime.container.dockerode.listContainers({ all: true, filters: { label: [`${KIND_CLUSTER_LABEL}=${cluster}`] } }),
    timeoutMs,
    `listing containers of cluster ${cluster}`,
  );
  return list.flatMap((c) => c.Mounts.filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name as string));
}

async function removeVolumeIfPresent(runtime: ContainerRuntimeClient, volume: string, timeoutMs: number): Promise<boolean> {
  try {
    await withDeadline(runtime.container.dockerode.getVolume(volume).remove(), timeoutMs, `removing volume ${volume}`);
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false; // already gone with its container
    throw err;
  }
}

async function existingVolumes(runtime: ContainerRuntimeClient, volumes: string[], timeoutMs: number): Promise<string[]> {
  const present: string[] = [];
  for (const volume of volumes) {
    try {
      await withDeadline(runtime.container.dockerode.getVolume(volume).inspect(), timeoutMs, `inspecting volume ${volume}`);
      present.push(volume);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
  }
  return present;
}
