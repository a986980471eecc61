import assert from "node:assert/strict";

import { RESULT_JSON_SCHEMA_VERSION, renderResultJson } from "../../../harness/report/resultJson.js";
import { buildSampleRun, SAMPLE_JWT } from "./fixtures/sampleRun.js";

describe("renderResultJson", () => {
  const text = renderResultJson(buildSampleRun());
  const parsed = JSON.parse(text) as Record<string, unknown>;

  it("puts the schema version first", () => {
    assert.equal(Object.keys(parsed)[0], "schemaVersion");
    assert.equal(parsed.schemaVersion, RESULT_JSON_SCHEMA_VERSION);
  });

  it("keeps the RunResult as it is, apart from redaction", () => {
    const rest = { ...parsed };
    delete rest.schemaVersion;
    const expected = JSON.parse(JSON.stringify(buildSampleRun())) as Record<string, unknown>;
    // Only the strings holding credentials may differ.
    const normalise = (value: unknown): string => JSON.stringify(value).replace(/"[^"]*(?:REDACTED|eyJ|LS0tLS1CRUdJT)[^"]*"/g, '"…"');
    assert.equal(normalise(rest), normalise(expected));
    assert.ok(!text.includes(SAMPLE_JWT.slice(0, 30)));
    assert.ok(text.endsWith("}\n"));
  });
});
