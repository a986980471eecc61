// One revision of a Helm release as stored by helm's secrets driver (pkg/storage/driver/secrets.go):
// a Secret named sh.helm.release.v1.<release>.v<revision>, type helm.sh/release.v1, labelled
// name=<release>, owner=helm, status=<status>, version=<revision>. Helm *selects* revisions by these
// labels (history: name,owner=helm; deployed: name,owner=helm,status=deployed), so the labels are
// what its commands see — the JSON inside is only read once a secret was selected.

import type { KubernetesObject } from "@kubernetes/client-node";

export const HELM_RELEASE_SECRET_TYPE = "helm.sh/release.v1";
export const HELM_RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
export const HELM_RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
export const HELM_MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

export interface SecretObject extends KubernetesObject {
  type?: string;
  data?: Record<string, string>;
}

export interface HelmReleaseRecord {
  secretName: string;
  release: string;
  /** From the `version` label (what helm sorts by), or the name's suffix if the label is missing. */
  revision: number;
  /** The `status` label: what `helm upgrade` selects on. */
  status: string;
  secret: SecretObject;
}

export function releaseSecretName(release: string, revision: number): string {
  return `sh.helm.release.v1.${release}.v${revision}`;
}

/** Label selector for every revision of one release (helm history's). */
export function releaseSelector(release: string): string {
  return `owner=helm,name=${release}`;
}

const NAME_PATTERN = /^sh\.helm\.release\.v1\.(.+)\.v(\d+)$/;

/** A record for a Helm release Secret, or undefined for any other Secret. */
export function releaseRecordOf(secret: SecretObject): HelmReleaseRecord | undefined {
  const labels = secret.metadata?.labels ?? {};
  const name = secret.metadata?.name ?? "";
  if (secret.type !== HELM_RELEASE_SECRET_TYPE && labels.owner !== "helm") return undefined;
  const parsed = NAME_PATTERN.exec(name);
  const release = labels.name ?? parsed?.[1];
  const revision = Number(labels.version ?? parsed?.[2]);
  if (!release || !Number.isInteger(revision)) return undefined;
  return { secretName: name, release, revision, status: labels.status ?? "(no status label)", secret };
}

/** Records of the given release (or all), newest revision first. */
export function releaseRecords(secrets: SecretObject[], release?: string): HelmReleaseRecord[] {
  return secrets
    .map(releaseRecordOf)
    .filter((record): record is HelmReleaseRecord => record !== undefined && (release === undefined || record.release === release))
    .sort((a, b) => b.revision - a.revision);
}

/** "v3 deployed, v2 superseded" — newest first, for messages. */
export function describeRecords(records: HelmReleaseRecord[]): string {
  return records.length === 0 ? "no release records" : records.map((record) => `v${record.revision} ${record.status}`).join(", ");
}
