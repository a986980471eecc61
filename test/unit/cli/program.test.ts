import assert from "node:assert/strict";

import { CommanderError } from "commander";

import type { CliIO } from "../../../harness/cli/cliIO.js";
import { ExitCode } from "../../../harness/cli/exitCodes.js";
import { buildProgram, exitCodeForCommander, type CommandHandlers, type ExitSlot } from "../../../harness/cli/program.js";
import { RepairRegistry } from "../../../harness/cli/repairRegistry.js";

interface Call {
  command: string;
  options: unknown;
}

function harness(repairs = new RepairRegistry()) {
  const calls: Call[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const record = (command: string) => async (options: unknown) => {
    calls.push({ command, options });
    return ExitCode.Ok;
  };
  const handlers: CommandHandlers = {
    run: record("run"),
    list: record("list"),
    explain: record("explain"),
    clean: record("clean"),
    doctor: record("doctor"),
    init: record("init"),
    compare: record("compare"),
  };
  const slot: ExitSlot = { code: undefined };
  const parse = async (...argv: string[]) => {
    try {
      await buildProgram(handlers, repairs, io, slot, "9.9.9").parseAsync(argv, { from: "user" });
      return slot.code;
    } catch (e) {
      if (e instanceof CommanderError) return exitCodeForCommander(e);
      throw e;
    }
  };
  return { calls, out, err, parse, slot };
}

describe("gameday argument parsing", () => {
  it("parses run with scenarios, repeated variants and every flag", async () => {
    const h = harness();
    const code = await h.parse("run", "probe-cycle", "./mine", "--variant", "guarded", "--variant", "unguarded", "--keep-cluster", "--offline", "--reports", "out", "--image", "n:1", "--train", "--debug");
    assert.equal(code, ExitCode.Ok);
    assert.deepEqual(h.calls, [
      {
        command: "run",
        options: { debug: true, scenarios: ["probe-cycle", "./mine"], variants: ["guarded", "unguarded"], keepCluster: true, offline: true, train: true, reports: "out", image: "n:1" },
      },
    ]);
  });

  it("defaults run to every scenario, every variant, nothing kept, online", async () => {
    const h = harness();
    await h.parse("run");
    assert.deepEqual(h.calls[0]?.options, { debug: false, scenarios: [], variants: [], keepCluster: false, offline: false, train: false });
  });

  it("passes --context and --allow-context through untouched", async () => {
    const h = harness();
    await h.parse("run", "x", "--context", "staging", "--allow-context", "staging");
    assert.deepEqual(h.calls[0]?.options, { debug: false, scenarios: ["x"], variants: [], keepCluster: false, offline: false, train: false, context: "staging", allowContext: "staging" });
  });

  it("parses the other commands", async () => {
    const h = harness();
    await h.parse("list", "--json");
    await h.parse("explain", "probe-cycle", "--variant", "v1");
    await h.parse("clean", "--dry-run", "--include-unrecorded");
    await h.parse("doctor");
    await h.parse("init", "scenarios/new-one", "--name", "new-one");
    await h.parse("compare", "reports/a", "reports/b", "--before-label", "Kubernetes 1.33", "--out", "cmp.md");
    assert.deepEqual(
      h.calls.map((c) => [c.command, c.options]),
      [
        ["list", { debug: false, json: true }],
        ["explain", { debug: false, scenario: "probe-cycle", variant: "v1" }],
        ["clean", { debug: false, dryRun: true, force: false, includeUnrecorded: true }],
        ["doctor", { debug: false }],
        ["init", { debug: false, path: "scenarios/new-one", force: false, name: "new-one" }],
        ["compare", { debug: false, before: "reports/a", after: "reports/b", beforeLabel: "Kubernetes 1.33", out: "cmp.md" }],
      ],
    );
  });

  it("turns usage errors into exit code 2 without running anything", async () => {
    const h = harness();
    assert.equal(await h.parse("bogus"), ExitCode.BadInput);
    assert.equal(await h.parse("run", "--no-such-flag"), ExitCode.BadInput);
    assert.equal(await h.parse("explain"), ExitCode.BadInput, "missing <scenario>");
    assert.equal(await h.parse("run", "--variant"), ExitCode.BadInput, "option without its value");
    assert.equal(await h.parse("compare", "reports/a"), ExitCode.BadInput, "compare needs two runs");
    assert.equal(await h.parse(), ExitCode.BadInput, "no command at all");
    assert.deepEqual(h.calls, []);
    assert.match(h.err.join(""), /unknown command 'bogus'/);
  });

  it("prints help with the exit-code table on --help everywhere, exit 0", async () => {
    for (const argv of [["--help"], ["run", "--help"], ["clean", "--help"], ["repair", "--help"], ["help", "run"]]) {
      const h = harness();
      assert.equal(await h.parse(...argv), ExitCode.Ok, argv.join(" "));
      assert.match(h.out.join(""), /Usage: gameday/, argv.join(" "));
    }
    const h = harness();
    await h.parse("run", "--help");
    assert.match(h.out.join(""), /3 +infrastructure failure/);
  });

  it("plugs repair modules in through the registry", async () => {
    const seen: unknown[] = [];
    const repairs = new RepairRegistry().register({
      name: "helm-release",
      summary: "fix a release",
      define: (c) => c.argument("<target>").option("--dry-run", "", false),
      run: async ({ args, options }) => {
        seen.push({ args, options });
        return ExitCode.ExpectationsFailed;
      },
    });
    const h = harness(repairs);
    assert.equal(await h.parse("repair", "helm-release", "shop/web", "--dry-run"), ExitCode.ExpectationsFailed);
    assert.deepEqual(seen, [{ args: ["shop/web"], options: { dryRun: true } }]);
    assert.equal(await h.parse("repair"), ExitCode.BadInput, "a bare group shows help and is not success");
  });

  it("refuses to register the same repair twice", () => {
    const module = { name: "ca", summary: "", define: () => undefined, run: async () => ExitCode.Ok };
    assert.throws(() => new RepairRegistry().register(module).register(module), /twice/);
  });
});
