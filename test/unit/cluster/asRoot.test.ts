// The bootstrap's privileged-step helper (as_root in clusters/bootstrap/lib.sh), with stand-ins for
// `id` and `sudo` on a PATH of their own (no /usr/bin, where a real sudo may live), so that every
// case runs the same whoever runs the tests.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const LIB = fileURLToPath(new URL("../../../../clusters/bootstrap/lib.sh", import.meta.url));

function standIn(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, "bin", name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, "bin", name), 0o755);
}

/** Runs script after sourcing lib.sh, as a user with the given uid and sudo that either works or asks for a password. */
function asUser(dir: string, uid: number, sudo: "passwordless" | "password" | "absent", script: string) {
  mkdirSync(join(dir, "bin"), { recursive: true });
  // The only other programs lib.sh and these cases run.
  for (const tool of ["dirname", "touch", "true"]) symlinkSync(`/usr/bin/${tool}`, join(dir, "bin", tool));
  standIn(dir, "id", `case "$1" in -u) echo ${uid} ;; -un) echo tester ;; *) exit 1 ;; esac`);
  if (sudo === "passwordless") standIn(dir, "sudo", `echo "sudo $*" >> "${dir}/sudo.log"; [ "$1" = -n ] || exit 2; shift; exec "$@"`);
  if (sudo === "password") standIn(dir, "sudo", `echo "sudo $*" >> "${dir}/sudo.log"; echo "sudo: a password is required" >&2; exit 1`);
  return spawnSync("/bin/bash", ["-c", `set -euo pipefail\nsource ${JSON.stringify(LIB)}\n${script}`], {
    env: { PATH: join(dir, "bin"), HOME: dir },
    encoding: "utf8",
    timeout: 10_000,
  });
}

describe("as_root (clusters/bootstrap/lib.sh)", () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "as-root-")); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it("runs the step directly when root, without sudo", () => {
    const result = asUser(dir, 0, "passwordless", `as_root touch ${dir}/done`);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(join(dir, "done")));
    assert.ok(!existsSync(join(dir, "sudo.log")), "sudo was not called");
  });

  it("runs the step through sudo -n for a user with passwordless sudo", () => {
    const result = asUser(dir, 1000, "passwordless", `as_root touch ${dir}/done`);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(join(dir, "done")));
    assert.match(readFileSync(join(dir, "sudo.log"), "utf8"), new RegExp(`^sudo -n touch ${dir}/done$`, "m"));
  });

  it("stops with one message naming the step and the fix when sudo needs a password", () => {
    const result = asUser(dir, 1000, "password", `as_root touch ${dir}/done\necho "went on"`);
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /went on/);
    assert.ok(!existsSync(join(dir, "done")));
    assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /^ERROR: 'touch .*\/done' needs root: run as root, or give tester passwordless sudo \(check with: sudo -n true\)\.$/m);
  });

  it("says the same when there is no sudo at all", () => {
    const result = asUser(dir, 1000, "absent", `as_root touch ${dir}/done`);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /needs root: run as root, or give tester passwordless sudo/);
  });

  it("puts the sbin directories on PATH, where debootstrap, chroot and dockerd live", () => {
    const result = asUser(dir, 1000, "absent", 'echo "$PATH"');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), `${join(dir, "bin")}:/usr/local/sbin:/usr/sbin:/sbin`);
  });
});
