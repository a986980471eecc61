// List-then-watch over a set of objects, handing the caller a fresh snapshot after the initial list
// and after every change. This is what every wait and watch-based check is built on: conditions are
// evaluated when the API says something changed, not on a timer. A watch that ends (server timeout,
// 410 Gone, network blip) is resumed by listing again, so no change is missed for long.

import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeClients } from "./kubeClients.js";
import { abortReason, DeadlineExceededError, pause, withDeadline } from "./deadline.js";
import { kubeRawRequest } from "./kubeRawRequest.js";
import { toKubeApiError } from "./kubeApiError.js";

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  /** Omit for cluster-scoped kinds or to watch all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type Snapshot = KubernetesObject[];

const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Calls `onSnapshot` with all matching objects after the first list and after each change, until
 * `signal` aborts (then resolves). Rejects when the API keeps failing (after a few retries).
 */
export async function watchObjects(
  clients: KubeClients,
  target: WatchTarget,
  onSnapshot: (objects: Snapshot) => void,
  signal: AbortSignal,
): Promise<void> {
  const path = await withDeadline(
    clients.objects.collectionPath(target.apiVersion, target.kind, target.namespace),
    clients.requestTimeoutMs,
    `discover ${target.kind}`,
    signal,
  );
  let failures = 0;
  while (!signal.aborted) {
    try {
      const { objects, resourceVersion } = await listObjects(clients, path, target, signal);
      failures = 0;
      const current = new Map(objects.map((object) => [keyOf(object), object]));
      onSnapshot([...current.values()]);
      await streamChanges(clients, path, target, resourceVersion, current, onSnapshot, signal);
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      if (failures >= MAX_CONSECUTIVE_FAILURES) throw toKubeApiError(`watch ${target.kind} at ${path}`, error);
      await pause(250 * 2 ** failures, signal).catch(() => undefined);
    }
  }
}

/** Waits until `predicate` says done for a snapshot; rejects with DeadlineExceededError carrying the last detail. */
export async function waitForObjects(
  clients: KubeClients,
  target: WatchTarget,
  predicate: (objects: Snapshot) => { done: boolean; detail: string },
  options: { timeoutMs: number; what: string; signal?: AbortSignal },
): Promise<string> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(abortReason(options.signal, options.what));
  options.signal?.addEventListener("abort", onParentAbort, { once: true });
  let lastDetail = "nothing listed yet";
  let result: string | undefined;
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(options.what, options.timeoutMs, lastDetail)), options.timeoutMs);
  try {
    await watchObjects(
      clients,
      target,
      (objects) => {
        if (result !== undefined) return;
        const verdict = predicate(objects);
        lastDetail = verdict.detail;
        if (verdict.done) {
          result = verdict.detail;
          controller.abort();
        }
      },
      controller.signal,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onParentAbort);
  }
  if (result !== undefined) return result;
  throw abortReason(controller.signal, options.what);
}

async function listObjects(
  clients: KubeClients,
  path: string,
  target: WatchTarget,
  signal: AbortSignal,
): Promise<{ objects: KubernetesObject[]; resourceVersion: string | undefined }> {
  const query = new URLSearchParams();
  if (target.labelSelector) query.set("labelSelector", target.labelSelector);
  if (target.fieldSelector) query.set("fieldSelector", target.fieldSelector);
  const suffix = query.size > 0 ? `?${query}` : "";
  const response = await kubeRawRequest(clients.config, path + suffix, { timeoutMs: clients.requestTimeoutMs, signal });
  if (response.status !== 200) {
    const error = Object.assign(new Error(`list ${path}: HTTP ${response.status}`), { code: response.status, body: response.body });
    throw error;
  }
  const list = JSON.parse(response.body) as { items?: KubernetesObject[]; metadata?: { resourceVersion?: string } };
  // Items of a list carry no kind; put it back so predicates can rely on it.
  const items = (list.items ?? []).map((item) => ({ apiVersion: target.apiVersion, kind: target.kind, ...item }));
  return { objects: items, resourceVersion: list.metadata?.resourceVersion };
}

function streamChanges(
  clients: KubeClients,
  path: string,
  target: WatchTarget,
  resourceVersion: string | undefined,
  current: Map<string, KubernetesObject>,
  onSnapshot: (objects: Snapshot) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let controller: AbortController | undefined;
    let endedByUs = false;
    const stop = () => {
      endedByUs = true;
      controller?.abort();
    };
    signal.addEventListener("abort", stop, { once: true });
    const finish = (error?: unknown) => {
      signal.removeEventListener("abort", stop);
      if (error && !signal.aborted && !endedByUs) reject(error);
      else resolve();
    };
    clients.watch
      .watch(
        path,
        {
          resourceVersion,
          labelSelector: target.labelSelector,
          fieldSelector: target.fieldSelector,
          allowWatchBookmarks: true,
          // The server ends the watch after this; we re-list, which also bounds staleness.
          timeoutSeconds: 240,
        },
        // client-node types watch payloads as `any`: they are raw JSON objects of the watched kind.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (type: string, object: any) => {
          if (type === "ERROR") {
            // 410 Gone: our resourceVersion is too old; end this watch so the loop lists again.
            stop();
            return;
          }
          if (type === "BOOKMARK") return;
          const typed = { apiVersion: target.apiVersion, kind: target.kind, ...(object as KubernetesObject) };
          if (type === "DELETED") current.delete(keyOf(typed));
          else current.set(keyOf(typed), typed);
          onSnapshot([...current.values()]);
        },
        (error: unknown) => finish(error ?? undefined),
      )
      .then(
        (created) => {
          controller = created;
          if (signal.aborted || endedByUs) created.abort();
        },
        (error: unknown) => finish(error),
      );
  });
}

function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}
