import assert from "node:assert/strict";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { ScenarioFileError } from "../../../harness/scenario/scenarioFileError.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";
import { MINIMAL, scenarioFolder } from "./scenarioFolder.js";

const STEPS_TS = `
import type { KindRegistry } from "../../harness/scenario/kindRegistry.js";
interface Params { release: string }
export default function register(registry: KindRegistry): void {
  registry.addStep<Params>({
    kind: "corruptRelease",
    summary: "marks a release secret superseded",
    defaultTimeoutMs: 1000,
    paramsSchema: { type: "object", required: ["release"], additionalProperties: false, properties: { release: { type: "string" } } },
    describe: (p: Params) => "corrupt " + p.release,
    run: async () => ({ detail: "done" }),
  });
}
`;

describe("scenario-local kinds (steps.ts)", function () {
  // Loading the TypeScript compiler takes a moment on a busy machine.
  this.timeout(20_000);

  it("transpiles a steps.ts outside the repository and registers its kinds for that scenario only", async () => {
    const text = MINIMAL.replace("fault:", "fault:\n  - corruptRelease: { release: web }");
    const dir = scenarioFolder({ "scenario.yaml": text, "steps.ts": STEPS_TS });
    const loaded = await loadScenario(dir, { registry: builtinKinds() });
    assert.equal(loaded.definition.fault[0]!.kind, "corruptRelease");
    assert.ok(loaded.localKindsFile?.endsWith("steps.ts"));
    assert.equal(builtinKinds().step("corruptRelease"), undefined);
  });

  it("validates local kinds' parameters like built-ins", async () => {
    const text = MINIMAL.replace("fault:", "fault:\n  - corruptRelease: { relase: web }");
    const dir = scenarioFolder({ "scenario.yaml": text, "steps.ts": STEPS_TS });
    await assert.rejects(loadScenario(dir, { registry: builtinKinds() }), (error: unknown) => {
      assert.ok(error instanceof ScenarioFileError);
      assert.match(error.format(), /unknown field "relase"[\s\S]*did you mean "release"/);
      return true;
    });
  });

  it("reports a steps.js without a default export against that file", async () => {
    const dir = scenarioFolder({ "scenario.yaml": MINIMAL, "steps.js": "export const x = 1;\n" });
    await assert.rejects(loadScenario(dir, { registry: builtinKinds() }), (error: unknown) => error instanceof ScenarioFileError && error.file.endsWith("steps.js") && /default export/.test(error.issues[0]!.problem));
  });
});
