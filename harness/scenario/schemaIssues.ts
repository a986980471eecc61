// Turns JSON Schema (ajv) errors into issues a scenario author can act on: position, field, plain
// problem, and a fix ("unknown field timout — did you mean timeout?"). Ajv reports one error per
// failed keyword, including the noise of every failed `oneOf` branch; only the useful ones are kept.

import type { ErrorObject } from "ajv";
import { DURATION_FIX } from "./duration.js";
import { nearestName } from "./nearestName.js";
import type { ScenarioIssue } from "./scenarioFileError.js";
import { formatPath, type ValuePath, type YamlLocator } from "./yamlLocator.js";

export function schemaIssues(
  errors: ErrorObject[],
  basePath: ValuePath,
  locator: YamlLocator,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const seen = new Set<string>();
  // Errors under a oneOf are reported as the oneOf itself; drop them when a more direct error exists.
  const filtered = errors.filter((error) => error.keyword !== "oneOf" && error.keyword !== "if" && error.keyword !== "allOf");
  const useful = filtered.length > 0 ? filtered : errors;
  for (const error of useful) {
    const path = [...basePath, ...pointerParts(error.instancePath)];
    const described = describe(error, path);
    const key = `${formatPath(described.path)}|${described.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = locator.positionOf(described.path, { key: described.atKey ?? false });
    issues.push({ line: position.line, column: position.column, field: formatPath(described.path) || "(top level)", problem: described.problem, fix: described.fix });
  }
  return issues;
}

interface Described {
  path: ValuePath;
  problem: string;
  fix: string;
  atKey?: boolean;
}

function describe(error: ErrorObject, path: ValuePath): Described {
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as { properties?: Record<string, unknown>; description?: string; pattern?: string } | undefined;
  switch (error.keyword) {
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const known = Object.keys(schema?.properties ?? {});
      const near = nearestName(extra, known);
      return {
        path: [...path, extra],
        atKey: true,
        problem: `unknown field "${extra}"`,
        fix: near ? `did you mean "${near}"?` : known.length > 0 ? `allowed fields here: ${known.join(", ")}` : "remove it",
      };
    }
    case "required":
      return { path, problem: `missing field "${String(params.missingProperty)}"`, fix: `add ${String(params.missingProperty)}: …${hint(schema?.properties?.[String(params.missingProperty)])}` };
    case "type":
      if (schema?.pattern?.includes("ms|s|m|h")) return { path, problem: "is not a duration", fix: DURATION_FIX };
      return { path, problem: `must be ${article(String(params.type))}`, fix: `write ${article(String(params.type))} here${hint(schema)}` };
    case "pattern":
      if (schema?.pattern?.includes("ms|s|m|h")) return { path, problem: "is not a duration", fix: DURATION_FIX };
      return { path, problem: `does not match the pattern ${String(params.pattern)}`, fix: `use lowercase letters, digits and dashes${hint(schema)}` };
    case "enum":
      return { path, problem: "is not one of the allowed values", fix: `use one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "minItems":
      return { path, problem: `needs at least ${String(params.limit)} item(s)`, fix: "add the missing entries" };
    case "minProperties":
      return { path, problem: "is empty", fix: "write at least one field here" };
    case "minimum":
    case "maximum":
      return { path, problem: `must be ${error.keyword === "minimum" ? "≥" : "≤"} ${String(params.limit)}`, fix: "change the number" };
    case "oneOf":
      return { path, problem: "matches none (or several) of the allowed shapes", fix: `write exactly one of the alternatives${hint(schema)}` };
    default:
      return { path, problem: error.message ?? `fails ${error.keyword}`, fix: `see the schema${hint(schema)}` };
  }
}

function pointerParts(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function article(type: string): string {
  const names: Record<string, string> = { object: "a mapping", array: "a list", string: "a string", integer: "a whole number", number: "a number", boolean: "true or false", null: "nothing" };
  return type
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" or ");
}

function hint(schema: unknown): string {
  const description = (schema as { description?: unknown } | undefined)?.description;
  return typeof description === "string" ? ` (${description})` : "";
}
