// The scenario's own namespace: created with labels that say who made it (so a reaper can find
// leftovers of a crashed run), deleted in cleanup, and verified gone — a namespace stuck
// Terminating (finalizers!) is a leak the run must report, not ignore.

import type { KubeClients } from "./kubeClients.js";
import { isNotFound, toKubeApiError } from "./kubeApiError.js";
import { kubeJsonRequest } from "./kubeRawRequest.js";
import { serverSideApply } from "./serverSideApply.js";
import { waitForObjectPresence } from "./kubeWaits.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const RUN_ID_LABEL = "kube-gameday.dev/run-id";
export const SCENARIO_LABEL = "kube-gameday.dev/scenario";

/** "gd-<scenario>-<run>" cut to a valid DNS label (63 chars). */
export function scenarioNamespaceName(scenario: string, runId: string): string {
  const run = runId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(-8);
  const base = `gd-${scenario}`.slice(0, 63 - run.length - 1).replace(/-+$/, "");
  return `${base}-${run}`;
}

export async function createNamespace(
  clients: KubeClients,
  name: string,
  labels: { runId: string; scenario: string },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  await serverSideApply(
    clients,
    [
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name,
          labels: { [MANAGED_BY_LABEL]: "kube-gameday", [RUN_ID_LABEL]: labels.runId.toLowerCase().replace(/[^a-z0-9-_.]/g, "-").slice(0, 63), [SCENARIO_LABEL]: labels.scenario },
        },
      },
    ],
    { namespace: name, ...options },
  );
}

/** Deletes the namespace and waits until it is gone; returns what was seen. */
export async function deleteNamespace(clients: KubeClients, name: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  try {
    await kubeJsonRequest(clients.config, `/api/v1/namespaces/${encodeURIComponent(name)}`, {
      method: "DELETE",
      timeoutMs: Math.min(options.timeoutMs, clients.requestTimeoutMs),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (!isNotFound(error)) throw toKubeApiError(`delete namespace ${name}`, error);
  }
  return waitForObjectPresence(clients, { apiVersion: "v1", kind: "Namespace", name }, "absent", options);
}
