// `probeDependencyCycle:` — the static probe-dependency analyzer (probeDependencyGraph.ts) as a
// check: it reads manifest files the way `apply:` would render them, never the cluster, and holds
// when their probes form a readiness cycle (optionally: exactly the cycle through `members`).
//
// A static analyzer is a gate on a *change*, so its negative control has to be a real input, not
// the same files seen earlier. With `baseline:`, the check analyses the baseline manifests (what
// runs, healthy, before the fault) until the run's fault starts, then `manifests:` (the change the
// fault rolls out, read before its apply step has run). Silent on the baseline then proves the
// analyzer does not flag manifests that have the same env, scripts and Services, only different
// probe targets. Without `baseline:`, it analyses `manifests:` throughout (e.g. in `waitFor`).

import { readFile } from "node:fs/promises";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseManifestDocuments } from "../kube/manifestDocuments.js";
import { interpolate } from "../scenario/interpolation.js";
import type { CheckKind, Observation, RunContext } from "../scenario/kindTypes.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { analyzeProbeDependencies, cyclePath, describeCycle, type ProbeDependencyReport } from "./probeDependencyGraph.js";

export interface ProbeDependencyCycleParams {
  manifests: string | string[];
  baseline?: string | string[];
  /** Holds only for a cycle through exactly these workloads (any order). */
  members?: string[];
}

/** How often the check looks at whether the fault has started (the analysis itself is cached). */
const EVERY_MS = 250;

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
      baseline: { ...fileList, description: "Analysed instead of `manifests` until the fault starts: the healthy release the change replaces." },
      members: { type: "array", items: { type: "string" }, minItems: 1, description: "Hold only for the cycle through exactly these workloads." },
    },
  },
  files: (params) => [...asList(params.manifests), ...asList(params.baseline)],
  describe: (params) =>
    `static analysis of ${asList(params.manifests).join(", ")} finds ${params.members ? `the probe cycle through ${params.members.join(", ")}` : "a probe cycle"}`,
  observe(params, context, emit) {
    const cache = new Map<string, Promise<ProbeDependencyReport>>();
    const analyse = (files: string[]) => {
      const cacheKey = files.join("\n");
      let report = cache.get(cacheKey);
      if (!report) {
        report = readManifests(files, context).then(analyzeProbeDependencies);
        cache.set(cacheKey, report);
      }
      return report;
    };
    return pollingObserver(
      context,
      emit,
      async () => {
        const useBaseline = params.baseline !== undefined && context.timeline.faultAt() === null;
        const files = asList(useBaseline ? params.baseline : params.manifests);
        return cycleObservation(await analyse(files), files, params.members, useBaseline ? "baseline" : "change");
      },
      { everyMs: EVERY_MS, evaluationTimeoutMs: 10_000, what: "probe dependency analysis" },
    );
  },
};

/** The verdict and message from one analysis; exported for tests. */
export function cycleObservation(report: ProbeDependencyReport, files: string[], members: string[] | undefined, input: string): Observation {
  const wanted = members ? [...members].sort().join(",") : undefined;
  const matching = report.cycles.filter((cycle) => wanted === undefined || [...cycle.members].sort().join(",") === wanted);
  const opaque = report.opaque.length > 0 ? `; not analysable: ${report.opaque.join("; ")}` : "";
  if (matching.length > 0) return { holds: true, detail: `${input} ${files.join(", ")}: ${matching.map(describeCycle).join(" | ")}${opaque}` };
  const others = report.cycles.length > 0 ? `, only other cycles: ${report.cycles.map(cyclePath).join(", ")}` : "";
  return {
    holds: false,
    detail: `${input} ${files.join(", ")}: no ${members ? `cycle through ${members.join(", ")}` : "probe cycle"} among ${report.workloads.length} workload(s), ${report.edges.length} probe dependency edge(s)${others}${opaque}`,
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
