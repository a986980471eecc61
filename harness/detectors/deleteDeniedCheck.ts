// `deleteDenied:` — admission denial as a detector: a server-side dry-run DELETE (it passes through
// admission, ValidatingAdmissionPolicies included, and deletes nothing) of the selected objects,
// sent as a chosen identity (impersonation), holds when every object's delete is refused with a
// message matching the pattern. "The guard denies this within 5 s" is asserted with it, and it can
// run on a production cluster without risk.

import { kubeRawRequest } from "../kube/kubeRawRequest.js";
import { describeSelection, OBJECT_SELECTION_SCHEMA, selectObjects, type ObjectSelection } from "../kube/objectSelection.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface DeleteDeniedParams extends ObjectSelection {
  /** Impersonated user, e.g. system:serviceaccount:ns:intern (default: the harness's own identity). */
  as?: string;
  /** Regular expression the denial message must match. */
  messageMatches?: string;
}

export const deleteDeniedCheck: CheckKind<DeleteDeniedParams> = {
  kind: "deleteDenied",
  summary: "A dry-run DELETE of the selected objects (optionally as another identity) is denied by admission/RBAC with a matching message (polled).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["kind"],
    properties: {
      ...OBJECT_SELECTION_SCHEMA,
      as: { type: "string" },
      messageMatches: { type: "string" },
    },
    anyOf: [{ required: ["name"] }, { required: ["selector"] }],
  },
  describe: (params) => `delete of ${params.kind} ${params.name ?? `-l ${params.selector}`}${params.as ? ` as ${params.as}` : ""} denied${params.messageMatches ? ` matching /${params.messageMatches}/` : ""}`,
  observe(params, context, emit) {
    const pattern = params.messageMatches ? new RegExp(params.messageMatches) : undefined;
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (params.as) headers["Impersonate-User"] = params.as;
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const objects = await selectObjects(context.kube, params, context.namespace, { timeoutMs: 10_000, signal });
        if (objects.length === 0) return couldNotTell(`nothing matched ${describeSelection(params, context.namespace)}, so no delete could be tried`);
        const outcomes = await Promise.all(
          objects.map(async (object) => {
            const path = await context.kube.objects.objectPath(object.apiVersion ?? "v1", object.kind ?? params.kind, object.metadata?.name ?? "", object.metadata?.namespace);
            const response = await kubeRawRequest(context.kube.config, `${path}?dryRun=All`, {
              method: "DELETE",
              body: JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", dryRun: ["All"] }),
              headers,
              timeoutMs: 10_000,
              signal,
            });
            const message = statusMessage(response.body);
            const denied = response.status === 403 || response.status === 422 || response.status === 400;
            const allowed = response.status >= 200 && response.status < 300;
            return { name: object.metadata?.name ?? "?", denied, allowed, matches: denied && (!pattern || pattern.test(message)), status: response.status, message };
          }),
        );
        // Neither admitted nor refused (a server error, a 404 race): that says nothing about the guard.
        const unclear = outcomes.find((outcome) => !outcome.denied && !outcome.allowed);
        if (unclear) return couldNotTell(`dry-run delete of ${unclear.name} answered HTTP ${unclear.status}: ${unclear.message}`);
        const allowed = outcomes.filter((outcome) => !outcome.denied);
        const wrongMessage = outcomes.filter((outcome) => outcome.denied && !outcome.matches);
        const first = outcomes[0]!;
        if (allowed.length > 0) return { holds: false, detail: `dry-run delete allowed (HTTP ${allowed[0]!.status}) for ${allowed.map((o) => o.name).join(", ")}` };
        if (wrongMessage.length > 0) return { holds: false, detail: `denied, but not with the expected message: ${wrongMessage[0]!.message}` };
        return { holds: true, detail: `${outcomes.length} delete(s) denied (HTTP ${first.status}): ${first.message}` };
      },
      { everyMs: 2_000, evaluationTimeoutMs: 20_000, what: `dry-run delete ${describeSelection(params, context.namespace)}` },
    );
  },
};

function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    return typeof status.message === "string" ? status.message : body.slice(0, 300);
  } catch {
    return body.slice(0, 300);
  }
}
