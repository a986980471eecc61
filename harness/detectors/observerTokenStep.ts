// `observerToken:` — requests a bound token for a service account (TokenRequest API) and keeps it,
// with the API server's address, for checks that must keep observing when certificate-based
// clients are locked out (see observerClient.ts). The RBAC the account needs comes from the
// scenario's manifests; the token stays in memory and is never written anywhere.

import type { StepKind } from "../scenario/kindTypes.js";
import type { ObserverCredentials } from "./observerClient.js";

export interface ObserverTokenParams {
  serviceAccount: string;
  namespace?: string;
  /** Token lifetime in seconds (default 7200: longer than any run). */
  expirationSeconds?: number;
}

export const observerTokenStep: StepKind<ObserverTokenParams> = {
  kind: "observerToken",
  summary: "Request a service-account token for read-only observation that does not depend on the cluster CA's validity.",
  defaultTimeoutMs: 30_000,
  shorthand: "serviceAccount",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["serviceAccount"],
    properties: { serviceAccount: { type: "string" }, namespace: { type: "string" }, expirationSeconds: { type: "integer", minimum: 600 } },
  },
  describe: (params) => `request a token for service account ${params.serviceAccount}`,
  async run(params, context) {
    const namespace = params.namespace ?? context.namespace;
    const response = await context.kube.core.createNamespacedServiceAccountToken({
      name: params.serviceAccount,
      namespace,
      body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { audiences: [], expirationSeconds: params.expirationSeconds ?? 7200 } },
    });
    const token = response.status?.token;
    if (!token) throw new Error(`the TokenRequest for ${namespace}/${params.serviceAccount} returned no token: does the service account exist?`);
    const server = context.kube.config.getCurrentCluster()?.server;
    if (!server) throw new Error("the harness's kubeconfig names no server");
    const output: ObserverCredentials = { server, token };
    return { detail: `token for ${namespace}/${params.serviceAccount} (valid ${Math.round((params.expirationSeconds ?? 7200) / 60)} min)`, output };
  },
};
