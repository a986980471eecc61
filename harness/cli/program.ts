// The `gameday` command line: commands, arguments, options and help. Building the program does not
// run anything; handlers do. Tests build it with recording handlers to check parsing alone.
import { Command, CommanderError, Option } from "commander";

import type { CliIO } from "./cliIO.js";
import { EXIT_CODES_HELP, ExitCode, type ExitCodeValue } from "./exitCodes.js";
import type { RepairRegistry } from "./repairRegistry.js";

export interface GlobalOptions {
  debug: boolean;
}

export interface RunOptions extends GlobalOptions {
  scenarios: string[];
  /** Variants to run; empty: every variant of each scenario. */
  variants: string[];
  keepCluster: boolean;
  offline: boolean;
  /** Run on this kubeconfig context instead of a kind cluster. */
  context?: string;
  /** Allow faults on this context (must equal the context). */
  allowContext?: string;
  reports?: string;
  image?: string;
  /** Training mode: a person fixes the cluster at the remediation phase; the run grades the fix. */
  train: boolean;
}

export interface CommandHandlers {
  run(options: RunOptions): Promise<ExitCodeValue>;
  list(options: GlobalOptions & { json: boolean }): Promise<ExitCodeValue>;
  explain(options: GlobalOptions & { scenario: string; variant?: string }): Promise<ExitCodeValue>;
  clean(options: GlobalOptions & { force: boolean; includeUnrecorded: boolean; dryRun: boolean }): Promise<ExitCodeValue>;
  doctor(options: GlobalOptions): Promise<ExitCodeValue>;
  init(options: GlobalOptions & { path: string; name?: string; force: boolean }): Promise<ExitCodeValue>;
  compare(options: GlobalOptions & { before: string; after: string; beforeLabel?: string; afterLabel?: string; out?: string }): Promise<ExitCodeValue>;
}

/** Holds the exit code the action chose (commander actions cannot return one). */
export interface ExitSlot {
  code: ExitCodeValue | undefined;
}

export function buildProgram(handlers: CommandHandlers, repairs: RepairRegistry, io: CliIO, slot: ExitSlot, version: string): Command {
  const program = new Command("gameday");
  program
    .description("Replays real production failures on disposable kind clusters and checks that detectors and remediations behave.")
    .version(version, "-V, --version")
    .option("--debug", "print stack traces and causes of errors", false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n${EXIT_CODES_HELP}`);

  const global = (): GlobalOptions => ({ debug: program.opts<{ debug: boolean }>().debug === true });
  const act = (work: () => Promise<ExitCodeValue>) => async () => {
    slot.code = await work();
  };

  program
    .command("run")
    .description("run scenarios: every scenario under scenarios/ when none is named")
    .argument("[scenario...]", "built-in scenario name, a folder holding scenario.yaml, or the file itself")
    .addOption(new Option("--variant <name>", "run only this variant (repeatable; default: every variant)").argParser(collect).default([]))
    .option("--keep-cluster", "keep the clusters after the run (`gameday clean` removes them later)", false)
    .option("--offline", "never pull images: fail with the command that builds what is missing", false)
    .option("--context <name>", "run on this kubeconfig context instead of a kind cluster (faults refused unless allowed)")
    .option("--allow-context <name>", "allow faults on this context; must name it exactly (implies --context)")
    .option("--reports <dir>", "write reports here (default: reports/<run id>)")
    .option("--image <ref>", "kind node image (default: NODE_IMAGE of clusters/images/kit.lock)")
    .option("--train", "training mode: one scenario variant; after the fault a person fixes the cluster (hints on request) and the run grades the fix", false)
    .addHelpText("after", `\n${EXIT_CODES_HELP}`)
    .action(async (scenarios: string[], opts: { variant: string[]; keepCluster: boolean; offline: boolean; context?: string; allowContext?: string; reports?: string; image?: string; train: boolean }) => {
      const options: RunOptions = { ...global(), scenarios, variants: opts.variant, keepCluster: opts.keepCluster, offline: opts.offline, train: opts.train };
      if (opts.context !== undefined) options.context = opts.context;
      if (opts.allowContext !== undefined) options.allowContext = opts.allowContext;
      if (opts.reports !== undefined) options.reports = opts.reports;
      if (opts.image !== undefined) options.image = opts.image;
      await act(() => handlers.run(options))();
    });

  program
    .command("list")
    .description("list the built-in scenarios with their variants")
    .option("--json", "print JSON instead of a table", false)
    .action(async (opts: { json: boolean }) => act(() => handlers.list({ ...global(), json: opts.json }))());

  program
    .command("explain")
    .description("tell a scenario's story, its symptoms and what is asserted, per variant")
    .argument("<scenario>", "built-in scenario name, a folder holding scenario.yaml, or the file itself")
    .option("--variant <name>", "explain only this variant")
    .action(async (scenario: string, opts: { variant?: string }) =>
      act(() => handlers.explain({ ...global(), scenario, ...(opts.variant !== undefined ? { variant: opts.variant } : {}) }))(),
    );

  program
    .command("clean")
    .description("remove every cluster, container, volume and network the harness created (and only those)")
    .option("--dry-run", "only list what would be removed", false)
    .option("--force", "also remove clusters a live run is using", false)
    .option("--include-unrecorded", "also remove gameday-* kind clusters without a state record", false)
    .action(async (opts: { dryRun: boolean; force: boolean; includeUnrecorded: boolean }) => act(() => handlers.clean({ ...global(), ...opts }))());

  program
    .command("doctor")
    .description("check the host: Docker engine, pinned kind/helm/kubectl, node image, disk space")
    .action(async () => act(() => handlers.doctor(global()))());

  program
    .command("init")
    .description("write a starter scenario folder")
    .argument("<path>", "folder to create (its last part is the scenario name unless --name is given)")
    .option("--name <name>", "scenario name (lower-case letters, digits and '-')")
    .option("--force", "write into an existing folder, replacing scenario.yaml and README.md", false)
    .action(async (path: string, opts: { name?: string; force: boolean }) =>
      act(() => handlers.init({ ...global(), path, force: opts.force, ...(opts.name !== undefined ? { name: opts.name } : {}) }))(),
    );

  program
    .command("compare")
    .description("compare two runs of the same suite (e.g. before and after an upgrade): verdicts and TTD/TTR that moved, as Markdown; exit 1 on a regression")
    .argument("<before>", "report folder (reports/<run id>) or its result.json")
    .argument("<after>", "report folder or result.json of the later run")
    .option("--before-label <text>", "name for the first run, e.g. \"Kubernetes 1.33\" (default: its run id)")
    .option("--after-label <text>", "name for the second run (default: its run id)")
    .option("--out <file>", "also write the Markdown to this file")
    .action(async (before: string, after: string, opts: { beforeLabel?: string; afterLabel?: string; out?: string }) =>
      act(() => handlers.compare({ ...global(), before, after, ...definedOnly(opts) }))(),
    );

  const repair = program
    .command("repair")
    .description("runbooks as code: repair what a failure left broken (each backs up first and offers --dry-run)")
    .action(() => {
      // A group without a subcommand: show what it offers instead of doing nothing silently.
      repair.outputHelp();
      slot.code = ExitCode.BadInput;
    });
  for (const module of repairs.list()) {
    const sub = repair.command(module.name).description(module.summary);
    module.define(sub);
    sub.action(async (...received: unknown[]) => {
      // commander passes the positional values, then the options object, then the command.
      const command = received[received.length - 1] as Command;
      const args = received.slice(0, -2).flatMap((v) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]));
      await act(() => module.run({ args, options: command.opts(), io }))();
    });
  }

  return program;
}

/** Commander leaves absent options undefined; exactOptionalPropertyTypes wants them absent. */
function definedOnly<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Commander's own outcomes (help shown, version shown, usage error) as exit codes. */
export function exitCodeForCommander(err: CommanderError): ExitCodeValue {
  // --help and --version end with 0; help shown because a command was missing ends with 1.
  return err.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
}
