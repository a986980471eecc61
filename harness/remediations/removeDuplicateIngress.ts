// `removeDuplicateIngress:` — the duplicate-route runbook as code. Finds every host+path that two
// Ingresses claim (the same analyzer the detector uses), keeps the oldest claim — it is what served
// before the collision — and removes the newest duplicate of each: backed up first, as YAML ready
// to re-apply (server bookkeeping stripped), to reports/<run-id>/backups/<scenario>/<variant>/<step>/;
// then deleted with a uid precondition, so an Ingress recreated meanwhile under the same name is
// never the one removed; then watched until it is gone. Dry run: back up and report only.
// Idempotent: with no duplicate left there is nothing to do, and a second run changes nothing.
//
// Only a true collision by the Ingress spec is removed (duplicateIngressRemovalPlan.ts says which
// and why); overlaps and same-backend duplicates are reported in the step's detail and output
// (`leftAlone`), never deleted.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { repoRoot } from "../cluster/repoRoot.js";
import { isNotFound, toKubeApiError } from "../kube/kubeApiError.js";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { waitForObjects } from "../kube/watchObjects.js";
import type { StepContext, StepKind } from "../scenario/kindTypes.js";
import { findDuplicateRoutes, objectKey, type IngressRoute } from "../detectors/duplicateIngressRoutes.js";
import { planDuplicateRemoval } from "./duplicateIngressRemovalPlan.js";

export interface RemoveDuplicateIngressParams {
  /** Only conflicts on this host (default: every host). */
  host?: string;
  /** Back up and report what would be removed, remove nothing. */
  dryRun?: boolean;
}

export interface RemoveDuplicateIngressOutput {
  backupDir: string;
  /** "namespace/name" of each Ingress removed (or, in a dry run, that would be). */
  removed: string[];
  /** Conflicts seen and deliberately left alone (overlaps, same-backend duplicates), described. */
  leftAlone: string[];
}

const INGRESSES = "/apis/networking.k8s.io/v1/ingresses";
const INGRESS_CLASSES = "/apis/networking.k8s.io/v1/ingressclasses";

export const removeDuplicateIngressStep: StepKind<RemoveDuplicateIngressParams> = {
  kind: "removeDuplicateIngress",
  summary:
    "Remediation: back up, then delete the newest Ingress of every duplicate host+path+pathType (oldest claim stays); overlaps and same-backend duplicates are reported, never deleted; idempotent, dry-run capable.",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      host: { type: "string" },
      dryRun: { type: "boolean" },
    },
  },
  describe: (params) => `${params.dryRun ? "dry run: " : ""}back up and delete the newest duplicate Ingress${params.host ? ` on ${params.host}` : ""}`,
  async run(params, context) {
    const timeoutMs = Math.min(context.timeoutMs, context.kube.requestTimeoutMs);
    const list = async (url: string, what: string) => {
      try {
        return ((await kubeJsonRequest(context.kube.config, url, { timeoutMs, signal: context.signal })) as { items?: KubernetesObject[] }).items ?? [];
      } catch (error) {
        throw toKubeApiError(`list ${what} (nothing was changed)`, error);
      }
    };
    const conflicts = findDuplicateRoutes(await list(INGRESSES, "Ingresses"), await list(INGRESS_CLASSES, "IngressClasses")).filter(
      (c) => params.host === undefined || c.host === params.host,
    );
    const plan = planDuplicateRemoval(conflicts);
    const leftAloneNote = plan.leftAlone.length > 0 ? `; left alone: ${plan.leftAlone.join("; ")}` : "";
    const backupDir = path.join(repoRoot(), "reports", context.runId, "backups", context.scenario, context.variant, context.stepId);
    if (plan.remove.length === 0) {
      const output: RemoveDuplicateIngressOutput = { backupDir: path.relative(repoRoot(), backupDir), removed: [], leftAlone: plan.leftAlone };
      return { detail: `no duplicate Ingress routes to remove: nothing to do${leftAloneNote}`, output };
    }

    // Back up everything first, so a failure halfway leaves every removed object restorable.
    const current: KubernetesObject[] = [];
    for (const target of plan.remove) {
      const object = await readIngress(target, context, timeoutMs);
      if (object) current.push(object);
    }
    await mkdir(backupDir, { recursive: true });
    for (const object of current) await backUp(object, backupDir);

    const removed: string[] = [];
    for (const object of current) {
      const key = `${object.metadata?.namespace}/${object.metadata?.name}`;
      removed.push(key);
      if (params.dryRun) continue;
      await deleteExactly(object, context, timeoutMs);
    }
    const output: RemoveDuplicateIngressOutput = { backupDir: path.relative(repoRoot(), backupDir), removed, leftAlone: plan.leftAlone };
    const verb = params.dryRun ? "would delete" : "deleted";
    return {
      detail: `${verb} ${removed.join(", ") || "nothing (already gone)"}; backup: ${output.backupDir}; was: ${plan.resolves.join("; ")}${leftAloneNote}`,
      output,
    };
  },
};

function objectUrl(namespace: string, name: string): string {
  return `/apis/networking.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/ingresses/${encodeURIComponent(name)}`;
}

/** The live object, or undefined when someone removed it since the list (nothing to do then). */
async function readIngress(target: IngressRoute, context: StepContext, timeoutMs: number): Promise<KubernetesObject | undefined> {
  try {
    return (await kubeJsonRequest(context.kube.config, objectUrl(target.namespace, target.name), { timeoutMs, signal: context.signal })) as KubernetesObject;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toKubeApiError(`read Ingress ${objectKey(target)} (nothing was changed)`, error);
  }
}

/** Writes the Ingress as re-appliable YAML; the first backup of a run is kept, never overwritten. */
async function backUp(object: KubernetesObject, dir: string): Promise<void> {
  const copy = structuredClone(object) as KubernetesObject & { status?: unknown };
  delete copy.status;
  if (copy.metadata) {
    for (const field of ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"] as const) delete copy.metadata[field];
  }
  const file = path.join(dir, `ingress-${object.metadata?.namespace}-${object.metadata?.name}.yaml`);
  try {
    await writeFile(file, `# re-apply with: kubectl apply -f ${path.basename(file)}\n${stringify(copy)}`, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new Error(`cannot write the backup ${file}: ${(error as Error).message}; fix the permissions or free disk space, nothing was deleted`);
    }
  }
}

/** Deletes this very object (uid precondition) and waits until the API no longer lists it. */
async function deleteExactly(object: KubernetesObject, context: StepContext, timeoutMs: number): Promise<void> {
  const namespace = object.metadata?.namespace ?? "default";
  const name = object.metadata?.name ?? "";
  try {
    await kubeJsonRequest(context.kube.config, objectUrl(namespace, name), {
      method: "DELETE",
      body: JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid: object.metadata?.uid } }),
      headers: { "Content-Type": "application/json" },
      timeoutMs,
      signal: context.signal,
    });
  } catch (error) {
    if (isNotFound(error)) return;
    // 409 Conflict: the uid changed, i.e. the Ingress was recreated since it was read and backed up.
    throw toKubeApiError(`delete Ingress ${namespace}/${name} (if it was recreated meanwhile, run the step again)`, error);
  }
  await waitForObjects(
    context.kube,
    { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace, fieldSelector: `metadata.name=${name}` },
    (objects) => ({ done: objects.every((o) => o.metadata?.uid !== object.metadata?.uid), detail: objects.length === 0 ? "gone" : "still listed (finalizers?)" }),
    { timeoutMs: Math.max(1_000, context.timeoutMs - 5_000), what: `Ingress ${namespace}/${name} gone`, signal: context.signal },
  );
}
