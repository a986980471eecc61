// `apply:` — server-side apply of manifest files (relative to the scenario folder) and/or inline
// objects, into the scenario namespace unless an object names its own. `${{ namespace }}` and
// `${{ settings.x }}` are substituted in file contents first.

import { readFile } from "node:fs/promises";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseManifestDocuments } from "../../kube/manifestDocuments.js";
import { serverSideApply } from "../../kube/serverSideApply.js";
import { interpolate } from "../interpolation.js";
import type { StepKind } from "../kindTypes.js";

export interface ApplyParams {
  file?: string;
  files?: string[];
  objects?: KubernetesObject[];
  namespace?: string;
}

export const applyStep: StepKind<ApplyParams> = {
  kind: "apply",
  summary: "Server-side apply manifest files (relative to the scenario folder) or inline objects.",
  shorthand: "file",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      file: { type: "string" },
      files: { type: "array", items: { type: "string" }, minItems: 1 },
      objects: { type: "array", items: { type: "object", required: ["apiVersion", "kind", "metadata"] }, minItems: 1 },
      namespace: { type: "string", description: "Namespace for objects without one (default: the scenario namespace)." },
    },
    anyOf: [{ required: ["file"] }, { required: ["files"] }, { required: ["objects"] }],
  },
  files: (params) => [...(params.file ? [params.file] : []), ...(params.files ?? [])],
  describe: (params) => `apply ${[params.file, ...(params.files ?? [])].filter(Boolean).join(", ") || `${params.objects?.length ?? 0} inline object(s)`}`,
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
      const text = interpolate(await readFile(file, "utf8"), values);
      objects.push(...parseManifestDocuments(text, file));
    }
    objects.push(...(params.objects ?? []));
    const applied = await serverSideApply(context.kube, objects, {
      namespace: params.namespace ?? context.namespace,
      timeoutMs: context.timeoutMs,
      signal: context.signal,
    });
    return { detail: `applied ${applied.length}: ${applied.join(", ")}`, output: applied };
  },
};
