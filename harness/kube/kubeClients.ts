// One bundle of API clients per cluster, built from the kubeconfig file the cluster provider owns.
// Everything in kube/ takes this bundle, so tests and steps never build their own clients.

import {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  Watch,
} from "@kubernetes/client-node";
import { ResourceLocator } from "./resourceLocator.js";

export interface KubeClients {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  /** Generic access by apiVersion/kind (apply/patch/delete of arbitrary manifests) plus collection paths for watches. */
  objects: ResourceLocator;
  watch: Watch;
  /** Default deadline for a single API request, in ms. */
  requestTimeoutMs: number;
}

export function createKubeClients(kubeconfigPath: string, contextName?: string, requestTimeoutMs = 30_000): KubeClients {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  if (contextName) {
    if (!config.getContextObject(contextName)) {
      throw new Error(`context "${contextName}" is not in ${kubeconfigPath}: pass one of ${config.getContexts().map((c) => c.name).join(", ")}`);
    }
    config.setCurrentContext(contextName);
  }
  return {
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    discovery: config.makeApiClient(DiscoveryV1Api),
    objects: config.makeApiClient(ResourceLocator),
    watch: new Watch(config),
    requestTimeoutMs,
  };
}
