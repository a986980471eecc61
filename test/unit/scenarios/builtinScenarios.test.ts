import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";

// Every shipped scenario passes the loader's rules as they stand (a rule tightened later — a
// negative-control window, a probe reference — must be met by the built-ins too, not only by users).
describe("built-in scenarios load", () => {
  const root = path.join(repoRoot(), "scenarios");
  const names = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

  it("finds the five failure modes", () => {
    assert.ok(names.length >= 5, `only ${names.join(", ")}`);
  });

  for (const name of names) {
    it(name, async function () {
      this.timeout(30_000); // the first load compiles every kind's schema; slow on a busy machine
      await loadScenario(path.join(root, name), { registry: builtinKinds() });
    });
  }
});
