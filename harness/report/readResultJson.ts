// Reads a result.json written by an earlier run back into a RunResult, for `gameday compare`.
// The files come from CI artifacts and other machines, so every problem names the file, the field
// and what to pass instead; nothing here trusts the shape it was given.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import { HarnessError } from "../cluster/harnessError.js";
import type { RunResult } from "../scenario/runResult.js";
import { RESULT_JSON_SCHEMA_VERSION } from "./resultJson.js";

const RESULT_FILE = "result.json";
const SUPPORTED_MAJOR = RESULT_JSON_SCHEMA_VERSION.split(".")[0];
const DAMAGED = "the file is damaged; take it from the report folder again";

function problem(file: string, field: string, message: string, hint: string): HarnessError {
  return new HarnessError("input", `${file}: ${field}: ${message}`, { hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A report folder (reports/<run id>) or the result.json inside it. */
async function resultFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new HarnessError("input", `${path}: no such file or folder`, { hint: `pass a report folder (reports/<run id>) or its ${RESULT_FILE}` });
  }
  return info.isDirectory() ? join(path, RESULT_FILE) : path;
}

/** Parses and checks one run's result.json; `path` may be the report folder. */
export async function readRunResult(path: string): Promise<RunResult> {
  const file = await resultFile(path);
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new HarnessError("input", `${file}: cannot read it (${err.code ?? err.message})`, {
      hint: `every run writes ${RESULT_FILE} into its report folder; pass that folder or the file`,
    });
  });
  return parseRunResult(text, file);
}

/** The checks of readRunResult on text already read; `file` names it in errors. */
export function parseRunResult(text: string, file: string): RunResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw problem(file, "(document)", `not valid JSON (${(err as Error).message})`, `pass the ${RESULT_FILE} a gameday run wrote, unedited`);
  }
  if (!isRecord(doc)) throw problem(file, "(document)", "expected a JSON object", `pass the ${RESULT_FILE} a gameday run wrote`);
  const version = doc.schemaVersion;
  if (typeof version !== "string") {
    throw problem(file, "schemaVersion", "missing", `this is not a gameday ${RESULT_FILE}; pass the one in a report folder`);
  }
  if (version.split(".")[0] !== SUPPORTED_MAJOR) {
    throw problem(file, "schemaVersion", `version ${version} is not readable by this gameday (reads ${SUPPORTED_MAJOR}.x)`, "compare with the gameday version that wrote it");
  }
  if (typeof doc.runId !== "string") throw problem(file, "runId", "missing or not a string", DAMAGED);
  if (!isRecord(doc.tools)) throw problem(file, "tools", "missing or not an object", DAMAGED);
  if (!Array.isArray(doc.scenarios)) throw problem(file, "scenarios", "missing or not a list", DAMAGED);
  doc.scenarios.forEach((scenario: unknown, i) => {
    const at = `scenarios[${i}]`;
    if (!isRecord(scenario)) throw problem(file, at, "not an object", DAMAGED);
    for (const field of ["scenario", "variant"]) {
      if (typeof scenario[field] !== "string") throw problem(file, `${at}.${field}`, "missing or not a string", DAMAGED);
    }
    if (!Array.isArray(scenario.expectations)) {
      throw problem(file, `${at}.expectations`, "missing or not a list", DAMAGED);
    }
    scenario.expectations.forEach((expectation: unknown, j) => {
      if (!isRecord(expectation) || typeof expectation.id !== "string" || typeof expectation.verdict !== "string" || typeof expectation.description !== "string") {
        throw problem(file, `${at}.expectations[${j}]`, "needs a string id, description and verdict", DAMAGED);
      }
    });
  });
  // The checks above cover every field diffRuns reads; the rest is carried along as written.
  return doc as unknown as RunResult;
}
