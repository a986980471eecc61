import type { RunResult } from "../scenario/runResult.js";
import { redactRunResult } from "./redactRunResult.js";

/**
 * Version of result.json's shape. Bump the major part when a field is removed or changes meaning,
 * the minor part when one is added, so machines reading old artifacts can tell.
 */
export const RESULT_JSON_SCHEMA_VERSION = "1.0";

export type ResultJson = { schemaVersion: typeof RESULT_JSON_SCHEMA_VERSION } & RunResult;

/** The run for machines: the RunResult unchanged (but redacted), with schemaVersion as the first key. */
export function renderResultJson(input: RunResult): string {
  const document: ResultJson = { schemaVersion: RESULT_JSON_SCHEMA_VERSION, ...redactRunResult(input) };
  return `${JSON.stringify(document, null, 2)}\n`;
}
