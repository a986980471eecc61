// The API side of release records: list one release's Secrets, create and replace them. Replace
// sends the resourceVersion it read, so a repair racing a concurrent `helm upgrade` fails with a
// conflict instead of overwriting what helm just wrote.

import type { KubeClients } from "../kube/kubeClients.js";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { toKubeApiError } from "../kube/kubeApiError.js";
import { readReleaseSecrets, releaseSelector, type ReleaseSecrets, type SecretObject } from "./helmReleaseRecord.js";

export interface StoreOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

function secretsPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
}

/** Every revision of the release (newest first), and its release Secrets this harness cannot read. */
export async function listReleaseSecrets(kube: KubeClients, namespace: string, release: string, options: StoreOptions): Promise<ReleaseSecrets> {
  const query = new URLSearchParams({ labelSelector: releaseSelector(release) });
  try {
    const list = (await kubeJsonRequest(kube.config, `${secretsPath(namespace)}?${query}`, { ...options })) as { items?: SecretObject[] };
    return readReleaseSecrets((list.items ?? []).map((item) => ({ apiVersion: "v1", kind: "Secret", ...item })), release);
  } catch (error) {
    throw toKubeApiError(`list release records of ${namespace}/${release}`, error);
  }
}

/** Creates a Secret; resolves false (and changes nothing) when one of that name already exists. */
export async function createSecretIfAbsent(kube: KubeClients, namespace: string, secret: SecretObject, options: StoreOptions): Promise<boolean> {
  try {
    await kubeJsonRequest(kube.config, secretsPath(namespace), {
      ...options,
      method: "POST",
      body: JSON.stringify(secret),
      headers: { "Content-Type": "application/json" },
    });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 409) return false;
    throw toKubeApiError(`create Secret ${namespace}/${secret.metadata?.name ?? "?"}`, error);
  }
}

/** Replaces a Secret (PUT); the object must carry the resourceVersion it was read at. */
export async function replaceSecret(kube: KubeClients, namespace: string, secret: SecretObject, options: StoreOptions): Promise<void> {
  const name = secret.metadata?.name ?? "";
  try {
    await kubeJsonRequest(kube.config, `${secretsPath(namespace)}/${encodeURIComponent(name)}`, {
      ...options,
      method: "PUT",
      body: JSON.stringify(secret),
      headers: { "Content-Type": "application/json" },
    });
  } catch (error) {
    throw toKubeApiError(`replace Secret ${namespace}/${name}`, error);
  }
}
