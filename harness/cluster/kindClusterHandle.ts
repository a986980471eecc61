// The ClusterHandle of a cluster the harness created with kind: faults are allowed (the harness
// owns it), nodes are the kind node containers, host ports come from the cluster's record.
import type { ContainerRuntimeClient } from "testcontainers";

import { apiServerVersion } from "./apiServerVersion.js";
import type { ClusterHandle, NodeHandle } from "./clusterHandle.js";
import { KIND_CLUSTER_LABEL, KIND_ROLE_LABEL } from "./kindLabels.js";
import { KindNodeHandle } from "./kindNodeHandle.js";
import type { ClusterRecord } from "./stateStore.js";
import { withDeadline } from "./withDeadline.js";

const LIST_TIMEOUT_MS = 15_000;
const VERSION_TIMEOUT_MS = 15_000;

export class KindClusterHandle implements ClusterHandle {
  readonly provider = "kind";
  readonly faultsAllowed = true;
  readonly name: string;
  readonly kubeconfigPath: string;
  readonly contextName: string;
  /** Whether this run created the cluster (false: reused from an earlier run or scenario). */
  readonly createdByThisRun: boolean;
  private readonly hostPorts: ReadonlyMap<number, number>;

  constructor(
    private readonly runtime: () => Promise<ContainerRuntimeClient>,
    readonly record: ClusterRecord,
    createdByThisRun: boolean,
  ) {
    this.name = record.name;
    this.kubeconfigPath = record.kubeconfigPath;
    this.contextName = `kind-${record.name}`;
    this.createdByThisRun = createdByThisRun;
    this.hostPorts = new Map(Object.entries(record.hostPorts).map(([node, host]) => [Number(node), host]));
  }

  async nodes(): Promise<NodeHandle[]> {
    const runtime = await this.runtime();
    const containers = await withDeadline(
      runtime.container.dockerode.listContainers({ all: true, filters: { label: [`${KIND_CLUSTER_LABEL}=${this.name}`] } }),
      LIST_TIMEOUT_MS,
      `listing the nodes of ${this.name}`,
    );
    const nodes: KindNodeHandle[] = [];
    for (const c of containers) {
      const role = c.Labels[KIND_ROLE_LABEL];
      // The external load balancer of multi-control-plane clusters is not a Kubernetes node.
      if (role !== "control-plane" && role !== "worker") continue;
      const name = (c.Names[0] ?? c.Id).replace(/^\//, "");
      nodes.push(new KindNodeHandle(runtime, this.name, name, role));
    }
    return nodes.sort((a, b) => a.name.localeCompare(b.name));
  }

  hostPort(containerPort: number): number | undefined {
    return this.hostPorts.get(containerPort);
  }

  async kubernetesVersion(): Promise<string> {
    return apiServerVersion(this.kubeconfigPath, this.contextName, VERSION_TIMEOUT_MS);
  }
}
