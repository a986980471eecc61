// A read-only view of the cluster that survives the CA's expiry. Once the CA has expired no client
// can verify the API server, and the API server rejects every client certificate chained to it —
// but service-account tokens are signed with sa.key, not the CA, so a token still authenticates.
// The observer therefore trusts the server without verifying it (the address is the loopback port
// of the harness's own dedicated cluster) and authenticates with a token requested before the
// fault. It watches what happens to nodes and controllers while ordinary clients are locked out.

import { CoordinationV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";

import type { RunContext } from "../scenario/kindTypes.js";

export interface ObserverCredentials {
  server: string;
  /** A bound service-account token: never logged, never in a report. */
  token: string;
}

export interface ObserverClient {
  core: CoreV1Api;
  coordination: CoordinationV1Api;
}

export function observerClient(credentials: ObserverCredentials): ObserverClient {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: "observed", server: credentials.server, skipTLSVerify: true }],
    users: [{ name: "observer", token: credentials.token }],
    contexts: [{ name: "observer", cluster: "observed", user: "observer" }],
    currentContext: "observer",
  });
  return { core: config.makeApiClient(CoreV1Api), coordination: config.makeApiClient(CoordinationV1Api) };
}

/** The credentials an `observerToken` step stored under its id (default "observer"). */
export function observerFrom(context: RunContext, stepId = "observer"): ObserverClient {
  const stored = context.outputs.get(stepId) as ObserverCredentials | undefined;
  if (!stored?.token) throw new Error(`no observer credentials under step id "${stepId}": add a setup step \`- id: ${stepId}\\n  observerToken: { serviceAccount: gameday-observer }\``);
  return observerClient(stored);
}
