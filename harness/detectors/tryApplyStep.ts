// `tryApply:` — asks the API server to admit objects (server-side apply) and records its answer
// per object instead of failing on a denial: with an admission guard in place, "denied, with this
// message" is the outcome under test, not an error. The decisions are the step's output, which an
// `admissionDenied` detector reads, and each lands on the timeline. Errors that are not admission
// decisions (unreachable API, RBAC, schema validation) still fail the step.

import { readFile } from "node:fs/promises";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseManifestDocuments } from "../kube/manifestDocuments.js";
import { serverSideApply } from "../kube/serverSideApply.js";
import { interpolate } from "../scenario/interpolation.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { admissionDenialMessage, describeDecision, type AdmissionAttempt, type AdmissionDecision } from "./admissionDecision.js";

export interface TryApplyParams {
  file?: string;
  files?: string[];
  namespace?: string;
}

export const tryApplyStep: StepKind<TryApplyParams> = {
  kind: "tryApply",
  summary: "Apply manifests and record, per object, whether admission let it in or denied it (a denial does not fail the step).",
  shorthand: "file",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      file: { type: "string" },
      files: { type: "array", items: { type: "string" }, minItems: 1 },
      namespace: { type: "string", description: "Namespace for objects without one (default: the scenario namespace)." },
    },
    anyOf: [{ required: ["file"] }, { required: ["files"] }],
  },
  files: (params) => [...(params.file ? [params.file] : []), ...(params.files ?? [])],
  describe: (params) => `try to apply ${[params.file, ...(params.files ?? [])].filter(Boolean).join(", ")} (admission decides)`,
  async run(params, context) {
    const values = {
      namespace: context.namespace,
      runId: context.runId,
      scenario: context.scenario,
      variant: context.variant,
      scenarioDir: context.scenarioDir,
      settings: context.settings,
    };
    const objects: KubernetesObject[] = [];
    for (const relative of [...(params.file ? [params.file] : []), ...(params.files ?? [])]) {
      const file = context.resolvePath(relative);
      objects.push(...parseManifestDocuments(interpolate(await readFile(file, "utf8"), values), file));
    }
    const attempt: AdmissionAttempt = { decisions: [] };
    for (const object of objects) {
      const label = `${object.kind ?? "?"} ${object.metadata?.namespace ?? params.namespace ?? context.namespace}/${object.metadata?.name ?? "?"}`;
      let decision: AdmissionDecision;
      try {
        await serverSideApply(context.kube, [object], { namespace: params.namespace ?? context.namespace, timeoutMs: context.timeoutMs, signal: context.signal });
        decision = { object: label, admitted: true, at: context.now() };
      } catch (error) {
        const message = admissionDenialMessage(error);
        if (message === undefined) throw error;
        decision = { object: label, admitted: false, message, at: context.now() };
      }
      attempt.decisions.push(decision);
    }
    return { detail: attempt.decisions.map(describeDecision).join("; "), output: attempt };
  },
};
