import assert from "node:assert/strict";
import { admissionDenialMessage, describeDecision, matchingDenial, type AdmissionAttempt } from "../../../harness/detectors/admissionDecision.js";
import { KubeApiError } from "../../../harness/kube/kubeApiError.js";

// The shape kubeJsonRequest throws: the HTTP status and the API's Status object as the body.
const rawError = (code: number, message: string, reason = "Forbidden") =>
  Object.assign(new Error(`HTTP ${code}`), { code, body: JSON.stringify({ kind: "Status", status: "Failure", reason, message, code }) });

const VAP =
  "ingresses.networking.k8s.io \"ing-b\" is forbidden: ValidatingAdmissionPolicy 'unique-ingress-host-and-path' with binding 'unique-ingress-host-and-path-team-a' denied request: The Ingress host and path combination must be unique across the cluster.";
const WEBHOOK = 'admission webhook "validate.kyverno.svc-fail" denied the request: resource Ingress/team-b/ing-b was blocked';

describe("admission decisions", () => {
  it("recognises a ValidatingAdmissionPolicy denial and a webhook denial, raw or already parsed", () => {
    assert.equal(admissionDenialMessage(rawError(403, VAP)), VAP);
    assert.equal(admissionDenialMessage(rawError(400, WEBHOOK, "BadRequest")), WEBHOOK);
    assert.equal(admissionDenialMessage(new KubeApiError("apply Ingress team-b/ing-b", 422, "Invalid", VAP)), VAP);
  });

  it("does not mistake other API errors for a guard's decision", () => {
    // Schema validation, RBAC, a server error that quotes a denial, and a network failure are not admission decisions.
    assert.equal(admissionDenialMessage(rawError(422, 'Ingress.networking.k8s.io "ing-b" is invalid: spec.rules[0].http.paths[0].pathType: Required value', "Invalid")), undefined);
    assert.equal(admissionDenialMessage(rawError(403, 'ingresses.networking.k8s.io is forbidden: User "x" cannot create resource "ingresses"')), undefined);
    assert.equal(admissionDenialMessage(rawError(500, VAP, "InternalError")), undefined);
    assert.equal(admissionDenialMessage(new Error("connect ECONNREFUSED 127.0.0.1:6443")), undefined);
  });

  it("finds the denial whose message matches, and describes decisions for the timeline", () => {
    const attempt: AdmissionAttempt = {
      decisions: [
        { object: "ConfigMap team-b/notes", admitted: true, at: 10 },
        { object: "Ingress team-b/ing-b", admitted: false, message: VAP, at: 12 },
      ],
    };
    assert.equal(matchingDenial(attempt, "must be unique across the cluster")?.at, 12);
    assert.equal(matchingDenial(attempt)?.object, "Ingress team-b/ing-b");
    assert.equal(matchingDenial(attempt, "some other guard"), undefined);
    assert.equal(matchingDenial(undefined), undefined);
    assert.equal(describeDecision(attempt.decisions[0]!), "admitted ConfigMap team-b/notes");
    assert.match(describeDecision(attempt.decisions[1]!), /^denied Ingress team-b\/ing-b: ingresses/);
  });
});
