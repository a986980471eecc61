// Exit codes CI can trust. 0 means every expectation of every scenario run passed — nothing else.
// The table is printed by `gameday --help` (EXIT_CODES_HELP) and documented in main.ts.
import type { RunResult } from "../scenario/runResult.js";
import { isCategorizedError } from "../cluster/errorCategory.js";

export const ExitCode = {
  /** Every expectation passed (at least one scenario ran and passed). */
  Ok: 0,
  /** At least one expectation failed: the system under test misbehaved. */
  ExpectationsFailed: 1,
  /** Bad input: unknown command/option/scenario/variant, invalid scenario file. Fix the command line or the file. */
  BadInput: 2,
  /** Infrastructure failure: Docker, kind, tools, cluster API, deadlines. The run proved nothing; retrying may help. */
  Infrastructure: 3,
  /** Refused for safety: a fault would have hit a cluster the harness may not touch. */
  Refused: 4,
  /** A bug in the harness (an unexpected programming error). */
  Internal: 70,
  /** Interrupted (SIGINT/SIGTERM); cleanup was attempted. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `Exit codes:
  0    every expectation passed
  1    an expectation failed (the system under test misbehaved)
  2    bad input: unknown command, option, scenario or variant; invalid scenario file
  3    infrastructure failure: Docker, kind, tools, cluster API or a deadline; nothing was proven
  4    refused for safety: a fault would have touched a cluster the harness may not use
  70   internal error in the harness (please report it)
  130  interrupted`;

/**
 * The exit code of a finished run. A failed expectation outranks an infrastructure error in
 * another scenario: CI may retry on 3, and a real failure must not be retried away. A run in
 * which nothing passed (no scenario, or all skipped) proves nothing and is not a success.
 */
export function exitCodeForRun(result: RunResult): ExitCodeValue {
  const verdicts = result.scenarios.map((s) => s.verdict);
  if (verdicts.includes("failed")) return ExitCode.ExpectationsFailed;
  if (verdicts.includes("error")) return ExitCode.Infrastructure;
  if (!verdicts.includes("passed")) return ExitCode.ExpectationsFailed;
  return ExitCode.Ok;
}

// Error classes of other rooms that are about input but do not carry a `category` (yet).
const INPUT_ERROR_NAMES = new Set(["ScenarioFileError", "DurationSyntaxError", "UnknownReferenceError", "DuplicateKindError", "CommanderError"]);
const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError];

/** The exit code for an error that ended a command. */
export function exitCodeForError(err: unknown): ExitCodeValue {
  if (isCategorizedError(err)) {
    if (err.category === "input") return ExitCode.BadInput;
    if (err.category === "safety") return ExitCode.Refused;
    return ExitCode.Infrastructure;
  }
  if (err instanceof AggregateError) {
    const codes = err.errors.map(exitCodeForError);
    return codes.includes(ExitCode.Refused) ? ExitCode.Refused : codes.includes(ExitCode.Internal) ? ExitCode.Internal : (codes[0] ?? ExitCode.Infrastructure);
  }
  if (err instanceof Error && INPUT_ERROR_NAMES.has(err.name)) return ExitCode.BadInput;
  if (PROGRAMMING_ERRORS.some((type) => err instanceof type)) return ExitCode.Internal;
  // Anything else came from the outside world (Docker API, network, file system).
  return ExitCode.Infrastructure;
}
