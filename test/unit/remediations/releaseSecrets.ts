// Release-record Secrets for the repair and invariant tests. `realRecord` reads the secrets the
// real helm v3.22.0 wrote on a kind cluster (captured once into test/fixtures/helm-release-secrets,
// see its README); `syntheticRecord` builds one with our own encoder, for shapes helm never wrote.

import { readFileSync } from "node:fs";
import { encodeSecretReleaseData, type HelmRelease } from "../../../harness/remediations/helmReleaseCodec.js";
import type { SecretObject } from "../../../harness/remediations/helmReleaseRecord.js";

export const FIXTURES = new URL("../../../../test/fixtures/helm-release-secrets/", import.meta.url);

/** A Secret captured from the cluster (kubectl get secret -o json, managedFields dropped). */
export function realSecret(name: string): SecretObject {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as SecretObject;
}

export function syntheticSecret(release: string, revision: number, status: string, extra: Partial<HelmRelease> = {}): SecretObject {
  const body: HelmRelease = { name: release, namespace: "shop", version: revision, info: { status, description: "Upgrade complete" }, manifest: "---\n", ...extra };
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "helm.sh/release.v1",
    metadata: {
      name: `sh.helm.release.v1.${release}.v${revision}`,
      namespace: "shop",
      uid: `uid-${release}-${revision}`,
      resourceVersion: String(100 + revision),
      labels: { name: release, owner: "helm", status, version: String(revision) },
    },
    data: { release: encodeSecretReleaseData(body) },
  };
}
