// `objectExists:` and `objectAbsent:` — one named object, watched (e.g. "the release Secret is
// gone", "the duplicate Ingress was never created because the guard denied it").

import { apiVersionFor, OBJECT_SELECTION_SCHEMA } from "../kube/objectSelection.js";
import type { CheckKind, Observation, RunContext } from "../scenario/kindTypes.js";
import { observeObjects } from "./observeObjects.js";

export interface ObjectParams {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

const paramsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "name"],
  properties: { apiVersion: OBJECT_SELECTION_SCHEMA.apiVersion, kind: OBJECT_SELECTION_SCHEMA.kind, name: OBJECT_SELECTION_SCHEMA.name, namespace: OBJECT_SELECTION_SCHEMA.namespace },
};

function observePresence(params: ObjectParams, context: RunContext, emit: (o: Observation) => void, wantExists: boolean): Promise<void> {
  return observeObjects(
    context,
    { apiVersion: apiVersionFor(params), kind: params.kind, namespace: params.namespace ?? context.namespace, fieldSelector: `metadata.name=${params.name}` },
    (objects) => {
      const exists = objects.length > 0;
      return { holds: exists === wantExists, detail: `${params.kind} ${params.name} ${exists ? "exists" : "is absent"}` };
    },
    emit,
  );
}

export const objectExistsCheck: CheckKind<ObjectParams> = {
  kind: "objectExists",
  summary: "A named object exists (watched).",
  paramsSchema,
  describe: (params) => `${params.kind} ${params.name} exists`,
  observe: (params, context, emit) => observePresence(params, context, emit, true),
};

export const objectAbsentCheck: CheckKind<ObjectParams> = {
  kind: "objectAbsent",
  summary: "A named object does not exist (watched).",
  paramsSchema,
  describe: (params) => `${params.kind} ${params.name} absent`,
  observe: (params, context, emit) => observePresence(params, context, emit, false),
};
