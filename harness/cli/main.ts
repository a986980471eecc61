#!/usr/bin/env node
// gameday — the kube-gameday command line.
//
// Exit codes (CI can rely on them; `gameday --help` prints the same table):
//   0    every expectation of every scenario run passed (a run where nothing passed is not 0)
//   1    an expectation failed: the system under test misbehaved
//   2    bad input: unknown command, option, scenario or variant; invalid scenario file
//   3    infrastructure failure: Docker, kind, tools, cluster API or a deadline; nothing proven
//   4    refused for safety: a fault would have touched a cluster the harness may not use
//   70   internal error in the harness
//   130  interrupted (SIGINT/SIGTERM)
// When scenarios both fail and error, 1 wins: a real failure must not look like a flake to retry.
// Errors print as one message plus what to do next; --debug adds stack traces and causes.
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { CommanderError } from "commander";

import { repoRoot } from "../cluster/repoRoot.js";
import { processIO, type CliIO } from "./cliIO.js";
import { cleanCommand } from "./commands/clean.js";
import { compareCommand } from "./commands/compare.js";
import { doctorCommand } from "./commands/doctor.js";
import { explainCommand } from "./commands/explain.js";
import { initCommand } from "./commands/init.js";
import { listCommand } from "./commands/list.js";
import { runCommand } from "./commands/run.js";
import { builtinRepairs } from "./builtinRepairs.js";
import { defaultEngine } from "./defaultEngine.js";
import { errorMessage } from "./errorMessage.js";
import { ExitCode, exitCodeForError, type ExitCodeValue } from "./exitCodes.js";
import { buildProgram, exitCodeForCommander, type CommandHandlers, type ExitSlot } from "./program.js";
import { progressLog } from "./progressLog.js";
import type { ScenarioEngine } from "./scenarioEngine.js";

export async function main(argv: string[], io: CliIO = processIO, engine: ScenarioEngine = defaultEngine()): Promise<ExitCodeValue> {
  const paths = { scenariosDir: join(repoRoot(), "scenarios"), cwd: process.cwd() };
  const progress = progressLog(io);
  const interrupt = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) {
      io.err(`second ${signal}: exiting now; \`gameday clean\` removes what was left`);
      process.exit(ExitCode.Interrupted);
    }
    io.err(`${signal}: stopping after cleanup (press again to exit at once)`);
    interrupt.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const handlers: CommandHandlers = {
    run: (o) => runCommand(io, engine, o, paths, progress, interrupt.signal),
    list: (o) => listCommand(io, paths.scenariosDir, o.json),
    explain: (o) => explainCommand(io, engine, paths, o.scenario, o.variant),
    clean: (o) => cleanCommand(io, o, progress),
    doctor: () => doctorCommand(io),
    init: (o) => initCommand(io, o, paths.cwd),
    compare: (o) => compareCommand(io, o, paths.cwd),
  };
  const slot: ExitSlot = { code: undefined };
  const program = buildProgram(handlers, builtinRepairs(), io, slot, packageVersion());
  try {
    await program.parseAsync(argv, { from: "user" });
    const code = slot.code ?? ExitCode.Ok;
    return interrupt.signal.aborted && code === ExitCode.Ok ? ExitCode.Interrupted : code;
  } catch (err) {
    // Commander already printed its own usage errors and help.
    if (err instanceof CommanderError) return exitCodeForCommander(err);
    const debug = argv.includes("--debug");
    io.err(errorMessage(err, debug));
    return interrupt.signal.aborted ? ExitCode.Interrupted : exitCodeForError(err);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "0.0.0";
}

// Run only when executed as the program, not when imported by tests.
// The bin link (node_modules/.bin/gameday) is a symlink: compare real paths.
const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(realpathSync(invokedPath)).href) {
  // A reader that stops early (`gameday list | head`) closes the pipe: stop quietly, as Unix tools
  // do, instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2));
}
