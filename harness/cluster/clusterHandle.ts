// What the rest of the harness may know about a cluster, whoever provided it.
// Providers (kind, existing) implement ClusterProvider; the runner only sees ClusterHandle.

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ExecOptions {
  /** Hard deadline for the command; every external call has one. */
  timeoutMs: number;
  /** Bytes written to the command's standard input. */
  stdin?: string;
}

/** A node of the cluster the harness can reach directly (a kind node container). */
export interface NodeHandle {
  name: string;
  role: "control-plane" | "worker";
  /** Runs a command inside the node (not in a pod). */
  exec(argv: string[], options: ExecOptions): Promise<ExecResult>;
  /** Restarts the node's container, as a power cycle would. */
  restart(options: { timeoutMs: number }): Promise<void>;
  /** Reads a file from the node's filesystem. */
  readFile(path: string, options: { timeoutMs: number }): Promise<string>;
}

export interface ClusterHandle {
  /** "kind" or "existing". */
  provider: string;
  /** Cluster name (kind) or context name (existing). */
  name: string;
  /** Path of a kubeconfig file the harness owns for this cluster (never printed in reports). */
  kubeconfigPath: string;
  contextName: string;
  /** True only for clusters the harness created, or a context the user allowed by name. */
  faultsAllowed: boolean;
  /** Empty for providers that cannot reach nodes (existing clusters). */
  nodes(): Promise<NodeHandle[]>;
  /** Host port (on 127.0.0.1) mapped to a node port, when the cluster was created with one. */
  hostPort(containerPort: number): number | undefined;
  kubernetesVersion(): Promise<string>;
}

/** What a scenario asks of its cluster; providers decide whether an existing cluster fits. */
export interface ClusterRequirements {
  controlPlanes: number;
  workers: number;
  /** Semver range of Kubernetes versions the scenario supports, e.g. ">=1.34 <1.36". */
  kubernetes?: string;
  /** Node ports to map to 127.0.0.1 on the host, e.g. [80, 443] for an ingress controller. */
  hostPorts?: number[];
  /** The scenario mutates cluster-wide state (PKI, nodes) and needs a cluster of its own. */
  dedicated?: boolean;
  /**
   * Files to place on nodes before kubeadm runs (kind extraMounts), e.g. a pre-made short-lived CA.
   * `roles` limits a mount to control-plane or worker nodes (default: every node), so a CA's key
   * can be given to the control plane only, as kubeadm would have it.
   */
  extraMounts?: Array<{ hostPath: string; containerPath: string; readOnly?: boolean; roles?: Array<"control-plane" | "worker"> }>;
  /** kubeadm config patches (kind kubeadmConfigPatches), YAML documents. */
  kubeadmConfigPatches?: string[];
  /**
   * Images the scenario runs that the node image does not carry (addons such as an ingress
   * controller). Providers that can reach nodes load them on every acquire, so they are not part
   * of what makes two clusters interchangeable; the others assume the cluster can pull them.
   */
  images?: string[];
}

export interface ClusterProvider {
  /** Returns a cluster meeting the requirements: reuses a compatible one when it can. */
  acquire(requirements: ClusterRequirements, options: { runId: string; offline: boolean; timeoutMs: number }): Promise<ClusterHandle>;
  /** Deletes the cluster if the harness created it and was not told to keep it. */
  release(cluster: ClusterHandle, options: { keep: boolean; timeoutMs: number }): Promise<void>;
}
