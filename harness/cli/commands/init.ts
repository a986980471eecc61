// `gameday init <path>`: writes the starter scenario into a new folder (or an existing one with
// --force). Refuses to overwrite anything without --force.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

import { HarnessError } from "../../cluster/harnessError.js";
import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";
import { starterScenario } from "../starterScenario.js";

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export async function initCommand(io: CliIO, options: { path: string; name?: string; force: boolean }, cwd: string): Promise<ExitCodeValue> {
  const dir = resolve(cwd, options.path);
  const name = options.name ?? basename(dir);
  if (!NAME.test(name) || name.length > 40) {
    throw new HarnessError("input", `"${name}" is not a valid scenario name`, { hint: "use lower-case letters, digits and '-' (at most 40), or pass --name" });
  }
  const files = starterScenario(name);
  if (!options.force) {
    for (const file of files) {
      if (await exists(join(dir, file.path))) {
        throw new HarnessError("input", `${join(dir, file.path)} already exists`, { hint: "choose another folder, or pass --force to replace the starter files" });
      }
    }
  }
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text, "utf8");
  }
  io.out(`wrote scenario ${name} to ${dir}\nnext: gameday explain ${options.path}   then   gameday run ${options.path}`);
  return ExitCode.Ok;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}
