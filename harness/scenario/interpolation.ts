// `${{ namespace }}`, `${{ runId }}`, `${{ settings.replicas }}` in step parameters and manifests.
// A string that is exactly one placeholder takes the value's own type (so `replicas: ${{ settings.replicas }}`
// stays a number); inside longer text values are stringified. Double braces leave shell `${VAR}` alone.

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
const WHOLE = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}$/;

/** The names a run can provide; `settings.*` is looked up inside `settings`. */
export interface InterpolationValues {
  namespace: string;
  runId: string;
  scenario: string;
  variant: string;
  scenarioDir: string;
  settings: Readonly<Record<string, unknown>>;
}

export const TOP_LEVEL_NAMES = ["namespace", "runId", "scenario", "variant", "scenarioDir"] as const;

export class UnknownReferenceError extends Error {
  constructor(readonly reference: string, readonly known: string[]) {
    super(`\${{ ${reference} }} refers to nothing: known names are ${known.join(", ")}`);
    this.name = "UnknownReferenceError";
  }
}

/** Every placeholder name used anywhere in a value (strings inside objects and arrays included). */
export function placeholdersIn(value: unknown): string[] {
  const found: string[] = [];
  walkStrings(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.push(match[1]!);
  });
  return found;
}

/** Replaces placeholders deeply; throws UnknownReferenceError for names that resolve to nothing. */
export function interpolate<T>(value: T, values: InterpolationValues): T {
  return replaceDeep(value, values) as T;
}

/** Resolves one placeholder name, or undefined. */
export function lookup(reference: string, values: InterpolationValues): unknown {
  const [head, ...rest] = reference.split(".");
  if (head === "settings") {
    let current: unknown = values.settings;
    for (const part of rest) {
      if (typeof current !== "object" || current === null || !(part in current)) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return rest.length === 0 ? undefined : current;
  }
  if (rest.length > 0) return undefined;
  return (TOP_LEVEL_NAMES as readonly string[]).includes(head ?? "") ? values[head as (typeof TOP_LEVEL_NAMES)[number]] : undefined;
}

function replaceDeep(value: unknown, values: InterpolationValues): unknown {
  if (typeof value === "string") return replaceString(value, values);
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, values));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDeep(item, values)]));
  }
  return value;
}

function replaceString(text: string, values: InterpolationValues): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return resolved(whole[1]!, values);
  return text.replace(PLACEHOLDER, (_, reference: string) => {
    const value = resolved(reference, values);
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

function resolved(reference: string, values: InterpolationValues): unknown {
  const value = lookup(reference, values);
  if (value === undefined) {
    const known = [...TOP_LEVEL_NAMES, ...Object.keys(values.settings).map((key) => `settings.${key}`)];
    throw new UnknownReferenceError(reference, known);
  }
  return value;
}

function walkStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) value.forEach((item) => walkStrings(item, visit));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((item) => walkStrings(item, visit));
}
