import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { KitLockError, parseKitLock, readKitLock } from "../../../harness/cluster/kitLock.js";

describe("kit lock", () => {
  it("reads KEY=VALUE lines, skipping comments and blanks", () => {
    const lock = parseKitLock("# kit\nKIND_VERSION=v0.33.0\n\nNODE_IMAGE=kindest/node:v1.34.4\nKUBERNETES_VERSION=v1.34.4\nEXTRA=a=b\n");
    assert.equal(lock.kindVersion, "v0.33.0");
    assert.equal(lock.nodeImage, "kindest/node:v1.34.4");
    assert.equal(lock.kubernetesVersion, "v1.34.4");
    assert.equal(lock.helmVersion, undefined);
    assert.equal(lock.values.EXTRA, "a=b");
  });

  it("points at the line of a malformed entry", () => {
    assert.throws(() => parseKitLock("A=1\nnot a pair\n", "kit.lock"), /kit\.lock:2: expected KEY=VALUE/);
  });

  it("says how to build the kit when the file is missing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kitlock-"));
    await assert.rejects(readKitLock(join(dir, "kit.lock")), (err: unknown) => err instanceof KitLockError && /npm run kit/.test(err.hint ?? ""));
    await writeFile(join(dir, "kit.lock"), "NODE_IMAGE=x:1\n");
    assert.equal((await readKitLock(join(dir, "kit.lock"))).nodeImage, "x:1");
  });
});
