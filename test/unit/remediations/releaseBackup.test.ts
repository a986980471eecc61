import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BackupFileError, defaultBackupDir, readReleaseBackup, writeReleaseBackup } from "../../../harness/remediations/releaseBackup.js";
import { syntheticSecret } from "./releaseSecrets.js";

describe("release backups", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gd-backup-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a file only its owner can read, and reads it back", async () => {
    const secrets = [syntheticSecret("web", 1, "deployed")];
    const file = await writeReleaseBackup(dir, { namespace: "shop", release: "web", source: "etcd", reason: "before fault", secrets }, new Date("2026-01-01T00:00:00Z"));
    assert.equal(path.relative(dir, file), path.join("shop", "web", "2026-01-01T00-00-00-000Z-etcd-before-fault.json"));
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const back = await readReleaseBackup(file);
    assert.deepEqual(back.secrets, secrets);
    assert.equal(back.source, "etcd");
  });

  it("never overwrites an earlier backup", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const content = { namespace: "shop", release: "web", source: "api" as const, reason: "x", secrets: [] };
    await writeReleaseBackup(dir, content, at);
    await assert.rejects(writeReleaseBackup(dir, content, at), /EEXIST/);
  });

  it("refuses a file that is not a release backup, saying what to pass instead", async () => {
    const file = path.join(dir, "other.json");
    await writeFile(file, JSON.stringify({ hello: 1 }));
    await assert.rejects(readReleaseBackup(file), (error: unknown) => error instanceof BackupFileError && /unknown format.*gameday repair helm-release --backup-only/.test(error.message));
    assert.ok((await readFile(file, "utf8")).length > 0);
  });

  it("lives under the cache directory unless told otherwise", () => {
    assert.equal(defaultBackupDir({ KUBE_GAMEDAY_BACKUPS: "/b" }), "/b");
    assert.equal(defaultBackupDir({ KUBE_GAMEDAY_CACHE: "/c" }), path.join("/c", "backups"));
    assert.equal(defaultBackupDir({ XDG_CACHE_HOME: "/x" }), path.join("/x", "kube-gameday", "backups"));
  });
});
