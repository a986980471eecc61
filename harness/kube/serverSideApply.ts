// Server-side apply of objects, as `kubectl apply --server-side --force-conflicts` does: the API
// server merges and tracks field ownership, so re-applying is idempotent and a scenario can take
// fields over from controllers on purpose (a fault often is exactly that).

import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClients } from "./kubeClients.js";
import { pause, withDeadline } from "./deadline.js";
import { kubeJsonRequest } from "./kubeRawRequest.js";
import { toKubeApiError } from "./kubeApiError.js";

export const FIELD_MANAGER = "kube-gameday";

export interface ApplyOptions {
  /** Namespace for namespaced objects that do not name one (without it, such objects are refused). */
  namespace?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fieldManager?: string;
}

/** Applies in order (so a CRD or Namespace precedes its users) and returns "Kind ns/name" per object. */
export async function serverSideApply(clients: KubeClients, objects: KubernetesObject[], options: ApplyOptions): Promise<string[]> {
  const applied: string[] = [];
  for (const original of objects) {
    const object: KubernetesObject = structuredClone(original);
    const apiVersion = object.apiVersion ?? "";
    const kind = object.kind ?? "";
    const namespaced = await discoverScope(clients, apiVersion, kind, options);
    if (namespaced && !object.metadata?.namespace) {
      if (!options.namespace) throw new Error(`${kind} ${object.metadata?.name ?? "?"} names no namespace and none was given: set metadata.namespace or pass one`);
      object.metadata = { ...object.metadata, namespace: options.namespace };
    }
    if (!namespaced && object.metadata?.namespace) delete object.metadata.namespace;
    const label = `${kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata?.name ?? "?"}`;
    try {
      // Sent as raw JSON (JSON is YAML): the typed client would drop fields its models do not know,
      // hiding typos and newer API fields from the server's validation.
      const path = await clients.objects.objectPath(apiVersion, kind, object.metadata?.name ?? "", object.metadata?.namespace);
      const query = new URLSearchParams({ fieldManager: options.fieldManager ?? FIELD_MANAGER, force: "true" });
      await kubeJsonRequest(clients.config, `${path}?${query}`, {
        method: "PATCH",
        body: JSON.stringify(object),
        headers: { "Content-Type": PatchStrategy.ServerSideApply },
        timeoutMs: Math.min(options.timeoutMs, clients.requestTimeoutMs),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw toKubeApiError(`apply ${label}`, error);
    }
    applied.push(label);
  }
  return applied;
}

/**
 * Whether the kind is namespaced. A kind whose CRD was applied a moment ago is not served until the
 * CRD is Established, so discovery is retried (with a fresh cache) for a few seconds before failing.
 */
async function discoverScope(clients: KubeClients, apiVersion: string, kind: string, options: ApplyOptions): Promise<boolean> {
  const attempts = 10;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withDeadline(clients.objects.isNamespaced(apiVersion, kind), clients.requestTimeoutMs, `discover ${kind}`, options.signal);
    } catch (error) {
      if (attempt >= attempts || options.signal?.aborted) throw toKubeApiError(`discover ${apiVersion} ${kind}`, error);
      clients.objects.forget(apiVersion);
      await pause(500, options.signal);
    }
  }
}
