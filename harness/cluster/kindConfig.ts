// Turns what a scenario asks for (ClusterRequirements) into a kind Cluster config (v1alpha4).
// Pure: no I/O, so the mapping is unit-tested; the provider supplies the image and the host ports.
import { isAbsolute } from "node:path";

import { stringify } from "yaml";

import type { ClusterRequirements } from "./clusterHandle.js";
import { assertHarnessClusterName } from "./clusterName.js";
import { HarnessError } from "./harnessError.js";

/** Host-side address of every port mapping: the harness never exposes a cluster beyond this host. */
export const LISTEN_ADDRESS = "127.0.0.1";

/** Node label of the node that carries the host port mappings (ingress controllers select it). */
export const HOST_PORTS_NODE_LABEL = "ingress-ready";

export class InvalidRequirementsError extends HarnessError {
  constructor(message: string) {
    super("input", `invalid cluster requirements: ${message}`, { hint: "fix the scenario's cluster section" });
  }
}

export interface KindPortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: "TCP";
}

export interface KindMount {
  hostPath: string;
  containerPath: string;
  readOnly?: boolean;
}

export interface KindNode {
  role: "control-plane" | "worker";
  image: string;
  labels?: Record<string, string>;
  extraMounts?: KindMount[];
  extraPortMappings?: KindPortMapping[];
}

export interface KindClusterConfig {
  kind: "Cluster";
  apiVersion: "kind.x-k8s.io/v1alpha4";
  name: string;
  networking: { apiServerAddress: string } & Record<string, unknown>;
  nodes: KindNode[];
  kubeadmConfigPatches?: string[];
  /** Other top-level fields come from the kit's base config (containerdConfigPatches, featureGates…). */
  [key: string]: unknown;
}

export interface KindConfigInput {
  name: string;
  image: string;
  requirements: ClusterRequirements;
  /** Host port chosen for each requested node port (containerPort → hostPort). */
  hostPorts: ReadonlyMap<number, number>;
  /**
   * A kind Cluster config from the kit (clusters/kind/base.yaml) whose top-level fields apply to
   * every cluster; its kubeadmConfigPatches come before the scenario's. Its nodes are ignored.
   */
  base?: Record<string, unknown>;
}

export function validateRequirements(req: ClusterRequirements): void {
  if (!Number.isInteger(req.controlPlanes) || req.controlPlanes < 1) throw new InvalidRequirementsError(`controlPlanes must be an integer ≥ 1, got ${String(req.controlPlanes)}`);
  if (!Number.isInteger(req.workers) || req.workers < 0) throw new InvalidRequirementsError(`workers must be an integer ≥ 0, got ${String(req.workers)}`);
  const seen = new Set<number>();
  for (const port of req.hostPorts ?? []) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidRequirementsError(`hostPorts: ${String(port)} is not a port number`);
    if (seen.has(port)) throw new InvalidRequirementsError(`hostPorts: ${port} is listed twice`);
    seen.add(port);
  }
  for (const mount of req.extraMounts ?? []) {
    // kind resolves relative host paths against its own working directory, which is not the
    // scenario's folder; the scenario loader must hand over absolute paths.
    if (!isAbsolute(mount.hostPath)) throw new InvalidRequirementsError(`extraMounts: hostPath "${mount.hostPath}" must be absolute`);
    if (!mount.containerPath.startsWith("/")) throw new InvalidRequirementsError(`extraMounts: containerPath "${mount.containerPath}" must be absolute`);
    for (const role of mount.roles ?? []) {
      if (role !== "control-plane" && role !== "worker") throw new InvalidRequirementsError(`extraMounts: role "${String(role)}" is neither control-plane nor worker`);
    }
  }
  for (const [i, patch] of (req.kubeadmConfigPatches ?? []).entries()) {
    if (patch.trim() === "") throw new InvalidRequirementsError(`kubeadmConfigPatches[${i}] is empty`);
  }
}

export function buildKindConfig(input: KindConfigInput): KindClusterConfig {
  const { requirements: req } = input;
  assertHarnessClusterName(input.name);
  validateRequirements(req);
  for (const port of req.hostPorts ?? []) {
    if (!input.hostPorts.has(port)) throw new InvalidRequirementsError(`no host port was allocated for node port ${port}`);
  }

  const base = { ...(input.base ?? {}) };
  delete base.nodes;
  delete base.name;
  const baseNetworking = isRecord(base.networking) ? base.networking : {};
  const basePatches = Array.isArray(base.kubeadmConfigPatches) ? base.kubeadmConfigPatches.filter((p): p is string => typeof p === "string") : [];

  const mountsFor = (role: KindNode["role"]): KindMount[] =>
    (req.extraMounts ?? [])
      .filter((m) => m.roles === undefined || m.roles.includes(role))
      .map((m) => ({ hostPath: m.hostPath, containerPath: m.containerPath, ...(m.readOnly ? { readOnly: true } : {}) }));

  const nodes: KindNode[] = [];
  for (let i = 0; i < req.controlPlanes; i++) {
    const node: KindNode = { role: "control-plane", image: input.image };
    const mounts = mountsFor("control-plane");
    if (mounts.length > 0) node.extraMounts = mounts;
    // Port mappings exist once per host port, so only the first control plane carries them; the
    // label lets an ingress controller be pinned to that node.
    if (i === 0 && (req.hostPorts ?? []).length > 0) {
      node.labels = { [HOST_PORTS_NODE_LABEL]: "true" };
      node.extraPortMappings = (req.hostPorts ?? []).map((containerPort) => ({
        containerPort,
        hostPort: input.hostPorts.get(containerPort) as number,
        listenAddress: LISTEN_ADDRESS,
        protocol: "TCP",
      }));
    }
    nodes.push(node);
  }
  for (let i = 0; i < req.workers; i++) {
    const node: KindNode = { role: "worker", image: input.image };
    const mounts = mountsFor("worker");
    if (mounts.length > 0) node.extraMounts = mounts;
    nodes.push(node);
  }

  const patches = [...basePatches, ...(req.kubeadmConfigPatches ?? [])];
  const config: KindClusterConfig = {
    ...base,
    kind: "Cluster",
    apiVersion: "kind.x-k8s.io/v1alpha4",
    name: input.name,
    // The API server is published on the host; loopback keeps it off every other interface.
    networking: { ...baseNetworking, apiServerAddress: LISTEN_ADDRESS },
    nodes,
  };
  if (patches.length > 0) config.kubeadmConfigPatches = patches;
  return config;
}

export function renderKindConfig(config: KindClusterConfig): string {
  return stringify(config, { lineWidth: 0 });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
