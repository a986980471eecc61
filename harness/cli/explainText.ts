// `gameday explain`: a scenario told for a person — the story, what it needs, the symptoms to
// expect after the fault, and every assertion with its deadline — once per variant, because
// variants differ exactly in what is expected.
import type { ExplainableCheck, ExplainableDetector, ExplainableStep, ScenarioSummary } from "./scenarioEngine.js";

export const DEFAULT_VARIANT = "default";

export function variantNames(scenario: ScenarioSummary): string[] {
  return scenario.variants.length > 0 ? scenario.variants.map((v) => v.name) : [DEFAULT_VARIANT];
}

function inVariant(item: { variants?: string[] }, variant: string): boolean {
  return item.variants === undefined || item.variants.includes(variant);
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** An author's description already says what must hold, negation included ("finds no cycle"); only the bare kind needs a NOT. */
function what(c: ExplainableCheck): string {
  return c.description ?? `${c.negate ? "NOT " : ""}${c.kind} (${c.id})`;
}

function check(c: ExplainableCheck): string {
  const within = c.withinMs !== undefined ? ` — within ${seconds(c.withinMs)}` : "";
  const standsFor = c.standsFor ? ` [stands for ${c.standsFor}]` : "";
  return `${what(c)}${within}${standsFor}`;
}

function detector(d: ExplainableDetector): string {
  const verb = d.expect === "fire" ? `fires within ${seconds(d.withinMs)} of the fault` : "stays silent (a known blind spot)";
  const standsFor = d.standsFor ? ` [stands for ${d.standsFor}]` : "";
  return `${what(d)}: ${verb}${standsFor}`;
}

function step(s: ExplainableStep): string {
  return s.description ?? `${s.kind} (${s.id})`;
}

function section(title: string, lines: string[], empty: string): string[] {
  return [`  ${title}:`, ...(lines.length > 0 ? lines.map((l) => `    - ${l}`) : [`    ${empty}`])];
}

export function explainText(scenario: ScenarioSummary, onlyVariant?: string): string {
  const c = scenario.cluster;
  const out: string[] = [
    `${scenario.name} — ${scenario.title}`,
    "",
    "Story:",
    ...scenario.story.trim().split("\n").map((l) => `  ${l}`),
    "",
    `Cluster: ${c.controlPlanes} control plane(s), ${c.workers} worker(s)${c.kubernetes ? `, Kubernetes ${c.kubernetes}` : ""}${c.dedicated ? ", dedicated" : ", may be shared"}`,
  ];
  if (scenario.hints.length > 0) out.push("", "Hints for trainees:", ...scenario.hints.map((h, i) => `  ${i + 1}. ${h}`));

  for (const variant of variantNames(scenario)) {
    if (onlyVariant !== undefined && variant !== onlyVariant) continue;
    const description = scenario.variants.find((v) => v.name === variant)?.description;
    out.push("", `Variant ${variant}${description ? ` — ${description}` : ""}:`);
    out.push(...section("Before the fault (steady state)", scenario.steady.expect.filter((e) => inVariant(e, variant)).map(check), "(nothing asserted)"));
    out.push(...section("Fault", scenario.fault.filter((s) => inVariant(s, variant)).map(step), "(none in this variant)"));
    out.push(...section("Symptoms expected after the fault", scenario.expect.filter((e) => inVariant(e, variant)).map(check), "(none)"));
    out.push(...section("Detectors", scenario.detectors.filter((d) => inVariant(d, variant)).map(detector), "(none)"));
    out.push(...section("Remediation", scenario.remediate.filter((s) => inVariant(s, variant)).map(step), "(none: recovery must happen on its own, or by a person in training mode)"));
    out.push(...section("Recovery asserted", scenario.recover.filter((e) => inVariant(e, variant)).map(check), "(nothing asserted)"));
  }
  return out.join("\n") + "\n";
}
