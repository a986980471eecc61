// The probe-cycle runbook's decision, kept pure: which probes of a Deployment must move to which
// self-only path, as a JSON patch whose `test` operations make it fail (not overwrite) when
// someone changed the probe in between. Nothing to change → no operations: running the remediation
// twice is a no-op the second time.

import type { KubernetesObject } from "@kubernetes/client-node";

export interface ProbeTargets {
  /** New httpGet path for readiness probes. */
  readinessPath: string;
  /** New httpGet path for liveness probes (left alone when absent). */
  livenessPath?: string;
  /** Only these containers (default: every container with an httpGet probe). */
  container?: string;
}

export type JsonPatchOperation = { op: "test" | "replace" | "add"; path: string; value: unknown };

export interface ProbeRepointPlan {
  deployment: string;
  operations: JsonPatchOperation[];
  /** "httpd readiness /cgi-bin/readyz → /cgi-bin/readyz-local", one per change. */
  changes: string[];
  /** Probes that cannot be repointed (not httpGet), for the report. */
  skipped: string[];
}

export function planProbeRepoint(deployment: KubernetesObject, targets: ProbeTargets): ProbeRepointPlan {
  const name = deployment.metadata?.name ?? "?";
  const containers = (deployment as { spec?: { template?: { spec?: { containers?: Array<Record<string, unknown>> } } } }).spec?.template?.spec?.containers ?? [];
  const plan: ProbeRepointPlan = { deployment: name, operations: [], changes: [], skipped: [] };
  containers.forEach((container, index) => {
    const containerName = typeof container.name === "string" ? container.name : `#${index}`;
    if (targets.container && containerName !== targets.container) return;
    const wanted: Array<[string, string | undefined]> = [
      ["readinessProbe", targets.readinessPath],
      ["livenessProbe", targets.livenessPath],
    ];
    for (const [field, path] of wanted) {
      if (path === undefined) continue;
      const probe = container[field] as { httpGet?: { path?: string } } | undefined;
      if (!probe) continue;
      if (!probe.httpGet) {
        plan.skipped.push(`${containerName} ${field} is not an httpGet probe`);
        continue;
      }
      const current = probe.httpGet.path ?? "/";
      if (current === path) continue;
      const pointer = `/spec/template/spec/containers/${index}/${field}/httpGet/path`;
      // `test` on the name too: a reordered container list must not patch the wrong container.
      plan.operations.push({ op: "test", path: `/spec/template/spec/containers/${index}/name`, value: container.name });
      if (probe.httpGet.path !== undefined) plan.operations.push({ op: "test", path: pointer, value: current });
      // "replace" needs the member to exist; a probe without a path (meaning "/") gets one added.
      plan.operations.push({ op: probe.httpGet.path === undefined ? "add" : "replace", path: pointer, value: path });
      plan.changes.push(`${containerName} ${field.replace("Probe", "")} ${current} → ${path}`);
    }
  });
  return plan;
}
