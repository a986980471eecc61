import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunResult } from "../scenario/runResult.js";
import { renderHtmlReport } from "./htmlReport.js";
import { renderJunitXml } from "./junitXml.js";
import { renderMarkdownSummary } from "./markdownSummary.js";
import { renderResultJson } from "./resultJson.js";

/** The file names a run's report directory holds; reports/README.md explains each. */
export const REPORT_FILES = {
  junit: "junit.xml",
  json: "result.json",
  markdown: "summary.md",
  html: "report.html",
} as const;

/**
 * Writes the four reports of a run into `dir` (created if missing) and returns their paths.
 * Every renderer redacts secrets itself, so nothing here has to remember to.
 */
export async function writeReports(result: RunResult, dir: string): Promise<{ files: string[] }> {
  await mkdir(dir, { recursive: true });
  const contents: Array<[string, string]> = [
    [REPORT_FILES.junit, renderJunitXml(result)],
    [REPORT_FILES.json, renderResultJson(result)],
    [REPORT_FILES.markdown, renderMarkdownSummary(result)],
    [REPORT_FILES.html, renderHtmlReport(result)],
  ];
  const files: string[] = [];
  for (const [name, text] of contents) {
    const path = join(dir, name);
    await writeFile(path, text, "utf8");
    files.push(path);
  }
  return { files };
}
