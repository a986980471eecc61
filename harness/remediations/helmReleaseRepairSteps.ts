// The release repairs as scenario steps:
//   helmReleaseBackup       — before the fault: the release's records from etcd, to a backup file
//   helmReleaseRestore      — restore missing records from that backup (or a named file)
//   helmReleaseStatusPatch  — mark the newest revision deployed (dryRun, expectChange for idempotency)
// Each writes its own pre-change backup (see the modules); the step output carries the file paths.

import type { StepKind } from "../scenario/kindTypes.js";
import { backupReleaseFromEtcd } from "./etcdReleaseBackup.js";
import { listReleaseSecrets } from "./helmReleaseStore.js";
import { restoreReleaseFromBackup } from "./helmReleaseRestore.js";
import { statusPatchRelease } from "./helmReleaseStatusPatch.js";
import { defaultBackupDir } from "./releaseBackup.js";
import type { ReleaseSecrets } from "./helmReleaseRecord.js";
import { RepairImpossibleError } from "./repairImpossibleError.js";

export interface BackupParams {
  release: string;
  namespace?: string;
}

export interface RestoreParams {
  release: string;
  /** Id of an earlier helmReleaseBackup step whose file to restore. */
  backupFrom?: string;
  /** Or a backup file path. */
  backupFile?: string;
  dryRun?: boolean;
  /** Fail unless the restore did (true) / did not (false) create records: asserts idempotency. */
  expectChange?: boolean;
  namespace?: string;
}

export interface StatusPatchParams {
  release: string;
  dryRun?: boolean;
  /** Fail unless the repair did (true) / did not (false) change records: asserts idempotency. */
  expectChange?: boolean;
  namespace?: string;
}

export const helmReleaseBackupStep: StepKind<BackupParams> = {
  kind: "helmReleaseBackup",
  summary: "Back up a Helm release's records from etcd (etcdctl in the etcd pod) to a backup file.",
  shorthand: "release",
  defaultTimeoutMs: 60_000,
  paramsSchema: { type: "object", additionalProperties: false, required: ["release"], properties: { release: { type: "string" }, namespace: { type: "string" } } },
  describe: (params) => `back up release ${params.release} from etcd`,
  async run(params, context) {
    const namespace = params.namespace ?? context.namespace;
    const result = await backupReleaseFromEtcd(context.kube, namespace, params.release, {
      backupDir: defaultBackupDir(),
      reason: `before fault ${context.runId}`,
      timeoutMs: context.timeoutMs,
      signal: context.signal,
    });
    const skipped = result.notBackedUp ? `; not backed up (not helm.sh/release.v1 records): ${result.notBackedUp}` : "";
    return { detail: `v${result.revisions.join(", v")} from ${result.pod} at etcd revision ${result.etcdRevision} → ${result.file}${skipped}`, output: result };
  },
};

export const helmReleaseRestoreStep: StepKind<RestoreParams> = {
  kind: "helmReleaseRestore",
  summary: "Restore a Helm release's missing records from a backup (backs up first; dry run; idempotent).",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["release"],
    properties: {
      release: { type: "string" },
      backupFrom: { type: "string" },
      backupFile: { type: "string" },
      dryRun: { type: "boolean" },
      expectChange: { type: "boolean" },
      namespace: { type: "string" },
    },
    oneOf: [{ required: ["backupFrom"] }, { required: ["backupFile"] }],
  },
  describe: (params) => `restore release ${params.release} from ${params.backupFrom ? `the backup of step ${params.backupFrom}` : params.backupFile}${params.dryRun ? " (dry run)" : ""}`,
  async run(params, context) {
    let file = params.backupFile;
    if (params.backupFrom) {
      const output = context.outputs.get(params.backupFrom) as { file?: string } | undefined;
      if (!output?.file) throw new Error(`step ${params.backupFrom} left no backup file: it must be a helmReleaseBackup step that ran before this one`);
      file = output.file;
    }
    const namespace = params.namespace ?? context.namespace;
    const result = await withHint(restoreReleaseFromBackup(context.kube, namespace, params.release, context.resolvePath(file!), {
      dryRun: params.dryRun ?? false,
      backupDir: defaultBackupDir(),
      timeoutMs: Math.min(context.timeoutMs, context.kube.requestTimeoutMs),
      signal: context.signal,
      log: (line) => context.log.info(line),
    }));
    if (params.expectChange !== undefined && result.changed !== params.expectChange) {
      throw new Error(`expected the restore ${params.expectChange ? "to create records" : "to change nothing (idempotency)"}, but it ${result.changed ? "created records" : "changed nothing"}: ${result.text}`);
    }
    return { detail: result.text.replace(/\n\s*/g, "; "), output: result };
  },
};

export const helmReleaseStatusPatchStep: StepKind<StatusPatchParams> = {
  kind: "helmReleaseStatusPatch",
  summary: "Mark a Helm release's newest revision deployed (JSON and status label); backs up first, dry run, idempotent.",
  shorthand: "release",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["release"],
    properties: { release: { type: "string" }, dryRun: { type: "boolean" }, expectChange: { type: "boolean" }, namespace: { type: "string" } },
  },
  describe: (params) => `status-patch release ${params.release}${params.dryRun ? " (dry run)" : ""}`,
  async run(params, context) {
    const namespace = params.namespace ?? context.namespace;
    const request = { timeoutMs: Math.min(context.timeoutMs, context.kube.requestTimeoutMs), signal: context.signal };
    const before = versions(await listReleaseSecrets(context.kube, namespace, params.release, request));
    const result = await withHint(
      statusPatchRelease(context.kube, namespace, params.release, {
        dryRun: params.dryRun ?? false,
        backupDir: defaultBackupDir(),
        ...request,
        log: (line) => context.log.info(line),
      }),
    );
    const after = versions(await listReleaseSecrets(context.kube, namespace, params.release, request));
    // Proven, not assumed: a dry run (or a no-op second run) must leave every record untouched.
    const touched = before !== after;
    if ((params.dryRun || !result.changed) && touched) throw new Error(`records changed although the repair reported no change (before ${before}, after ${after})`);
    if (params.expectChange !== undefined && result.changed !== params.expectChange) {
      throw new Error(`expected the repair ${params.expectChange ? "to change records" : "to change nothing (idempotency)"}, but it ${result.changed ? "changed records" : "changed nothing"}: ${result.text}`);
    }
    return { detail: result.text.replace(/\n\s*/g, "; "), output: result };
  },
};

/** Step failures show only the message, so a refusal's "what to do instead" goes into it. */
async function withHint<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RepairImpossibleError) throw new Error(`${error.message}; next: ${error.hint}`, { cause: error });
    throw error;
  }
}

/** Every release Secret with its resourceVersion — unreadable ones too, so a write to any of them shows. */
function versions(found: ReleaseSecrets): string {
  const readable = found.records.map((record) => `${record.secretName}@${record.secret.metadata?.resourceVersion ?? "?"}`);
  const unreadable = found.unreadable.map((secret) => `${secret.secretName}@(unreadable)`);
  return [...readable, ...unreadable].sort().join(",");
}
