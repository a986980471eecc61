// One revision of a Helm release as stored by helm's secrets driver (pkg/storage/driver/secrets.go):
// a Secret named sh.helm.release.v1.<release>.v<revision>, type helm.sh/release.v1, labelled
// name=<release>, owner=helm, status=<status>, version=<revision>. Helm *selects* revisions by these
// labels (history: name,owner=helm; deployed: name,owner=helm,status=deployed), so the labels are
// what its commands see — the JSON inside is only read once a secret was selected.
//
// Helm v3 and v4 both write type helm.sh/release.v1 (helm pkg/storage/driver/secrets.go,
// newSecretsObject) and reserve the `.v1` for the storage format: a later helm that changes it
// would write another type. Such a Secret is never read as a v1 record here — decoding a format
// this harness does not know, or patching it, could corrupt a release — and never dropped without
// a word either: readReleaseSecrets returns it as unreadable, and every detector and repair that
// lists records names it in its output.

import type { KubernetesObject } from "@kubernetes/client-node";

export const HELM_RELEASE_SECRET_TYPE = "helm.sh/release.v1";
export const HELM_RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
export const HELM_RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
export const HELM_MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

export interface SecretObject extends KubernetesObject {
  type?: string;
  data?: Record<string, string>;
}

/** A Secret that looks like a Helm release record but is not one this harness reads. */
export interface UnreadableReleaseSecret {
  secretName: string;
  /** The Secret's type, "" when unset. */
  type: string;
  /** The release its `name` label (or its name) claims, when it says. */
  release?: string;
  /** Why it is not read, for messages. */
  reason: string;
}

/** The release Secrets among some Secrets: the records read, and those that could not be. */
export interface ReleaseSecrets {
  /** Newest revision first. */
  records: HelmReleaseRecord[];
  unreadable: UnreadableReleaseSecret[];
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
/** Any storage version's Secret name, for recognising release Secrets of a type not read here. */
const ANY_VERSION_NAME = /^sh\.helm\.release\.v\d+\.(.+)\.v\d+$/;
const RELEASE_TYPE_PREFIX = "helm.sh/release.";

/**
 * The release Secrets among `secrets` (only those of `release`, if given): records of type
 * helm.sh/release.v1 newest first, and every other Secret that claims to be a release record —
 * helm's `owner=helm` label, a helm.sh/release.* type, or a sh.helm.release.v* name — as unreadable.
 */
export function readReleaseSecrets(secrets: SecretObject[], release?: string): ReleaseSecrets {
  const records: HelmReleaseRecord[] = [];
  const unreadable: UnreadableReleaseSecret[] = [];
  for (const secret of secrets) {
    const found = classify(secret);
    if (found === undefined || (release !== undefined && found.release !== release)) continue;
    if ("reason" in found) unreadable.push(found);
    else records.push(found);
  }
  records.sort((a, b) => b.revision - a.revision);
  unreadable.sort((a, b) => (a.secretName < b.secretName ? -1 : a.secretName > b.secretName ? 1 : 0));
  return { records, unreadable };
}

/** The readable records only: for Secrets known to be records (a backup, a test); elsewhere use readReleaseSecrets and report the rest. */
export function releaseRecords(secrets: SecretObject[], release?: string): HelmReleaseRecord[] {
  return readReleaseSecrets(secrets, release).records;
}

/** "sh.helm.release.v2.web.v4 (type helm.sh/release.v2: …)" — for messages; "" when there are none. */
export function describeUnreadable(unreadable: UnreadableReleaseSecret[]): string {
  return unreadable.map((secret) => `${secret.secretName} (${secret.reason})`).join(", ");
}

function classify(secret: SecretObject): HelmReleaseRecord | UnreadableReleaseSecret | undefined {
  const labels = secret.metadata?.labels ?? {};
  const name = secret.metadata?.name ?? "";
  const type = secret.type ?? "";
  const claimsToBeRecord = labels.owner === "helm" || type.startsWith(RELEASE_TYPE_PREFIX) || ANY_VERSION_NAME.test(name);
  if (!claimsToBeRecord) return undefined;
  const release = labels.name ?? ANY_VERSION_NAME.exec(name)?.[1];
  const unreadable = (reason: string): UnreadableReleaseSecret => ({ secretName: name, type, ...(release ? { release } : {}), reason });
  if (type !== HELM_RELEASE_SECRET_TYPE) {
    return unreadable(
      `type ${type || "(none)"}, not ${HELM_RELEASE_SECRET_TYPE}: a storage format this harness does not read or change; helm v3 and v4 write only ${HELM_RELEASE_SECRET_TYPE}`,
    );
  }
  const revision = Number(labels.version ?? NAME_PATTERN.exec(name)?.[2]);
  if (!release || !Number.isInteger(revision)) return unreadable("no release name or revision in its labels or name");
  return { secretName: name, release, revision, status: labels.status ?? "(no status label)", secret };
}

/** "v3 deployed, v2 superseded" — newest first, for messages. */
export function describeRecords(records: HelmReleaseRecord[]): string {
  return records.length === 0 ? "no release records" : records.map((record) => `v${record.revision} ${record.status}`).join(", ");
}
