// A cluster the user already has, named by a kubeconfig context. The harness never creates or
// deletes anything here; it copies that one context into a private kubeconfig (so nothing can
// drift to another context) and allows faults only when --allow-context named exactly this context.
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";

import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import semver from "semver";

import { apiServerVersion } from "./apiServerVersion.js";
import type { ClusterHandle, ClusterProvider, ClusterRequirements, NodeHandle } from "./clusterHandle.js";
import { HarnessError } from "./harnessError.js";
import { currentOwner, StateStore } from "./stateStore.js";
import { withDeadline } from "./withDeadline.js";

export class ExistingContextError extends HarnessError {
  constructor(message: string, hint: string) {
    super("input", message, { hint });
  }
}

export interface ExistingProviderOptions {
  context: string;
  /** The value of --allow-context; faults are allowed only when it equals `context` exactly. */
  allowContext?: string;
  /** Kubeconfig to read; default: $KUBECONFIG or ~/.kube/config (client-node's rules). */
  kubeconfig?: string;
  store?: StateStore;
}

/** Faults are allowed on an existing context only when the user named that very context. */
export function faultsAllowedFor(context: string, allowContext: string | undefined): boolean {
  return allowContext !== undefined && allowContext !== "" && allowContext === context;
}

class ExistingClusterHandle implements ClusterHandle {
  readonly provider = "existing";
  constructor(
    readonly name: string,
    readonly contextName: string,
    readonly kubeconfigPath: string,
    readonly faultsAllowed: boolean,
  ) {}
  async nodes(): Promise<NodeHandle[]> {
    return []; // no direct node access on clusters the harness does not run
  }
  hostPort(): number | undefined {
    return undefined;
  }
  async kubernetesVersion(): Promise<string> {
    return apiServerVersion(this.kubeconfigPath, this.contextName, 15_000);
  }
}

/**
 * A kubeconfig holding only `context` with its cluster and user, read from `file` (default:
 * $KUBECONFIG or ~/.kube/config). Clients built from it cannot reach any other context.
 */
export function narrowKubeconfig(file: string | undefined, context: string): KubeConfig {
  const source = new KubeConfig();
  if (file) source.loadFromFile(file);
  else source.loadFromDefault();
  const ctx = source.getContextObject(context);
  if (!ctx) {
    const known = source.getContexts().map((c) => c.name);
    throw new ExistingContextError(`no context "${context}" in the kubeconfig`, known.length > 0 ? `known contexts: ${known.join(", ")}` : "set KUBECONFIG to the file that defines it");
  }
  const cluster = source.getCluster(ctx.cluster);
  if (!cluster) throw new ExistingContextError(`context "${context}" refers to a missing cluster entry "${ctx.cluster}"`, "fix the kubeconfig");
  const user = ctx.user ? source.getUser(ctx.user) : null;
  const narrowed = new KubeConfig();
  narrowed.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: context });
  return narrowed;
}

export class ExistingProvider implements ClusterProvider {
  private readonly store: StateStore;
  constructor(private readonly options: ExistingProviderOptions) {
    this.store = options.store ?? new StateStore();
  }

  async acquire(requirements: ClusterRequirements, options: { runId: string; offline: boolean; timeoutMs: number }): Promise<ClusterHandle> {
    const { context } = this.options;
    const unsupported = [
      requirements.dedicated ? "a dedicated cluster" : undefined,
      (requirements.hostPorts ?? []).length > 0 ? "host port mappings" : undefined,
      (requirements.extraMounts ?? []).length > 0 ? "files mounted into nodes" : undefined,
      (requirements.kubeadmConfigPatches ?? []).length > 0 ? "kubeadm patches" : undefined,
    ].filter((x): x is string => x !== undefined);
    if (unsupported.length > 0) {
      throw new ExistingContextError(`the scenario needs ${unsupported.join(", ")}, which only a cluster the harness creates can provide`, "run it without --context (on kind)");
    }

    const narrowed = narrowKubeconfig(this.options.kubeconfig, context);
    await this.store.ensure();
    const copyName = `existing-${options.runId}-${context.replace(/[^A-Za-z0-9_.-]+/g, "_")}`;
    const path = this.store.kubeconfigPath(copyName);
    // The lease tells `gameday clean` the copy belongs to a live run; a crashed run's copy is swept.
    await this.store.claim(copyName, currentOwner(options.runId));
    await writeFile(path, narrowed.exportConfig(), { mode: 0o600 });
    try {
      await this.checkFits(narrowed, path, requirements, options.timeoutMs);
    } catch (err) {
      await this.store.remove(copyName); // a copy of credentials must not outlive a failed acquire
      throw err;
    }
    return new ExistingClusterHandle(context, context, path, faultsAllowedFor(context, this.options.allowContext));
  }

  private async checkFits(kc: KubeConfig, path: string, requirements: ClusterRequirements, timeoutMs: number): Promise<void> {
    const { context } = this.options;
    const version = await apiServerVersion(path, context, Math.min(timeoutMs, 30_000));
    if (requirements.kubernetes) {
      const v = semver.coerce(version);
      if (!v || !semver.satisfies(v, requirements.kubernetes)) {
        throw new ExistingContextError(`context "${context}" runs Kubernetes ${version}, the scenario needs "${requirements.kubernetes}"`, "pick another context, or run on kind");
      }
    }
    const needed = requirements.controlPlanes + requirements.workers;
    const nodes = await withDeadline(kc.makeApiClient(CoreV1Api).listNode(), Math.min(timeoutMs, 30_000), `listing nodes of context "${context}"`);
    if (nodes.items.length < needed) {
      throw new ExistingContextError(`context "${context}" has ${nodes.items.length} node(s), the scenario needs ${needed}`, "pick a larger cluster, or run on kind");
    }
  }

  async release(cluster: ClusterHandle): Promise<void> {
    // Nothing in the cluster is ours to delete; only the private kubeconfig copy (and its lease) goes.
    await this.store.remove(basename(cluster.kubeconfigPath, ".yaml"));
  }
}
