// `delete:` — deletes objects by name or label selector (the classic fault: all pods at once, a
// Helm release's Secrets, an Ingress). With `wait: true` it also waits (watch) until they are gone.

import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { isNotFound, toKubeApiError } from "../kube/kubeApiError.js";
import { waitForObjects } from "../kube/watchObjects.js";
import { apiVersionFor, describeSelection, OBJECT_SELECTION_SCHEMA, selectObjects, type ObjectSelection } from "../kube/objectSelection.js";
import { parseDuration } from "../scenario/duration.js";
import type { StepKind } from "../scenario/kindTypes.js";

export interface DeleteParams extends ObjectSelection {
  /** Grace period, e.g. "0s" to kill pods at once. */
  gracePeriod?: string;
  /** Wait until every deleted object is gone (finalizers done). */
  wait?: boolean;
  /** Fail when nothing matched (default true: a fault that hits nothing is a broken scenario). */
  mustMatch?: boolean;
}

export const deleteStep: StepKind<DeleteParams> = {
  kind: "delete",
  summary: "Delete objects by name or label selector (optionally wait until gone).",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["kind"],
    properties: {
      ...OBJECT_SELECTION_SCHEMA,
      gracePeriod: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
      wait: { type: "boolean" },
      mustMatch: { type: "boolean" },
    },
    anyOf: [{ required: ["name"] }, { required: ["selector"] }],
  },
  describe: (params) => `delete ${params.kind} ${params.name ?? `-l ${params.selector}`}`,
  async run(params, context) {
    const requestTimeoutMs = Math.min(context.timeoutMs, context.kube.requestTimeoutMs);
    const objects = await selectObjects(context.kube, params, context.namespace, { timeoutMs: requestTimeoutMs, signal: context.signal });
    if (objects.length === 0 && params.mustMatch !== false) {
      throw new Error(`nothing matched ${describeSelection(params, context.namespace)}: fix the name/selector (or set mustMatch: false)`);
    }
    const graceSeconds = params.gracePeriod !== undefined ? Math.floor(parseDuration(params.gracePeriod) / 1000) : undefined;
    const names: string[] = [];
    // All deletions are sent before any wait: "delete all pods at once" must really be at once.
    await Promise.all(
      objects.map(async (object) => {
        const label = `${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata?.name}`;
        try {
          const path = await context.kube.objects.objectPath(object.apiVersion ?? "", object.kind ?? "", object.metadata?.name ?? "", object.metadata?.namespace);
          const body = { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background", ...(graceSeconds !== undefined ? { gracePeriodSeconds: graceSeconds } : {}) };
          await kubeJsonRequest(context.kube.config, path, {
            method: "DELETE",
            body: JSON.stringify(body),
            headers: { "Content-Type": "application/json" },
            timeoutMs: requestTimeoutMs,
            signal: context.signal,
          });
          names.push(object.metadata?.name ?? "?");
        } catch (error) {
          if (!isNotFound(error)) throw toKubeApiError(`delete ${label}`, error);
        }
      }),
    );
    if (params.wait) {
      await waitForObjects(
        context.kube,
        {
          apiVersion: apiVersionFor(params),
          kind: params.kind,
          namespace: params.namespace ?? context.namespace,
          ...(params.selector ? { labelSelector: params.selector } : {}),
          ...(params.name ? { fieldSelector: `metadata.name=${params.name}` } : {}),
        },
        (current) => {
          const remaining = current.filter((object) => names.includes(object.metadata?.name ?? "") && objects.some((o) => o.metadata?.uid === object.metadata?.uid));
          return { done: remaining.length === 0, detail: `${remaining.length} of ${names.length} still present` };
        },
        { timeoutMs: context.timeoutMs, signal: context.signal, what: `deleted ${params.kind} gone` },
      );
    }
    return { detail: `deleted ${names.length} ${params.kind}(s): ${names.sort().join(", ")}`, output: names };
  },
};
