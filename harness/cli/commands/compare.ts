// `gameday compare <before> <after>`: the upgrade check. The same suite ran on two versions
// (Kubernetes, Helm, a policy engine); this prints what changed, worst news first, as Markdown that
// fits a pull request comment or a CI step summary. Exit 1 when a passing expectation now fails,
// so an upgrade pipeline can gate on it.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";
import { comparison, type CompareOptions } from "../../report/compareRuns.js";
import { readRunResult } from "../../report/readResultJson.js";

export interface CompareCommandOptions {
  before: string;
  after: string;
  beforeLabel?: string;
  afterLabel?: string;
  /** Also write the Markdown here. */
  out?: string;
}

export async function compareCommand(io: CliIO, options: CompareCommandOptions, cwd: string): Promise<ExitCodeValue> {
  const before = await readRunResult(resolve(cwd, options.before));
  const after = await readRunResult(resolve(cwd, options.after));
  const labels: CompareOptions = {};
  if (options.beforeLabel !== undefined) labels.beforeLabel = options.beforeLabel;
  if (options.afterLabel !== undefined) labels.afterLabel = options.afterLabel;
  const { markdown, diff } = comparison(before, after, labels);
  io.out(markdown);
  if (options.out !== undefined) {
    const file = resolve(cwd, options.out);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, markdown, "utf8");
    io.err(`comparison written to ${file}`);
  }
  return diff.expectations.some((d) => d.change === "regression") ? ExitCode.ExpectationsFailed : ExitCode.Ok;
}
