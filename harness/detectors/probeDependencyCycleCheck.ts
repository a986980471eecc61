// `probeDependencyCycle:` — the static probe-dependency analyzer (probeDependencyGraph.ts) as a
// check: it reads manifest files the way `apply:` would render them (same ${{ }} values), never the
// cluster, and holds when their probes form a readiness cycle (optionally: exactly the cycle through
// `members`). Because it reads files only, its verdict is the same before and after they are
// applied; scenarios use it as a gate (`waitFor:` before an apply) or as a steady-state expectation,
// and pair it with `negate: true` on a healthy release, so a cycle it reports is one it can tell
// apart from manifests with the same env, scripts and Services.

import { readFile } from "node:fs/promises";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseManifestDocuments } from "../kube/manifestDocuments.js";
import { interpolate } from "../scenario/interpolation.js";
import type { CheckKind, Observation, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { analyzeProbeDependencies, cyclePath, describeCycle, type ProbeDependencyReport } from "./probeDependencyGraph.js";
import { couldNotTell } from "../scenario/observationReading.js";

export interface ProbeDependencyCycleParams {
  manifests: string | string[];
  /** Holds only for a cycle through exactly these workloads (any order). */
  members?: string[];
}

/** Files do not change during a run, but a check reports until told to stop: re-read rarely. */
const EVERY_MS = 5_000;

const fileList = { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] };

export const probeDependencyCycleCheck: CheckKind<ProbeDependencyCycleParams> = {
  kind: "probeDependencyCycle",
  summary: "Static analysis of manifests (before they are applied): their probes form a readiness cycle through Services.",
  shorthand: "manifests",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["manifests"],
    properties: {
      manifests: { ...fileList, description: "Manifest files (relative to the scenario folder), rendered like apply: does." },
      members: { type: "array", items: { type: "string" }, minItems: 1, description: "Hold only for the cycle through exactly these workloads." },
    },
  },
  files: (params) => asList(params.manifests),
  describe: (params) =>
    `static analysis of ${asList(params.manifests).join(", ")} finds ${params.members ? `the probe cycle through ${params.members.join(", ")}` : "a probe cycle"}`,
  observe(params, context, emit) {
    const files = asList(params.manifests);
    return pollingObserver(
      context,
      emit,
      async () => cycleObservation(analyzeProbeDependencies(await readManifests(files, context)), files, params.members),
      { everyMs: EVERY_MS, evaluationTimeoutMs: 10_000, what: "probe dependency analysis" },
    );
  },
};

/** The verdict and message from one analysis; exported for tests. */
export function cycleObservation(report: ProbeDependencyReport, files: string[], members: string[] | undefined): Observation {
  const wanted = members ? [...members].sort().join(",") : undefined;
  const matching = report.cycles.filter((cycle) => wanted === undefined || [...cycle.members].sort().join(",") === wanted);
  const opaque = report.opaque.length > 0 ? `; not analysable: ${report.opaque.join("; ")}` : "";
  // Silence about nothing is no finding: a file set with no workloads (a wrong path, an empty render).
  if (report.workloads.length === 0) return couldNotTell(`${files.join(", ")}: no workload to analyse${opaque}`);
  if (matching.length > 0) return { holds: true, detail: `${files.join(", ")}: ${matching.map(describeCycle).join(" | ")}${opaque}` };
  const others = report.cycles.length > 0 ? `, only other cycles: ${report.cycles.map(cyclePath).join(", ")}` : "";
  return {
    holds: false,
    detail: `${files.join(", ")}: no ${members ? `cycle through ${members.join(", ")}` : "probe cycle"} among ${report.workloads.length} workload(s), ${report.edges.length} probe dependency edge(s)${others}${opaque}`,
  };
}

async function readManifests(files: string[], context: RunContext): Promise<KubernetesObject[]> {
  const values = {
    namespace: context.namespace,
    runId: context.runId,
    scenario: context.scenario,
    variant: context.variant,
    scenarioDir: context.scenarioDir,
    settings: context.settings,
  };
  const objects: KubernetesObject[] = [];
  for (const relative of files) {
    const file = context.resolvePath(relative);
    objects.push(...parseManifestDocuments(interpolate(await readFile(file, "utf8"), values), file));
  }
  return objects;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
