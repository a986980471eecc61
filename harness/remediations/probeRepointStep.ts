// `repointProbes:` — the probe-cycle runbook as code: point the Deployments' readiness (and, if
// given, liveness) probes at a self-only path, so no pod's readiness waits for another Service.
// Backs every Deployment up first, to reports/<run-id>/backups/<scenario>/<variant>/<step>/ (the
// path is in the step's output and on the timeline); supports a dry run; idempotent (probes that
// already point there are left alone, and a second run changes nothing). Waiting for the rollout
// is the scenario's recover phase, not this step's.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { repoRoot } from "../cluster/repoRoot.js";
import { toKubeApiError } from "../kube/kubeApiError.js";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { FIELD_MANAGER } from "../kube/serverSideApply.js";
import type { StepContext, StepKind } from "../scenario/kindTypes.js";
import { planProbeRepoint, type ProbeTargets } from "./probeRepointPlan.js";

export interface RepointProbesParams extends ProbeTargets {
  deployments: string[];
  namespace?: string;
  /** Back up and report what would change, change nothing. */
  dryRun?: boolean;
  /** Fail if any probe would still change: run after the remediation, it proves it idempotent on the real cluster. */
  expectNoChange?: boolean;
}

export interface RepointProbesOutput {
  backupDir: string;
  changed: string[];
}

export const repointProbesStep: StepKind<RepointProbesParams> = {
  kind: "repointProbes",
  summary: "Remediation: point Deployments' readiness (and liveness) httpGet probes at self-only paths; backs up first, idempotent, dry-run capable.",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["deployments", "readinessPath"],
    properties: {
      deployments: { type: "array", items: { type: "string" }, minItems: 1 },
      namespace: { type: "string" },
      readinessPath: { type: "string", pattern: "^/" },
      livenessPath: { type: "string", pattern: "^/" },
      container: { type: "string" },
      dryRun: { type: "boolean" },
      expectNoChange: { type: "boolean" },
    },
  },
  describe: (params) =>
    `${params.dryRun ? "dry run: " : ""}${params.expectNoChange ? "again, expecting no change: " : ""}point readiness${params.livenessPath ? " and liveness" : ""} probes of ${params.deployments.join(", ")} at ${params.readinessPath}${params.livenessPath ? ` / ${params.livenessPath}` : ""}`,
  async run(params, context) {
    const namespace = params.namespace ?? context.namespace;
    const requestTimeoutMs = Math.min(context.timeoutMs, context.kube.requestTimeoutMs);
    const objectPath = (name: string) => `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`;

    // Read and back up everything before changing anything: a half-remediated pair is still restorable.
    const deployments: KubernetesObject[] = [];
    for (const name of params.deployments) {
      try {
        deployments.push((await kubeJsonRequest(context.kube.config, objectPath(name), { timeoutMs: requestTimeoutMs, signal: context.signal })) as KubernetesObject);
      } catch (error) {
        throw toKubeApiError(`read Deployment ${namespace}/${name} (check the name in repointProbes.deployments)`, error);
      }
    }
    const backupDir = await backUp(deployments, context);

    const changed: string[] = [];
    const notes: string[] = [];
    const plans = deployments.map((deployment) => planProbeRepoint(deployment, params));
    // Checked before any patch: a run that is not idempotent must not change anything either.
    const pending = plans.flatMap((plan) => plan.changes.map((change) => `${plan.deployment} ${change}`));
    if (params.expectNoChange && pending.length > 0) {
      throw new Error(`expected nothing left to change, but would change ${pending.join("; ")} (backup: ${backupDir}): the remediation is not idempotent, or someone changed the probes since`);
    }
    for (const plan of plans) {
      notes.push(...plan.skipped.map((skip) => `${plan.deployment}: ${skip}`));
      if (plan.operations.length === 0) continue;
      changed.push(...plan.changes.map((change) => `${plan.deployment} ${change}`));
      if (params.dryRun) continue;
      try {
        await kubeJsonRequest(context.kube.config, `${objectPath(plan.deployment)}?fieldManager=${FIELD_MANAGER}`, {
          method: "PATCH",
          body: JSON.stringify(plan.operations),
          headers: { "Content-Type": "application/json-patch+json" },
          timeoutMs: requestTimeoutMs,
          signal: context.signal,
        });
      } catch (error) {
        // A failed `test` (HTTP 422) means the probe changed since it was read: read again by re-running.
        throw toKubeApiError(`patch probes of Deployment ${namespace}/${plan.deployment} (backup in ${backupDir}; if it changed meanwhile, run the step again)`, error);
      }
    }
    const output: RepointProbesOutput = { backupDir, changed };
    const what = changed.length === 0 ? "nothing to change: every probe already points there" : `${params.dryRun ? "would change" : "changed"} ${changed.join("; ")}`;
    return { detail: `${what}; backup: ${backupDir}${notes.length > 0 ? `; ${notes.join("; ")}` : ""}`, output };
  },
};

/** Writes each Deployment as JSON (without server bookkeeping); an earlier backup of the run is kept, never overwritten. */
async function backUp(deployments: KubernetesObject[], context: StepContext): Promise<string> {
  const dir = path.join(repoRoot(), "reports", context.runId, "backups", context.scenario, context.variant, context.stepId);
  await mkdir(dir, { recursive: true });
  for (const deployment of deployments) {
    const copy = structuredClone(deployment) as KubernetesObject & { status?: unknown };
    if (copy.metadata) delete copy.metadata.managedFields;
    const file = path.join(dir, `deployment-${deployment.metadata?.name ?? "unnamed"}.json`);
    try {
      await writeFile(file, `${JSON.stringify(copy, null, 2)}\n`, { flag: "wx" });
    } catch (error) {
      // Idempotent re-runs: the first backup holds the state before any remediation, keep it.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot write the backup ${file}: ${(error as Error).message}; fix the permissions or free disk space, nothing was changed`);
    }
  }
  return path.relative(repoRoot(), dir);
}
