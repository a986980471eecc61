import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";

// Editors validate scenario.yaml with the schema file alone (yaml-language-server), so the file
// itself must compile and accept the fixture, independently of the loader.
describe("scenario.schema.json", () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot(), "harness/scenario/scenario.schema.json"), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it("accepts the smoke fixture", () => {
    const text = readFileSync(path.join(repoRoot(), "test/fixtures/scenarios/smoke/scenario.yaml"), "utf8");
    assert.match(text, /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/\.\.\/harness\/scenario\/scenario\.schema\.json/);
    assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
  });

  it("rejects an unknown top-level field and a malformed duration", () => {
    assert.equal(validate({ name: "x", title: "t", story: "s", fault: [{ delete: {} }], bogus: 1 }), false);
    assert.equal(validate({ name: "x", title: "t", story: "s", fault: [{ delete: {}, timeout: "5 s" }] }), false);
  });
});
