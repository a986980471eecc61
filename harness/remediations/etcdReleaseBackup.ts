// The pre-fault backup of a release's records, taken from etcd with etcdctl in the etcd pod — the
// talk's recovery path — and written as a release backup file (releaseBackup.ts).
//
// Why `etcdctl get` of the release's keys rather than `etcdctl snapshot save`: a snapshot is a
// bbolt file that can only be read back by restoring it into a (second) etcd member and querying
// that; restoring it over the live member would roll back every object in the cluster, not just
// one release (on a shared cluster, everyone else's state too). Reading the same keys the snapshot
// would hold, at one etcd revision, gives the bytes a snapshot restore would bring back, decoded
// (etcdSecretDecoder.ts) into Secrets that are restored through the API server, so admission,
// audit and the watch caches all see the restore.

import type { KubeClients } from "../kube/kubeClients.js";
import { decodeStoredSecret } from "./etcdSecretDecoder.js";
import { etcdctlInPod, findEtcdPod } from "./etcdctlInPod.js";
import { describeUnreadable, readReleaseSecrets, releaseSecretName } from "./helmReleaseRecord.js";
import { writeReleaseBackup } from "./releaseBackup.js";

export interface EtcdBackupResult {
  file: string;
  /** Revisions found, e.g. [3, 2, 1]. */
  revisions: number[];
  /** The etcd revision the keys were read at. */
  etcdRevision: number;
  pod: string;
  /** Release Secrets under the prefix that are not helm.sh/release.v1 records: not backed up, described. */
  notBackedUp: string;
}

interface EtcdctlGetOutput {
  header?: { revision?: number };
  kvs?: Array<{ key: string; value: string }>;
}

/** The etcd key prefix of a release's Secrets (the API server stores /registry/secrets/<ns>/<name>). */
export function releaseKeyPrefix(namespace: string, release: string): string {
  return `/registry/secrets/${namespace}/${releaseSecretName(release, 0).replace(/0$/, "")}`;
}

export async function backupReleaseFromEtcd(
  kube: KubeClients,
  namespace: string,
  release: string,
  options: { backupDir: string; reason: string; timeoutMs: number; signal?: AbortSignal },
): Promise<EtcdBackupResult> {
  const pod = await findEtcdPod(kube, { timeoutMs: Math.min(options.timeoutMs, kube.requestTimeoutMs), ...(options.signal ? { signal: options.signal } : {}) });
  const output = await etcdctlInPod(kube, pod, ["get", "--prefix", releaseKeyPrefix(namespace, release), "-w", "json"], { timeoutMs: options.timeoutMs });
  let parsed: EtcdctlGetOutput;
  try {
    parsed = JSON.parse(output) as EtcdctlGetOutput;
  } catch {
    throw new Error(`etcdctl get printed no JSON (${output.slice(0, 200)}): check the etcdctl version in the etcd image`);
  }
  const secrets = (parsed.kvs ?? []).map((kv) => {
    const key = Buffer.from(kv.key, "base64").toString("utf8");
    return decodeStoredSecret(Buffer.from(kv.value, "base64"), key);
  });
  // The prefix also matches releases whose name extends this one ("web" vs "web.v2…"): keep ours.
  const { records, unreadable } = readReleaseSecrets(secrets, release);
  if (records.length === 0) {
    const others = unreadable.length > 0 ? `; found only Secrets it cannot read: ${describeUnreadable(unreadable)}` : "";
    throw new Error(`etcd holds no release records for ${namespace}/${release} (prefix ${releaseKeyPrefix(namespace, release)}): is the release name right, and was it installed with the secrets driver?${others}`);
  }
  const file = await writeReleaseBackup(options.backupDir, { namespace, release, source: "etcd", reason: options.reason, secrets: records.map((record) => record.secret) });
  return { file, revisions: records.map((record) => record.revision), etcdRevision: parsed.header?.revision ?? 0, pod, notBackedUp: describeUnreadable(unreadable) };
}
