// `gameday repair helm-release <namespace>/<release>`: the Helm release repairs from
// harness/remediations for a person at a terminal. Default: the status-patch repair (mark the
// newest revision deployed). --restore <file>: restore missing records from a backup.
// --backup-only: take an etcd backup of the release's records now (do this before you need it).
// Every mode that writes backs up first; --dry-run prints the change and writes nothing.

import type { Command } from "commander";
import { createKubeClients } from "../kube/kubeClients.js";
import { HarnessError } from "../cluster/harnessError.js";
import { backupReleaseFromEtcd } from "../remediations/etcdReleaseBackup.js";
import { restoreReleaseFromBackup } from "../remediations/helmReleaseRestore.js";
import { statusPatchRelease } from "../remediations/helmReleaseStatusPatch.js";
import { defaultBackupDir } from "../remediations/releaseBackup.js";
import { ExitCode } from "./exitCodes.js";
import type { RepairModule } from "./repairRegistry.js";
import { homedir } from "node:os";
import path from "node:path";

const TARGET = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;
const API_TIMEOUT_MS = 30_000;
const ETCD_TIMEOUT_MS = 60_000;

export interface HelmReleaseRepairOptions {
  dryRun?: boolean;
  restore?: string;
  backupOnly?: boolean;
  backupDir?: string;
  kubeconfig?: string;
  context?: string;
}

/** "<namespace>/<release>" → parts, or a typed input error saying the expected shape. */
export function parseReleaseTarget(target: string): { namespace: string; release: string } {
  const match = TARGET.exec(target);
  if (!match) throw new HarnessError("input", `"${target}" is not <namespace>/<release>`, { hint: "e.g. gameday repair helm-release shop/web" });
  return { namespace: match[1]!, release: match[3]! };
}

export const helmReleaseRepair: RepairModule = {
  name: "helm-release",
  summary: "repair a Helm release whose records (sh.helm.release.v1.* Secrets) were deleted: status-patch, or restore from a backup",
  define: (command: Command) =>
    command
      .argument("<namespace/release>", "the release to repair, e.g. shop/web")
      .option("--dry-run", "show what would change, change nothing", false)
      .option("--restore <backup.json>", "restore missing records from this backup file instead of status-patching")
      .option("--backup-only", "only back the release's records up from etcd (etcdctl in the etcd pod), change nothing", false)
      .option("--backup-dir <dir>", "where backups are written (default $KUBE_GAMEDAY_BACKUPS or ~/.cache/kube-gameday/backups)")
      .option("--kubeconfig <file>", "kubeconfig (default $KUBECONFIG or ~/.kube/config)")
      .option("--context <name>", "kubeconfig context (default: its current context)"),
  run: async ({ args, options, io }) => {
    const { namespace, release } = parseReleaseTarget(args[0] ?? "");
    const opts = options as HelmReleaseRepairOptions;
    if (opts.restore && opts.backupOnly) throw new HarnessError("input", "--restore and --backup-only exclude each other", { hint: "take the backup first, restore later" });
    const kubeconfig = opts.kubeconfig ?? process.env.KUBECONFIG?.split(path.delimiter)[0] ?? path.join(homedir(), ".kube", "config");
    const kube = createKubeClients(kubeconfig, opts.context, API_TIMEOUT_MS);
    const backupDir = opts.backupDir ?? defaultBackupDir();
    const repairOptions = { dryRun: opts.dryRun ?? false, backupDir, timeoutMs: API_TIMEOUT_MS, log: (line: string) => io.err(line) };

    if (opts.backupOnly) {
      if (opts.dryRun) {
        io.out(`dry run: would back up ${namespace}/${release} from etcd into ${backupDir}`);
        return ExitCode.Ok;
      }
      const result = await backupReleaseFromEtcd(kube, namespace, release, { backupDir, reason: "manual", timeoutMs: ETCD_TIMEOUT_MS });
      io.out(`backed up v${result.revisions.join(", v")} of ${namespace}/${release} from ${result.pod} (etcd revision ${result.etcdRevision})\n${result.file}`);
      if (result.notBackedUp) io.err(`not backed up (not helm.sh/release.v1 records): ${result.notBackedUp}`);
      return ExitCode.Ok;
    }
    const result = opts.restore
      ? await restoreReleaseFromBackup(kube, namespace, release, path.resolve(opts.restore), repairOptions)
      : await statusPatchRelease(kube, namespace, release, repairOptions);
    io.out(result.text);
    if (result.changed) io.out(`next: run \`helm upgrade ${release} … -n ${namespace}\` and check \`helm history ${release} -n ${namespace}\``);
    return ExitCode.Ok;
  },
};
