// Turns `gameday run` arguments into scenario files. An argument is a built-in scenario name
// (scenarios/<name>/), a folder holding scenario.yaml anywhere on disk, or the file itself.
// Rules: an argument that looks like a path (has a slash, starts with '.', or ends in .yaml/.yml)
// is always a path; a bare word is a built-in name first and a folder in the working directory
// second, so `gameday run probe-cycle` means the built-in even if ./probe-cycle exists
// (write ./probe-cycle for the folder).
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

import { HarnessError } from "../cluster/harnessError.js";

export const SCENARIO_FILE = "scenario.yaml";

export interface ResolvedScenario {
  /** What the user typed (or the built-in name when no argument was given). */
  arg: string;
  /** Absolute path of scenario.yaml (or the file given). */
  file: string;
  dir: string;
  builtin: boolean;
}

export class UnknownScenarioError extends HarnessError {
  constructor(arg: string, detail: string, known: string[]) {
    super("input", `no scenario "${arg}": ${detail}`, {
      hint: known.length > 0 ? `built-in scenarios: ${known.join(", ")} (see \`gameday list\`)` : "pass a folder holding scenario.yaml, or the file itself",
    });
  }
}

export async function builtinScenarioNames(scenariosDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(scenariosDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await isFile(join(scenariosDir, entry.name, SCENARIO_FILE)))) names.push(entry.name);
  }
  return names.sort();
}

export async function resolveScenarioArgs(args: string[], options: { scenariosDir: string; cwd: string }): Promise<ResolvedScenario[]> {
  const known = await builtinScenarioNames(options.scenariosDir);
  if (args.length === 0) {
    if (known.length === 0) throw new UnknownScenarioError("(all)", `${options.scenariosDir} holds no scenario`, []);
    return known.map((name) => builtin(name, options.scenariosDir));
  }
  const resolved: ResolvedScenario[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const one = await resolveOne(arg, options, known);
    if (seen.has(one.file)) continue; // naming a scenario twice runs it once
    seen.add(one.file);
    resolved.push(one);
  }
  return resolved;
}

function looksLikePath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || arg.startsWith(".") || /\.ya?ml$/i.test(arg) || isAbsolute(arg);
}

async function resolveOne(arg: string, options: { scenariosDir: string; cwd: string }, known: string[]): Promise<ResolvedScenario> {
  if (arg.trim() === "") throw new UnknownScenarioError(arg, "empty argument", known);
  if (!looksLikePath(arg) && known.includes(arg)) return builtin(arg, options.scenariosDir);
  const path = resolve(options.cwd, arg);
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if (!isMissing(err)) throw err;
    throw new UnknownScenarioError(arg, looksLikePath(arg) ? `${path} does not exist` : "it is neither a built-in scenario nor a folder here", known);
  }
  if (info.isDirectory()) {
    const file = join(path, SCENARIO_FILE);
    if (!(await isFile(file))) throw new UnknownScenarioError(arg, `${path} holds no ${SCENARIO_FILE}`, known);
    return { arg, file, dir: path, builtin: false };
  }
  return { arg, file: path, dir: dirname(path), builtin: false };
}

function builtin(name: string, scenariosDir: string): ResolvedScenario {
  const dir = resolve(scenariosDir, name);
  return { arg: name, file: join(dir, SCENARIO_FILE), dir, builtin: true };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** A display name for a resolved scenario: its folder name. */
export function scenarioLabel(s: ResolvedScenario): string {
  return s.builtin ? s.arg : basename(s.dir);
}
