import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { resolveScenarioArgs, UnknownScenarioError } from "../../../harness/cli/scenarioPaths.js";

async function layout() {
  const root = await mkdtemp(join(tmpdir(), "scenarios-"));
  const scenariosDir = join(root, "repo", "scenarios");
  const cwd = join(root, "work");
  for (const name of ["probe-cycle", "helm-secrets"]) {
    await mkdir(join(scenariosDir, name), { recursive: true });
    await writeFile(join(scenariosDir, name, "scenario.yaml"), "name: x\n");
  }
  await mkdir(join(scenariosDir, "not-a-scenario"), { recursive: true }); // no scenario.yaml: ignored
  await mkdir(join(cwd, "mine"), { recursive: true });
  await writeFile(join(cwd, "mine", "scenario.yaml"), "name: mine\n");
  await mkdir(join(cwd, "probe-cycle"), { recursive: true });
  await writeFile(join(cwd, "probe-cycle", "scenario.yaml"), "name: local\n");
  await writeFile(join(cwd, "other.yaml"), "name: other\n");
  await mkdir(join(cwd, "empty"), { recursive: true });
  return { scenariosDir, cwd };
}

describe("scenario arguments", () => {
  it("runs every built-in scenario when none is named, in name order", async () => {
    const paths = await layout();
    const resolved = await resolveScenarioArgs([], paths);
    assert.deepEqual(
      resolved.map((r) => [r.arg, r.builtin]),
      [
        ["helm-secrets", true],
        ["probe-cycle", true],
      ],
    );
    assert.equal(resolved[0]?.file, join(paths.scenariosDir, "helm-secrets", "scenario.yaml"));
  });

  it("accepts a built-in name, a folder anywhere, or the file itself", async () => {
    const paths = await layout();
    const resolved = await resolveScenarioArgs(["helm-secrets", "mine", "./other.yaml", join(paths.cwd, "mine", "scenario.yaml")], paths);
    assert.deepEqual(
      resolved.map((r) => r.file),
      [join(paths.scenariosDir, "helm-secrets", "scenario.yaml"), join(paths.cwd, "mine", "scenario.yaml"), join(paths.cwd, "other.yaml")],
      "the same file named twice runs once",
    );
    assert.deepEqual(resolved.map((r) => r.builtin), [true, false, false]);
  });

  it("prefers the built-in for a bare name, the folder for a path", async () => {
    const paths = await layout();
    const [bare] = await resolveScenarioArgs(["probe-cycle"], paths);
    const [dotted] = await resolveScenarioArgs(["./probe-cycle"], paths);
    assert.equal(bare?.file, join(paths.scenariosDir, "probe-cycle", "scenario.yaml"));
    assert.equal(dotted?.file, join(paths.cwd, "probe-cycle", "scenario.yaml"));
  });

  it("rejects unknown names and folders without scenario.yaml, listing the built-ins", async () => {
    const paths = await layout();
    await assert.rejects(resolveScenarioArgs(["nope"], paths), (err: unknown) => {
      assert.ok(err instanceof UnknownScenarioError);
      assert.equal(err.category, "input");
      assert.match(err.hint ?? "", /helm-secrets, probe-cycle/);
      return true;
    });
    await assert.rejects(resolveScenarioArgs(["./empty"], paths), /holds no scenario\.yaml/);
    await assert.rejects(resolveScenarioArgs(["./missing.yaml"], paths), /does not exist/);
    await assert.rejects(resolveScenarioArgs([""], paths), UnknownScenarioError);
  });

  it("says so when there is no scenario at all", async () => {
    const root = await mkdtemp(join(tmpdir(), "scenarios-"));
    await assert.rejects(resolveScenarioArgs([], { scenariosDir: join(root, "none"), cwd: root }), /holds no scenario/);
  });
});
