// Asks a cluster's API server for its version: the cheapest proof that a kubeconfig reaches a live
// control plane, used for health checks before reuse and for the handle's kubernetesVersion().
import { KubeConfig, VersionApi } from "@kubernetes/client-node";

import { HarnessError } from "./harnessError.js";
import { withDeadline } from "./withDeadline.js";

export class ApiServerUnreachableError extends HarnessError {
  constructor(context: string, detail: string, cause?: unknown) {
    super("infrastructure", `the API server of context "${context}" did not answer: ${detail}`, {
      hint: "check that the cluster is running (`gameday doctor`, `docker ps`) and that the context points at it",
      cause,
    });
  }
}

export async function apiServerVersion(kubeconfigPath: string, context: string, timeoutMs: number): Promise<string> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  kc.setCurrentContext(context);
  const api = kc.makeApiClient(VersionApi);
  try {
    const info = await withDeadline(api.getCode(), timeoutMs, `GET /version on context "${context}"`);
    return info.gitVersion;
  } catch (err) {
    if (err instanceof HarnessError) throw err;
    // Only the first line: client errors can echo request headers, and headers can carry tokens.
    const detail = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "unknown error";
    throw new ApiServerUnreachableError(context, detail, err);
  }
}
