// `gameday list`: the built-in scenarios. Reads each scenario.yaml as plain YAML (name, title,
// variants) rather than through the full loader, so one broken scenario is shown as broken
// instead of hiding the others.
import { readFile } from "node:fs/promises";

import { parse } from "yaml";

import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";
import { builtinScenarioNames, SCENARIO_FILE } from "../scenarioPaths.js";
import { join } from "node:path";

export interface ListedScenario {
  name: string;
  title: string;
  variants: string[];
  /** Why the file could not be read as a scenario, if it could not. */
  problem?: string;
}

export async function listScenarios(scenariosDir: string): Promise<ListedScenario[]> {
  const listed: ListedScenario[] = [];
  for (const folder of await builtinScenarioNames(scenariosDir)) {
    const file = join(scenariosDir, folder, SCENARIO_FILE);
    try {
      const doc: unknown = parse(await readFile(file, "utf8"));
      const raw = (typeof doc === "object" && doc !== null ? doc : {}) as { name?: unknown; title?: unknown; variants?: unknown };
      const variants = typeof raw.variants === "object" && raw.variants !== null ? Object.keys(raw.variants) : [];
      listed.push({ name: folder, title: typeof raw.title === "string" ? raw.title : "(no title)", variants: variants.length > 0 ? variants : ["default"] });
    } catch (err) {
      listed.push({ name: folder, title: "", variants: [], problem: `${(err as Error).message.split("\n")[0]} (gameday explain ${folder} shows every problem)` });
    }
  }
  return listed;
}

export async function listCommand(io: CliIO, scenariosDir: string, json: boolean): Promise<ExitCodeValue> {
  const scenarios = await listScenarios(scenariosDir);
  if (json) {
    io.out(JSON.stringify(scenarios, null, 2));
    return ExitCode.Ok;
  }
  if (scenarios.length === 0) {
    io.out(`no scenarios in ${scenariosDir}; \`gameday init <path>\` writes a starter one`);
    return ExitCode.Ok;
  }
  const width = Math.max(...scenarios.map((s) => s.name.length));
  for (const s of scenarios) {
    io.out(s.problem ? `${s.name.padEnd(width)}  BROKEN: ${s.problem}` : `${s.name.padEnd(width)}  ${s.title}  [variants: ${s.variants.join(", ")}]`);
  }
  return ExitCode.Ok;
}
