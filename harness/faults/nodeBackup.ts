// What a fault changes on a node is backed up first, on the node itself, so cleanup can put it back
// even if the harness process that made the change died: one folder per run under BACKUP_ROOT with
// a manifest ("replaced <path>" or "created <path>", in order) and copies of replaced files, plus
// routing snapshots taken before a routing change. Shell scripts built here, pure; the steps run them.

export const BACKUP_ROOT = "/var/lib/kube-gameday/backups";

const SAFE_PATH = /^\/[A-Za-z0-9._@/-]+$/;
const SAFE_ID = /^[A-Za-z0-9._-]+$/;

export function assertSafePath(path: string): void {
  if (!SAFE_PATH.test(path) || path.split("/").includes("..")) {
    throw new Error(`node path "${path}" must be absolute and use only letters, digits, ".", "_", "@", "-" and "/" (no ".."), so it can be backed up and restored safely`);
  }
}

export function backupDir(runId: string, root = BACKUP_ROOT): string {
  if (!SAFE_ID.test(runId)) throw new Error(`run id "${runId}" cannot name a backup folder`);
  return `${root}/${runId}`;
}

/**
 * Backs up `path` (once per run: a second write keeps the first, original copy), then replaces it
 * with stdin. Creates parent folders; the manifest records whether the file existed.
 */
export function writeWithBackupScript(runId: string, path: string, mode: string, root = BACKUP_ROOT): string {
  assertSafePath(path);
  if (!/^[0-7]{3,4}$/.test(mode)) throw new Error(`file mode "${mode}" must be octal, e.g. 0644`);
  const dir = backupDir(runId, root);
  return [
    "set -e",
    `mkdir -p '${dir}/files'`,
    `if ! grep -qx '[a-z]* ${path}' '${dir}/manifest' 2>/dev/null; then`,
    `  if [ -e '${path}' ]; then cp -a '${path}' '${dir}/files/${path.replace(/\//g, "_")}'; echo 'replaced ${path}' >> '${dir}/manifest';`,
    `  else echo 'created ${path}' >> '${dir}/manifest'; fi`,
    "fi",
    `mkdir -p "$(dirname '${path}')"`,
    `cat > '${path}.kube-gameday.tmp'`,
    `chmod ${mode} '${path}.kube-gameday.tmp'`,
    `mv '${path}.kube-gameday.tmp' '${path}'`,
  ].join("\n");
}

/** Saves a routing snapshot's raw output (stdin) under a name, for the restore step. */
export function saveSnapshotScript(runId: string, name: string, root = BACKUP_ROOT): string {
  if (!SAFE_ID.test(name)) throw new Error(`snapshot name "${name}" must use letters, digits, ".", "_", "-"`);
  const dir = backupDir(runId, root);
  return `set -e; mkdir -p '${dir}/routing'; cat > '${dir}/routing/${name}.txt'`;
}

/** Prints every saved routing snapshot, each preceded by a "=== <name>" line. */
export function listSnapshotsScript(runId: string, root = BACKUP_ROOT): string {
  const dir = backupDir(runId, root);
  return `for f in '${dir}'/routing/*.txt; do [ -e "$f" ] || continue; echo "=== $(basename "$f" .txt)"; cat "$f"; done`;
}

/** Restores files in reverse order of change, then removes the run's backup folder. Prints what it did. */
export function restoreFilesScript(runId: string, root = BACKUP_ROOT): string {
  const dir = backupDir(runId, root);
  return [
    "set -e",
    `[ -f '${dir}/manifest' ] || { echo 'nothing to restore'; exit 0; }`,
    `tac '${dir}/manifest' | while read -r how path; do`,
    `  case "$how" in`,
    `    replaced) cp -a "${dir}/files/$(echo "$path" | tr / _)" "$path"; echo "restored $path";;`,
    `    created) rm -f "$path"; echo "removed $path";;`,
    `  esac`,
    "done",
  ].join("\n");
}

export function dropBackupScript(runId: string, root = BACKUP_ROOT): string {
  return `rm -rf '${backupDir(runId, root)}'`;
}

/** Splits listSnapshotsScript's output into name → raw snapshot output. */
export function splitSavedSnapshots(output: string): Map<string, string> {
  const saved = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (name !== undefined) saved.set(name, lines.join("\n"));
  };
  for (const line of output.split("\n")) {
    if (line.startsWith("=== ")) {
      flush();
      name = line.slice(4).trim();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return saved;
}
