// The guide's "Built-in kinds" reference (harness/scenario/README.md) must list every kind the
// harness registers, and each example must pass that kind's parameter schema — the same check the
// loader runs — so the reference stays true as kinds are added or change.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { Ajv } from "ajv";
import { parse } from "yaml";

import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";

const GUIDE = path.join(repoRoot(), "harness/scenario/README.md");
// Fields an entry may carry besides its kind (see "Shape" in the guide).
const ENTRY_FIELDS = new Set(["id", "description", "timeout", "variants", "continueOnError", "within", "holdFor", "negate", "standsFor", "expect", "every"]);

interface ReferenceEntry {
  kind: string;
  section: "Steps" | "Checks";
  example: Record<string, unknown>;
}

function referenceEntries(): ReferenceEntry[] {
  const text = readFileSync(GUIDE, "utf8");
  const start = text.indexOf("\n## Built-in kinds\n");
  assert.ok(start >= 0, `${GUIDE} has a "## Built-in kinds" section`);
  const reference = text.slice(start).split(/\n## (?!#)/)[1] ?? "";
  const entries: ReferenceEntry[] = [];
  let section: ReferenceEntry["section"] | undefined;
  for (const block of reference.split(/\n(?=###+ )/)) {
    const sectionHeading = /^### (Steps|Checks)\b/.exec(block);
    if (sectionHeading) section = sectionHeading[1] as ReferenceEntry["section"];
    const heading = /^#### `([A-Za-z]+)`/.exec(block);
    if (!heading) continue;
    const yaml = /```yaml\n([\s\S]*?)```/.exec(block);
    assert.ok(yaml, `${heading[1]} has a yaml example`);
    assert.ok(section, `${heading[1]} is under "### Steps" or "### Checks"`);
    const parsed = parse(yaml[1]!) as unknown;
    assert.ok(Array.isArray(parsed) && parsed.length === 1, `${heading[1]}: the example is a one-entry list`);
    entries.push({ kind: heading[1]!, section, example: parsed[0] as Record<string, unknown> });
  }
  return entries;
}

describe("the guide's reference of built-in kinds", () => {
  const registry = builtinKinds();
  const entries = referenceEntries();
  const ajv = new Ajv({ allErrors: true, strict: false });

  it("lists every registered step and check kind exactly once, in its section", () => {
    const listed = (section: ReferenceEntry["section"]) => entries.filter((e) => e.section === section).map((e) => e.kind).sort();
    assert.deepEqual(listed("Steps"), registry.stepKinds().sort());
    assert.deepEqual(listed("Checks"), registry.checkKinds().sort());
  });

  it("gives examples that pass each kind's parameter schema", () => {
    const problems: string[] = [];
    for (const { kind, section, example } of entries) {
      const definition = section === "Steps" ? registry.step(kind) : registry.check(kind);
      if (!definition) continue; // reported by the test above
      const extra = Object.keys(example).filter((key) => key !== kind && !ENTRY_FIELDS.has(key));
      if (extra.length) problems.push(`${kind}: unknown entry fields ${extra.join(", ")}`);
      let params = example[kind];
      if (typeof params !== "object" && definition.shorthand) params = { [definition.shorthand]: params };
      const validate = ajv.compile(definition.paramsSchema);
      if (!validate(params)) problems.push(`${kind}: ${ajv.errorsText(validate.errors)}`);
      if (kind === "waitFor") {
        // waitFor's parameter is itself one check entry.
        const [inner, innerParams] = Object.entries(params as Record<string, unknown>)[0] ?? [];
        const check = inner ? registry.check(inner) : undefined;
        if (!check) problems.push(`waitFor: ${inner} is not a check kind`);
        else {
          const value = typeof innerParams !== "object" && check.shorthand ? { [check.shorthand]: innerParams } : innerParams;
          const validateInner = ajv.compile(check.paramsSchema);
          if (!validateInner(value)) problems.push(`waitFor.${inner}: ${ajv.errorsText(validateInner.errors)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
