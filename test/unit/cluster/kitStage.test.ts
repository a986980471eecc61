// The image kit's stage bookkeeping (clusters/images/stage.sh), driven through bash as build.sh
// drives it, on a throwaway cache: a stage stops at its first failing command, nothing is marked
// complete that its verification rejects, and a cached entry that fails verification is rebuilt.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const KIT_DIR = fileURLToPath(new URL("../../../../clusters/images/", import.meta.url));
const KEY = "0123456789abcdef";

// What every case's stage is made of: a small but real tar archive as the output, and the check a
// rootfs stage uses as its verification.
const STAGE_HELPERS = `
make_tar() { mkdir -p "$OUT/tree"; echo hello > "$OUT/tree/file"; tar -C "$OUT/tree" -cf "$OUT/rootfs.tar" .; rm -rf "$OUT/tree"; }
verify_demo() { echo "$OUT" >> "$KUBE_GAMEDAY_CACHE/verify-calls"; verify_tar "$OUT/rootfs.tar" 0; }
`;

interface ShellResult { status: number | null; stdout: string; stderr: string }

/** Sources lib.sh and stage.sh as build.sh does (errexit, pipefail, inherit_errexit), then runs script. */
function kitShell(cache: string, script: string): ShellResult {
  const preamble = [
    "set -euo pipefail",
    "shopt -s inherit_errexit",
    `KIT_DIR=${JSON.stringify(KIT_DIR)}`,
    'source "$KIT_DIR/../bootstrap/lib.sh"',
    'source "$KIT_DIR/stage.sh"',
    'FORCE=""',
  ].join("\n");
  const result = spawnSync("bash", ["-c", `${preamble}\n${STAGE_HELPERS}\n${script}`], {
    env: { ...process.env, KUBE_GAMEDAY_CACHE: cache },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** How many times the stage's verification ran. */
function verifyCalls(cache: string): number {
  const file = join(cache, "verify-calls");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").length : 0;
}

/** Every `.complete` marker under the cache, relative to it. */
function completeMarkers(cache: string): string[] {
  const kit = join(cache, "kit");
  if (!existsSync(kit)) return [];
  return readdirSync(kit).filter((dir) => existsSync(join(kit, dir, ".complete")));
}

describe("kit stages (clusters/images/stage.sh)", function () {
  let cache: string;
  beforeEach(() => { cache = mkdtempSync(join(tmpdir(), "kit-stage-")); });
  afterEach(() => { rmSync(cache, { recursive: true, force: true }); });

  it("fails a stage at its first failing command, even when its last one succeeds", () => {
    // The shape of the bug: debootstrap not found, then the tar and a successful last command.
    const result = kitShell(cache, `
build_demo() { debootstrap-not-on-this-path --variant=minbase; make_tar; echo finished; }
run_stage demo ${KEY} build_demo verify_demo
echo "after run_stage"`);
    assert.notEqual(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /after run_stage/);
    assert.match(result.stderr, /stage demo failed/);
    assert.match(result.stderr, /debootstrap-not-on-this-path/, "the log tail names the failing command");
    assert.deepEqual(completeMarkers(cache), []);
    assert.deepEqual(readdirSync(join(cache, "kit")), [], "the scratch directory is removed");
  });

  it("does not mark a stage complete when its outputs fail verification", () => {
    const result = kitShell(cache, `
build_demo() { : > "$OUT/rootfs.tar"; }
run_stage demo ${KEY} build_demo verify_demo`);
    assert.notEqual(result.status, 0, result.stderr);
    assert.match(result.stderr, /stage demo built, but its outputs fail verification/);
    assert.match(result.stderr, /rootfs\.tar is not a tar archive/);
    assert.deepEqual(completeMarkers(cache), []);
  });

  it("marks a verified stage complete and keeps the caller's errexit as it was", () => {
    const result = kitShell(cache, `
build_demo() { make_tar; }
run_stage demo ${KEY} build_demo verify_demo
[[ $- == *e* ]] && echo "errexit on"
set +e
run_stage demo ${KEY} build_demo verify_demo
[[ $- == *e* ]] || echo "errexit still off"`);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /errexit on\nerrexit still off/);
    assert.deepEqual(completeMarkers(cache), [`demo-${KEY}`]);
    assert.ok(statSync(join(cache, "kit", `demo-${KEY}`, "rootfs.tar")).size > 0);
  });

  it("rebuilds a cached entry that fails verification (a 0-byte rootfs.tar marked complete)", () => {
    const entry = join(cache, "kit", `demo-${KEY}`);
    mkdirSync(entry, { recursive: true });
    writeFileSync(join(entry, ".complete"), "built by a stage.sh that ignored failures\n");
    writeFileSync(join(entry, "rootfs.tar"), "");
    const result = kitShell(cache, `
build_demo() { make_tar; touch "$OUT/rebuilt"; }
run_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /stage demo: cached output fails verification, rebuilding/);
    assert.ok(existsSync(join(entry, "rebuilt")), "the build ran again");
    assert.ok(statSync(join(entry, "rootfs.tar")).size > 0);
    assert.deepEqual(completeMarkers(cache), [`demo-${KEY}`]);
  });

  it("uses a verified cached entry whose files are unchanged without building or verifying it again", () => {
    const first = kitShell(cache, `build_demo() { make_tar; }\nrun_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(verifyCalls(cache), 1, "verified once, after the build");
    const second = kitShell(cache, `build_demo() { touch "$KUBE_GAMEDAY_CACHE/built-again"; make_tar; }\nrun_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /stage demo: cached \(/);
    assert.ok(!existsSync(join(cache, "built-again")));
    assert.equal(verifyCalls(cache), 1, "a warm run does not verify again");
  });

  it("verifies a verified entry again when its files changed, and rebuilds it when that fails", () => {
    const first = kitShell(cache, `build_demo() { make_tar; }\nrun_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(first.status, 0, first.stderr);
    truncateSync(join(cache, "kit", `demo-${KEY}`, "rootfs.tar"), 0);
    const second = kitShell(cache, `build_demo() { make_tar; touch "$OUT/rebuilt"; }\nrun_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /cached output fails verification, rebuilding/);
    assert.ok(existsSync(join(cache, "kit", `demo-${KEY}`, "rebuilt")));
    assert.ok(statSync(join(cache, "kit", `demo-${KEY}`, "rootfs.tar")).size > 0);
  });

  it("keeps an entry from a kit that did not verify when it passes now, and trusts it from then on", () => {
    const entry = join(cache, "kit", `demo-${KEY}`);
    const seeded = kitShell(cache, `OUT=${JSON.stringify(entry)}; mkdir -p "$OUT"; make_tar`);
    assert.equal(seeded.status, 0, seeded.stderr);
    writeFileSync(join(entry, ".complete"), "built 2026-12-01T00:00:00Z in 9s\n");
    const build = `build_demo() { touch "$KUBE_GAMEDAY_CACHE/built-again"; make_tar; }\nrun_stage demo ${KEY} build_demo verify_demo`;
    const second = kitShell(cache, build);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /stage demo: cached, verified again/);
    const third = kitShell(cache, build);
    assert.equal(third.status, 0, third.stderr);
    assert.match(third.stderr, /stage demo: cached \(/);
    assert.equal(verifyCalls(cache), 1);
    assert.ok(!existsSync(join(cache, "built-again")));
  });

  it("prunes only its own stage: a stage whose name merely starts the same is left alone", () => {
    const kit = join(cache, "kit");
    for (const dir of ["demo-fedcba9876543210.partial.999999999", "demo-extra-fedcba9876543210", "demo-extra-fedcba9876543210.partial.999999999"]) {
      mkdirSync(join(kit, dir), { recursive: true });
    }
    const result = kitShell(cache, `build_demo() { make_tar; }\nrun_stage demo ${KEY} build_demo verify_demo`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readdirSync(kit).sort(), [`demo-${KEY}`, "demo-extra-fedcba9876543210", "demo-extra-fedcba9876543210.partial.999999999"].sort());
  });

  it("refuses to run a stage where bash would ignore errexit (under if, ||, &&)", () => {
    const result = kitShell(cache, `
build_demo() { false; make_tar; }
if run_stage demo ${KEY} build_demo verify_demo; then echo "stage passed"; fi`);
    assert.notEqual(result.status, 0);
    assert.doesNotMatch(result.stdout, /stage passed/);
    assert.match(result.stderr, /plain statement/);
    assert.deepEqual(completeMarkers(cache), []);
  });

  it("requires a verification for every stage", () => {
    const result = kitShell(cache, `build_demo() { make_tar; }\nrun_stage demo ${KEY} build_demo`);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /no verification function/);
    assert.deepEqual(completeMarkers(cache), []);
  });

  it("keeps the three newest keys of a stage (two checkouts share the cache) and drops older ones", () => {
    const keys = ["1111111111111111", "2222222222222222", "3333333333333333", "4444444444444444"];
    // One build per key, oldest first; `touch -d` spaces them out so their order is unambiguous.
    const script = keys.map((key, index) => `run_stage demo ${key} make_tar verify_demo; touch -d "@$(( $(date +%s) - ${(keys.length - index) * 10} ))" "$KIT_CACHE/demo-${key}"`).join("\n");
    const result = kitShell(cache, script);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(completeMarkers(cache).sort(), ["demo-2222222222222222", "demo-3333333333333333", "demo-4444444444444444"]);
  });

  it("removes scratch directories of builds whose process is gone, never those of a live build", () => {
    const kit = join(cache, "kit");
    mkdirSync(join(kit, `demo-${KEY}.partial.999999999`), { recursive: true });
    mkdirSync(join(kit, `demo-${KEY}.partial.${process.pid}`), { recursive: true });
    const result = kitShell(cache, `run_stage demo fedcba9876543210 make_tar verify_demo`);
    assert.equal(result.status, 0, result.stderr);
    const left = readdirSync(kit).sort();
    assert.ok(!left.includes(`demo-${KEY}.partial.999999999`), left.join(", "));
    assert.ok(left.includes(`demo-${KEY}.partial.${process.pid}`), "a live build's scratch directory stays");
  });
});

