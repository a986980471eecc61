// Backups of Helm release records on the harness machine. Every repair writes one before it
// changes anything, and the pre-fault backup a scenario takes is one too. Release records carry the
// chart's values (which in real life often hold credentials), so backups never go into reports/:
// they live under the cache directory, readable by their owner only.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import type { SecretObject } from "./helmReleaseRecord.js";

export interface ReleaseBackup {
  format: "kube-gameday/helm-release-backup/v1";
  namespace: string;
  release: string;
  /** Where the records were read from: "api" (GET through the API server) or "etcd" (etcdctl in the etcd pod). */
  source: "api" | "etcd";
  /** Why it was taken, e.g. "before status-patch". */
  reason: string;
  takenAt: string;
  /** The Secrets as they were (server-managed metadata kept for the record; stripped on restore). */
  secrets: SecretObject[];
}

export class BackupFileError extends Error {
  readonly category = "input" as const;
  constructor(file: string, reason: string) {
    super(`${file} is not a usable release backup: ${reason} (pass a file written by \`gameday repair helm-release --backup-only\` or by a scenario's backup step)`);
    this.name = "BackupFileError";
  }
}

/** $KUBE_GAMEDAY_BACKUPS, else <cache>/kube-gameday/backups. */
export function defaultBackupDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBE_GAMEDAY_BACKUPS) return env.KUBE_GAMEDAY_BACKUPS;
  const cache = env.KUBE_GAMEDAY_CACHE || path.join(env.XDG_CACHE_HOME || path.join(homedir(), ".cache"), "kube-gameday");
  return path.join(cache, "backups");
}

/** Writes the backup as <dir>/<namespace>/<release>/<timestamp>-<source>.json (mode 0600) and returns its path. */
export async function writeReleaseBackup(dir: string, backup: Omit<ReleaseBackup, "format" | "takenAt">, now = new Date()): Promise<string> {
  const folder = path.join(dir, backup.namespace, backup.release);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const file = path.join(folder, `${stamp}-${backup.source}-${backup.reason.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`);
  const content: ReleaseBackup = { format: "kube-gameday/helm-release-backup/v1", takenAt: now.toISOString(), ...backup };
  // flag "wx": never overwrite an earlier backup, even if two are taken in the same millisecond.
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return file;
}

export async function readReleaseBackup(file: string): Promise<ReleaseBackup> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new BackupFileError(file, error instanceof Error ? error.message : String(error));
  }
  const backup = parsed as Partial<ReleaseBackup>;
  if (backup.format !== "kube-gameday/helm-release-backup/v1") throw new BackupFileError(file, "unknown format");
  if (!backup.namespace || !backup.release || !Array.isArray(backup.secrets)) throw new BackupFileError(file, "namespace, release or secrets missing");
  return backup as ReleaseBackup;
}
