import assert from "node:assert/strict";
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { resolveTool, ToolNotFoundError, toolsDir } from "../../../harness/cluster/toolPaths.js";

describe("pinned tool paths", () => {
  it("defaults to <repo>/.tools/bin", () => {
    assert.equal(toolsDir({}), join(repoRoot(), ".tools", "bin"));
  });

  it("finds the repository root from the compiled module", async () => {
    const { readFile } = await import("node:fs/promises");
    const manifest = JSON.parse(await readFile(join(repoRoot(), "package.json"), "utf8")) as { name: string };
    assert.equal(manifest.name, "kube-gameday");
  });

  it("resolves an executable from KUBE_GAMEDAY_TOOLS_DIR", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tools-"));
    await writeFile(join(dir, "kind"), "#!/bin/sh\n");
    await chmod(join(dir, "kind"), 0o755);
    assert.equal(await resolveTool("kind", { KUBE_GAMEDAY_TOOLS_DIR: dir }), join(dir, "kind"));
  });

  it("says to run the bootstrap when a tool is missing or not executable", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tools-"));
    await writeFile(join(dir, "helm"), "not executable");
    for (const tool of ["kubectl", "helm"] as const) {
      await assert.rejects(resolveTool(tool, { KUBE_GAMEDAY_TOOLS_DIR: dir }), (err: unknown) => {
        assert.ok(err instanceof ToolNotFoundError);
        assert.equal(err.category, "infrastructure");
        assert.match(err.hint ?? "", /bash clusters\/bootstrap\/ensure-host\.sh/);
        return true;
      });
    }
  });
});
