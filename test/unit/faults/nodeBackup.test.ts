import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertSafePath, dropBackupScript, listSnapshotsScript, restoreFilesScript, saveSnapshotScript, splitSavedSnapshots, writeWithBackupScript } from "../../../harness/faults/nodeBackup.js";

// The scripts run for real under sh, against a temporary folder standing in for the node's disk.
describe("node backup scripts", () => {
  let dir: string;
  const sh = (script: string, input?: string) => execFileSync("sh", ["-c", script], { encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "backup-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("backs up a replaced file once, removes a created one, and restores both in reverse order", () => {
    const root = path.join(dir, "backups");
    const existing = path.join(dir, "etc/networkd.conf");
    const created = path.join(dir, "etc/network/10-eth0.network");
    sh(`mkdir -p '${path.dirname(existing)}'`);
    writeFileSync(existing, "original\n");
    sh(writeWithBackupScript("run-1", existing, "0644", root), "first change\n");
    sh(writeWithBackupScript("run-1", existing, "0644", root), "second change\n");
    sh(writeWithBackupScript("run-1", created, "0600", root), "[Match]\nName=eth0\n");
    assert.equal(readFileSync(existing, "utf8"), "second change\n");
    assert.equal(readFileSync(created, "utf8"), "[Match]\nName=eth0\n");

    const report = sh(restoreFilesScript("run-1", root));
    assert.deepEqual(report.trim().split("\n"), [`removed ${created}`, `restored ${existing}`]);
    assert.equal(readFileSync(existing, "utf8"), "original\n", "the first backup (the original) wins");
    assert.equal(existsSync(created), false);
    sh(dropBackupScript("run-1", root));
    assert.equal(existsSync(path.join(root, "run-1")), false);
    assert.equal(sh(restoreFilesScript("run-1", root)).trim(), "nothing to restore");
  });

  it("saves routing snapshots and lists them back by name", () => {
    const root = path.join(dir, "backups");
    sh(saveSnapshotScript("run-2", "before-0000001000-flush", root), "### routes\n[]\n");
    sh(saveSnapshotScript("run-2", "before-0000002000-again", root), "second\n");
    const saved = splitSavedSnapshots(sh(listSnapshotsScript("run-2", root)));
    assert.deepEqual([...saved.keys()], ["before-0000001000-flush", "before-0000002000-again"]);
    assert.equal(saved.get("before-0000001000-flush")!.trim(), "### routes\n[]");
  });

  it("refuses paths and names that could escape quoting or the backup folder", () => {
    assert.throws(() => assertSafePath("relative/path"), /must be absolute/);
    assert.throws(() => assertSafePath("/etc/../root/x"), /no "\.\."/);
    assert.throws(() => assertSafePath("/etc/x'; rm -rf /"), /must be absolute/);
    assert.throws(() => writeWithBackupScript("run", "/etc/x", "rw"), /octal/);
    assert.throws(() => saveSnapshotScript("run", "a/b"), /snapshot name/);
    assert.throws(() => restoreFilesScript("../x"), /run id/);
  });
});
