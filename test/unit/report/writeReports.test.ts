import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { writeReports } from "../../../harness/report/writeReports.js";
import { buildSampleRun, SAMPLE_CLIENT_KEY_DATA, SAMPLE_JWT } from "./fixtures/sampleRun.js";

describe("writeReports", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "gameday-report-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the four reports into a directory it creates, and returns their paths", async () => {
    const target = join(dir, "reports", "run-1");
    const { files } = await writeReports(buildSampleRun(), target);
    assert.deepEqual(files, ["junit.xml", "result.json", "summary.md", "report.html"].map((f) => join(target, f)));
    assert.deepEqual((await readdir(target)).sort(), ["junit.xml", "report.html", "result.json", "summary.md"]);
    const json = JSON.parse(await readFile(join(target, "result.json"), "utf8")) as { runId: string };
    assert.equal(json.runId, "2025-03-14T0900Z-a1b2");
    assert.match(await readFile(join(target, "junit.xml"), "utf8"), /<testsuites /);
  });

  it("leaves no credential in any file", async () => {
    const { files } = await writeReports(buildSampleRun(), dir);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      assert.ok(!text.includes(SAMPLE_JWT.slice(0, 24)), `JWT in ${file}`);
      assert.ok(!text.includes(SAMPLE_CLIENT_KEY_DATA.slice(0, 24)), `client key in ${file}`);
      assert.ok(text.includes("REDACTED"), `${file} should show where something was redacted`);
    }
  });
});
