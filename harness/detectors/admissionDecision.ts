// What the API server answered when asked to admit an object: let in, or turned away by an
// admission guard (ValidatingAdmissionPolicy, webhook, Kyverno, Gatekeeper) with the guard's
// message. Pure, so the classification of API errors is unit-tested.

import { KubeApiError, statusCodeOf, toKubeApiError } from "../kube/kubeApiError.js";
import type { MonoMs } from "../scenario/runResult.js";

export interface AdmissionDecision {
  /** "Kind namespace/name". */
  object: string;
  admitted: boolean;
  /** The guard's message when denied. */
  message?: string;
  /** When the answer arrived (run clock). */
  at: MonoMs;
}

/** What an admission attempt step hands to later steps and to `admissionDenied` checks. */
export interface AdmissionAttempt {
  decisions: AdmissionDecision[];
}

// How the API server words a denial: a ValidatingAdmissionPolicy's "ValidatingAdmissionPolicy 'p'
// with binding 'b' denied request: …", a webhook's "admission webhook \"w\" denied the request: …"
// (Kyverno and Gatekeeper are webhooks). Schema validation errors (422 without these words) and
// RBAC refusals ("forbidden: User … cannot …") are not admission decisions and stay errors.
const DENIAL = /(ValidatingAdmissionPolicy '[^']*' with binding '[^']*' denied request|admission webhook "[^"]*" denied the request)/;

/** The guard's message if `error` is an admission denial, otherwise undefined. */
export function admissionDenialMessage(error: unknown): string | undefined {
  const code = statusCodeOf(error);
  if (code === undefined || code < 400 || code >= 500) return undefined;
  // A raw client error carries the API's Status in its body; KubeApiError has it parsed already.
  const apiError = toKubeApiError("admission", error);
  const message = apiError instanceof KubeApiError ? apiError.apiMessage : apiError.message;
  return DENIAL.test(message) ? message : undefined;
}

/** The first denial in an attempt whose message matches `pattern` (any denial when absent). */
export function matchingDenial(attempt: AdmissionAttempt | undefined, pattern?: string): AdmissionDecision | undefined {
  const wanted = pattern === undefined ? undefined : new RegExp(pattern);
  return attempt?.decisions.find((d) => !d.admitted && (wanted === undefined || wanted.test(d.message ?? "")));
}

/** "denied Ingress team-b/ing-b: <message>" / "admitted Ingress team-b/ing-b" */
export function describeDecision(decision: AdmissionDecision): string {
  return decision.admitted ? `admitted ${decision.object}` : `denied ${decision.object}: ${decision.message ?? "(no message)"}`;
}
