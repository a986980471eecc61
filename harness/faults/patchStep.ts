// `patch:` — changes objects in place (switch a readiness probe to the cyclic URL, strip Helm
// ownership labels, flip a Secret's status label). Merge patch by default; JSON patch for
// precise list surgery; strategic merge for built-in kinds' lists keyed by name.

import { PatchStrategy } from "@kubernetes/client-node";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { toKubeApiError } from "../kube/kubeApiError.js";
import { describeSelection, OBJECT_SELECTION_SCHEMA, selectObjects, type ObjectSelection } from "../kube/objectSelection.js";
import { FIELD_MANAGER } from "../kube/serverSideApply.js";
import type { StepKind } from "../scenario/kindTypes.js";

export interface PatchParams extends ObjectSelection {
  type?: "merge" | "strategic" | "json";
  patch: unknown;
}

const CONTENT_TYPES = {
  merge: PatchStrategy.MergePatch,
  strategic: PatchStrategy.StrategicMergePatch,
  json: PatchStrategy.JsonPatch,
} as const;

export const patchStep: StepKind<PatchParams> = {
  kind: "patch",
  summary: "Patch objects by name or label selector (merge, strategic or JSON patch).",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["kind", "patch"],
    properties: {
      ...OBJECT_SELECTION_SCHEMA,
      type: { enum: ["merge", "strategic", "json"] },
      patch: { type: ["object", "array"] },
    },
    anyOf: [{ required: ["name"] }, { required: ["selector"] }],
  },
  describe: (params) => `patch ${params.kind} ${params.name ?? `-l ${params.selector}`}`,
  async run(params, context) {
    const type = params.type ?? "merge";
    if (type === "json" && !Array.isArray(params.patch)) throw new Error("a JSON patch is a list of operations: write `patch: [{op: replace, path: /spec/x, value: …}]`");
    const requestTimeoutMs = Math.min(context.timeoutMs, context.kube.requestTimeoutMs);
    const objects = await selectObjects(context.kube, params, context.namespace, { timeoutMs: requestTimeoutMs, signal: context.signal });
    if (objects.length === 0) throw new Error(`nothing matched ${describeSelection(params, context.namespace)}: fix the name or selector`);
    for (const object of objects) {
      const label = `${object.kind} ${object.metadata?.name}`;
      try {
        const path = await context.kube.objects.objectPath(object.apiVersion ?? "", object.kind ?? "", object.metadata?.name ?? "", object.metadata?.namespace);
        await kubeJsonRequest(context.kube.config, `${path}?fieldManager=${FIELD_MANAGER}`, {
          method: "PATCH",
          body: JSON.stringify(params.patch),
          headers: { "Content-Type": CONTENT_TYPES[type] },
          timeoutMs: requestTimeoutMs,
          signal: context.signal,
        });
      } catch (error) {
        throw toKubeApiError(`patch ${label}`, error);
      }
    }
    return { detail: `patched ${objects.length} ${params.kind}(s)` };
  },
};
