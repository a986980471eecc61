import assert from "node:assert/strict";

import { parseRunResult } from "../../../harness/report/readResultJson.js";
import { renderResultJson } from "../../../harness/report/resultJson.js";
import { buildSampleRun } from "./fixtures/sampleRun.js";

const FILE = "reports/x/result.json";

function rejects(text: string, field: RegExp, fix: RegExp): void {
  assert.throws(
    () => parseRunResult(text, FILE),
    (err: Error & { category?: string; hint?: string }) => {
      assert.equal(err.category, "input");
      assert.match(err.message, new RegExp(`^${FILE}: `));
      assert.match(err.message, field);
      assert.match(err.hint ?? "", fix);
      return true;
    },
  );
}

describe("reading result.json back", () => {
  it("reads what a run wrote, field for field", () => {
    const run = buildSampleRun();
    const read = parseRunResult(renderResultJson(run), FILE);
    assert.equal(read.runId, run.runId);
    assert.deepEqual(
      read.scenarios.map((s) => s.expectations.map((e) => [e.id, e.verdict])),
      run.scenarios.map((s) => s.expectations.map((e) => [e.id, e.verdict])),
    );
  });

  it("names the file, the field and the fix for each kind of damage", () => {
    const good = JSON.parse(renderResultJson(buildSampleRun())) as Record<string, unknown>;
    const edited = (change: (doc: Record<string, unknown>) => void): string => {
      const doc = structuredClone(good);
      change(doc);
      return JSON.stringify(doc);
    };
    rejects("{ not json", /\(document\): not valid JSON/, /unedited/);
    rejects("[]", /\(document\): expected a JSON object/, /gameday run wrote/);
    rejects(edited((d) => delete d.schemaVersion), /schemaVersion: missing/, /report folder/);
    rejects(edited((d) => (d.schemaVersion = "2.0")), /schemaVersion: version 2\.0 is not readable by this gameday \(reads 1\.x\)/, /gameday version that wrote it/);
    rejects(edited((d) => delete d.runId), /runId: missing/, /damaged/);
    rejects(edited((d) => (d.tools = [])), /tools: missing or not an object/, /damaged/);
    rejects(edited((d) => (d.scenarios = {})), /scenarios: missing or not a list/, /damaged/);
    rejects(edited((d) => ((d.scenarios as Record<string, unknown>[])[1]!.expectations = null)), /scenarios\[1\]\.expectations: missing/, /damaged/);
    rejects(edited((d) => delete (d.scenarios as Record<string, unknown>[])[0]!.variant), /scenarios\[0\]\.variant: missing/, /damaged/);
    rejects(
      edited((d) => (((d.scenarios as Record<string, unknown>[])[0]!.expectations as Record<string, unknown>[])[2] = { id: 3 })),
      /scenarios\[0\]\.expectations\[2\]: needs a string id, description and verdict/,
      /damaged/,
    );
  });

  it("accepts a newer minor version (fields added, none removed)", () => {
    const doc = JSON.parse(renderResultJson(buildSampleRun())) as Record<string, unknown>;
    doc.schemaVersion = "1.7";
    assert.equal(parseRunResult(JSON.stringify(doc), FILE).runId, buildSampleRun().runId);
  });
});
