import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parse } from "yaml";

import { initCommand } from "../../../harness/cli/commands/init.js";
import { ExitCode } from "../../../harness/cli/exitCodes.js";

const io = { out: () => undefined, err: () => undefined };

describe("gameday init", () => {
  it("writes a scenario named after its folder, with manifests and a README", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "init-"));
    assert.equal(await initCommand(io, { path: "scenarios/pod-wipe", force: false }, cwd), ExitCode.Ok);
    const scenario = parse(await readFile(join(cwd, "scenarios/pod-wipe/scenario.yaml"), "utf8")) as Record<string, unknown>;
    assert.equal(scenario.name, "pod-wipe");
    for (const key of ["title", "story", "fault", "expect", "recover"]) assert.ok(scenario[key], key);
    assert.match(await readFile(join(cwd, "scenarios/pod-wipe/manifests/app.yaml"), "utf8"), /kind: Deployment/);
  });

  it("never overwrites without --force", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "init-"));
    await initCommand(io, { path: "s", force: false }, cwd);
    await assert.rejects(initCommand(io, { path: "s", force: false }, cwd), /already exists/);
    assert.equal(await initCommand(io, { path: "s", force: true }, cwd), ExitCode.Ok);
  });

  it("rejects names the scenario format does not allow", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "init-"));
    await assert.rejects(initCommand(io, { path: "My_Scenario", force: false }, cwd), /not a valid scenario name/);
    assert.equal(await initCommand(io, { path: "My_Scenario", name: "my-scenario", force: false }, cwd), ExitCode.Ok);
  });
});
