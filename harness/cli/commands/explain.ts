// `gameday explain <scenario>`: loads the scenario through the engine (so what is shown is what
// would run) and prints its story and assertions per variant.
import { HarnessError } from "../../cluster/harnessError.js";
import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";
import { explainText, variantNames } from "../explainText.js";
import type { ScenarioEngine } from "../scenarioEngine.js";
import { resolveScenarioArgs } from "../scenarioPaths.js";

export async function explainCommand(
  io: CliIO,
  engine: ScenarioEngine,
  paths: { scenariosDir: string; cwd: string },
  scenario: string,
  variant?: string,
): Promise<ExitCodeValue> {
  const [resolved] = await resolveScenarioArgs([scenario], paths);
  if (!resolved) throw new HarnessError("input", `no scenario "${scenario}"`);
  const loaded = await engine.load(resolved.file);
  if (variant !== undefined && !variantNames(loaded).includes(variant)) {
    throw new HarnessError("input", `scenario ${loaded.name} has no variant "${variant}"`, { hint: `its variants: ${variantNames(loaded).join(", ")}` });
  }
  io.out(explainText(loaded, variant));
  return ExitCode.Ok;
}
