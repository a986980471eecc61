import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { CliIO } from "../../../harness/cli/cliIO.js";
import { contextFromOptions } from "../../../harness/cli/commands/run.js";
import { ExitCode } from "../../../harness/cli/exitCodes.js";
import { main } from "../../../harness/cli/main.js";
import type { RunRequest, ScenarioEngine, ScenarioSummary } from "../../../harness/cli/scenarioEngine.js";
import { HarnessError } from "../../../harness/cluster/harnessError.js";
import type { RunResult, Verdict } from "../../../harness/scenario/runResult.js";

function summary(file: string, variants: string[] = []): ScenarioSummary {
  return {
    file,
    dir: file,
    name: "demo",
    title: "Demo",
    story: "s",
    hints: [],
    cluster: { controlPlanes: 1, workers: 0 },
    steady: { expect: [] },
    detectors: [],
    fault: [],
    expect: [],
    remediate: [],
    recover: [],
    variants: variants.map((name) => ({ name })),
  };
}

/** An engine that returns a canned verdict and remembers what it was asked. */
function fakeEngine(verdict: Verdict | Error, variants: string[] = []): ScenarioEngine & { requests: RunRequest[] } {
  const requests: RunRequest[] = [];
  return {
    requests,
    load: async (file) => summary(file, variants),
    run: async (request) => {
      requests.push(request);
      if (verdict instanceof Error) throw verdict;
      const result: RunResult = {
        runId: request.runId,
        startedWall: new Date().toISOString(),
        durationMs: 5,
        tools: {},
        scenarios: [
          {
            scenario: "demo",
            variant: "default",
            title: "Demo",
            verdict,
            startedAt: 0,
            endedAt: 5,
            faultAt: null,
            cluster: { provider: "kind", name: "gameday-x" },
            expectations: [{ id: "e1", phase: "expect", description: "d", verdict }],
            probes: [],
            timeline: [],
          },
        ],
      };
      return result;
    },
  };
}

async function scenarioDir(): Promise<{ dir: string; reports: string }> {
  const root = await mkdtemp(join(tmpdir(), "main-"));
  const dir = join(root, "demo");
  await mkdir(dir);
  await writeFile(join(dir, "scenario.yaml"), "name: demo\n");
  return { dir, reports: join(root, "reports") };
}

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join("\n") };
}

describe("gameday run, end to end through main() with a stand-in engine", () => {
  it("exits 0 and writes the reports when every expectation passed", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    const engine = fakeEngine("passed");
    assert.equal(await main(["run", dir, "--reports", reports], io, engine), ExitCode.Ok);
    assert.deepEqual((await readdir(reports)).sort(), ["junit.xml", "report.html", "result.json", "summary.md"]);
    assert.equal(engine.requests[0]?.scenarios[0]?.file, join(dir, "scenario.yaml"));
    assert.equal(engine.requests[0]?.provider.constructor.name, "KindProvider");
  });

  it("exits 1 when an expectation failed, and still writes reports", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    assert.equal(await main(["run", dir, "--reports", reports], io, fakeEngine("failed")), ExitCode.ExpectationsFailed);
    assert.match(io.text(), /FAILED +demo \[default\]\n  failed e1: d/);
    assert.equal((await readdir(reports)).length, 4);
  });

  it("exits 3 with one message and no stack when the infrastructure fails", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    const code = await main(["run", dir, "--reports", reports], io, fakeEngine(new HarnessError("infrastructure", "kind create timed out", { hint: "run gameday doctor" })));
    assert.equal(code, ExitCode.Infrastructure);
    assert.match(io.text(), /error: kind create timed out\nnext: run gameday doctor/);
    assert.doesNotMatch(io.text(), /\n\s+at /, "no stack trace without --debug");
  });

  it("prints the stack with --debug", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    await main(["run", dir, "--reports", reports, "--debug"], io, fakeEngine(new HarnessError("infrastructure", "boom")));
    assert.match(io.text(), /\n\s+at /);
  });

  it("exits 2 for an unknown variant before anything runs", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    const engine = fakeEngine("passed", ["guarded", "unguarded"]);
    assert.equal(await main(["run", dir, "--variant", "gaurded", "--reports", reports], io, engine), ExitCode.BadInput);
    assert.match(io.text(), /no variant "gaurded"/);
    assert.equal(engine.requests.length, 0);
  });

  it("runs on an existing context when --allow-context names it", async () => {
    const { dir, reports } = await scenarioDir();
    const engine = fakeEngine("passed");
    assert.equal(await main(["run", dir, "--allow-context", "staging", "--reports", reports], capture(), engine), ExitCode.Ok);
    assert.equal(engine.requests[0]?.provider.constructor.name, "ExistingProvider");
  });
});

describe("safety on an existing context", () => {
  it("refuses with exit 4, before anything runs, when --context is not also allowed", async () => {
    const { dir, reports } = await scenarioDir();
    const io = capture();
    const engine = fakeEngine("passed");
    const withFault = { ...engine, load: async (file: string) => ({ ...summary(file), fault: [{ id: "f", kind: "delete" }] }) };
    assert.equal(await main(["run", dir, "--context", "prod", "--reports", reports], io, withFault), ExitCode.Refused);
    assert.equal(engine.requests.length, 0);
    assert.match(io.text(), /refusing to run scenario demo \(its fault: delete\) on cluster "prod"/);
    assert.match(io.text(), /--allow-context prod/);
  });
});

describe("context flags", () => {
  it("uses --allow-context as the context when --context is absent", () => {
    assert.equal(contextFromOptions({ allowContext: "staging" }), "staging");
    assert.equal(contextFromOptions({ context: "staging", allowContext: "staging" }), "staging");
    assert.equal(contextFromOptions({}), undefined);
  });

  it("refuses an --allow-context that names another context than --context", () => {
    assert.throws(() => contextFromOptions({ context: "prod", allowContext: "staging" }), (err: unknown) => err instanceof HarnessError && err.category === "input");
  });

  it("refuses --image with a context", () => {
    assert.throws(() => contextFromOptions({ context: "c", image: "x" }), /kind clusters only/);
  });
});
