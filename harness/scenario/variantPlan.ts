// What runs in one variant: entries limited to other variants dropped, detectors chosen by the
// variant (if it names any), settings merged. The runner only ever sees a plan, never raw variants.

import { nearestName } from "./nearestName.js";
import type { DetectorSpec, ExpectationSpec, ProbeSpec, ScenarioDefinition, StepSpec, VariantSpec } from "./scenarioModel.js";

export interface ScenarioPlan {
  definition: ScenarioDefinition;
  variant: VariantSpec;
  settings: Record<string, unknown>;
  setup: StepSpec[];
  steadyExpect: ExpectationSpec[];
  probes: ProbeSpec[];
  detectors: DetectorSpec[];
  fault: StepSpec[];
  expect: ExpectationSpec[];
  remediate: StepSpec[];
  recover: ExpectationSpec[];
  cleanup: StepSpec[];
}

export class UnknownVariantError extends Error {
  readonly category = "input" as const;
  constructor(readonly scenario: string, readonly variant: string, readonly known: string[]) {
    const near = nearestName(variant, known);
    super(`scenario ${scenario} has no variant "${variant}": ${near ? `did you mean "${near}"? ` : ""}variants are ${known.join(", ")}`);
    this.name = "UnknownVariantError";
  }
}

export function variantNames(definition: ScenarioDefinition): string[] {
  return definition.variants.map((variant) => variant.name);
}

export function planVariant(definition: ScenarioDefinition, variantName: string): ScenarioPlan {
  const variant = definition.variants.find((candidate) => candidate.name === variantName);
  if (!variant) throw new UnknownVariantError(definition.name, variantName, variantNames(definition));
  const active = <T extends { variants?: string[] }>(items: T[]): T[] => items.filter((item) => !item.variants || item.variants.includes(variant.name));
  return {
    definition,
    variant,
    settings: { ...definition.settings, ...variant.settings },
    setup: active(definition.setup),
    steadyExpect: active(definition.steady.expect),
    probes: active(definition.steady.probes),
    detectors: active(definition.detectors).filter((detector) => !variant.detectors || variant.detectors.includes(detector.id)),
    fault: active(definition.fault),
    expect: active(definition.expect),
    remediate: active(definition.remediate),
    recover: active(definition.recover),
    cleanup: active(definition.cleanup),
  };
}

/** Why this plan's assertions could not fail, if they could not (then the scenario itself fails). */
export function vacuityProblems(plan: ScenarioPlan): string[] {
  const problems: string[] = [];
  if (plan.fault.length === 0) problems.push("no fault step runs in this variant");
  if (plan.expect.length === 0 && !plan.detectors.some((detector) => detector.expect === "fire")) {
    problems.push("nothing is asserted after the fault (no expect entry, no detector that must fire)");
  }
  return problems;
}
