// `dryRunDenied:` — is an admission guard in force? Sends the manifests as a server-side dry run
// (dryRun=All: every admission plugin, policy and webhook runs, nothing is stored) and holds when
// admission denies them with a matching message. Policies and bindings take effect a moment after
// they are created (the API server compiles them from its informers), so a scenario waits on this
// condition instead of sleeping. Not a detector of a fault: it asks "would this be denied now?".

import { readFile } from "node:fs/promises";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { parseManifestDocuments } from "../kube/manifestDocuments.js";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { FIELD_MANAGER } from "../kube/serverSideApply.js";
import { toKubeApiError } from "../kube/kubeApiError.js";
import { parseDuration } from "../scenario/duration.js";
import { interpolate } from "../scenario/interpolation.js";
import type { CheckKind, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { admissionDenialMessage } from "./admissionDecision.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface DryRunDeniedParams {
  file: string;
  namespace?: string;
  messageMatches?: string;
  every?: string;
}

export const dryRunDeniedCheck: CheckKind<DryRunDeniedParams> = {
  kind: "dryRunDenied",
  summary: "A server-side dry run of manifests is denied by admission with a matching message (polled): the guard is in force.",
  shorthand: "file",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["file"],
    properties: {
      file: { type: "string" },
      namespace: { type: "string" },
      messageMatches: { type: "string" },
      every: { type: "string", pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h))+$" },
    },
  },
  files: (params) => [params.file],
  describe: (params) => `a dry run of ${params.file} is denied by admission${params.messageMatches ? ` with /${params.messageMatches}/` : ""}`,
  observe(params, context, emit) {
    const wanted = params.messageMatches === undefined ? undefined : new RegExp(params.messageMatches);
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const objects = await manifests(params, context);
        const answers: string[] = [];
        for (const object of objects) {
          const denial = await dryRunDenial(object, params.namespace ?? context.namespace, context, signal);
          if (denial === undefined) return { holds: false, detail: `admitted (dry run) ${label(object)}` };
          if (wanted && !wanted.test(denial)) return { holds: false, detail: `denied, but the message does not match /${params.messageMatches}/: ${denial}` };
          answers.push(denial);
        }
        if (objects.length === 0) return couldNotTell(`${params.file} holds no objects to try`);
        return { holds: true, detail: answers.join("; ") };
      },
      { everyMs: params.every ? parseDuration(params.every) : 500, evaluationTimeoutMs: context.kube.requestTimeoutMs, what: "dry-run apply" },
    );
  },
};

async function manifests(params: DryRunDeniedParams, context: RunContext): Promise<KubernetesObject[]> {
  const file = context.resolvePath(params.file);
  const values = { namespace: context.namespace, runId: context.runId, scenario: context.scenario, variant: context.variant, scenarioDir: context.scenarioDir, settings: context.settings };
  return parseManifestDocuments(interpolate(await readFile(file, "utf8"), values), file);
}

/** The denial message, or undefined when admission let the object in (nothing stored either way). */
async function dryRunDenial(original: KubernetesObject, namespace: string, context: RunContext, signal: AbortSignal): Promise<string | undefined> {
  const object = structuredClone(original);
  const namespaced = await context.kube.objects.isNamespaced(object.apiVersion ?? "", object.kind ?? "");
  if (namespaced && !object.metadata?.namespace) object.metadata = { ...object.metadata, namespace };
  const path = await context.kube.objects.objectPath(object.apiVersion ?? "", object.kind ?? "", object.metadata?.name ?? "", namespaced ? object.metadata?.namespace : undefined);
  const query = new URLSearchParams({ fieldManager: FIELD_MANAGER, force: "true", dryRun: "All" });
  try {
    await kubeJsonRequest(context.kube.config, `${path}?${query}`, {
      method: "PATCH",
      body: JSON.stringify(object),
      headers: { "Content-Type": PatchStrategy.ServerSideApply },
      timeoutMs: context.kube.requestTimeoutMs,
      signal,
    });
    return undefined;
  } catch (error) {
    const denial = admissionDenialMessage(error);
    if (denial !== undefined) return denial;
    throw toKubeApiError(`dry-run apply ${label(object)}`, error);
  }
}

function label(object: KubernetesObject): string {
  return `${object.kind ?? "?"} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata?.name ?? "?"}`;
}
