// SEAM (wiring pending): connects the CLI to the scenario engine's loader and runner.
// The loader (harness/scenario/scenarioLoader.ts) and the runner are being written in parallel
// and are not committed yet; until they are, both calls fail with a clear "not wired" error
// instead of pretending. Wire: load → loadScenario(file, { registry: builtinKinds() }).definition,
// run → the runner's entry point with RunRequest's fields.
import { HarnessError } from "../cluster/harnessError.js";
import type { ScenarioEngine } from "./scenarioEngine.js";

export class EngineNotWiredError extends HarnessError {
  constructor(what: string) {
    super("infrastructure", `the scenario engine's ${what} is not wired into the CLI yet`, {
      hint: "this build of kube-gameday is incomplete: update the checkout, or run the engine's own tests",
    });
  }
}

export function defaultEngine(): ScenarioEngine {
  return {
    load: async () => {
      throw new EngineNotWiredError("loader");
    },
    run: async () => {
      throw new EngineNotWiredError("runner");
    },
  };
}
