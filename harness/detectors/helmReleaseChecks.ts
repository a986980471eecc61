// `helmOrphanedObjects:` and `helmDeployedRevisions:` — the Helm bookkeeping invariants
// (helmReleaseInvariants.ts) as watch-based checks: they hold while the invariant is BROKEN, so a
// detector built on them is silent on a healthy release and fires the moment records vanish. In a
// `recover:` entry, use them with `negate: true` ("the invariant holds again").

import type { KubernetesObject } from "@kubernetes/client-node";
import type { CheckKind, Observation, RunContext } from "../scenario/kindTypes.js";
import { watchObjects, type WatchTarget } from "../kube/watchObjects.js";
import { apiVersionFor } from "../kube/objectSelection.js";
import { readReleaseSecrets, releaseSelector, type SecretObject } from "../remediations/helmReleaseRecord.js";
import { couldNotTell } from "../scenario/observationReading.js";
import { deployedRevisionCount, orphanedReleaseObjects, type InvariantVerdict } from "./helmReleaseInvariants.js";
import { observeObjects } from "./observeObjects.js";

export interface OrphanedObjectsParams {
  /** Only objects claiming this release (default: any release). */
  release?: string;
  /** Kinds to look at (annotations cannot be selected on, so each kind is watched). */
  kinds?: string[];
  namespace?: string;
}

export interface DeployedRevisionsParams {
  release: string;
  namespace?: string;
}

/** What a typical chart renders; Secrets are always watched (they also hold the release records). */
const DEFAULT_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Service", "ConfigMap", "ServiceAccount"];

export const helmOrphanedObjectsCheck: CheckKind<OrphanedObjectsParams> = {
  kind: "helmOrphanedObjects",
  summary: "Objects annotated meta.helm.sh/release-name=X exist while release X has no release record (watched).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      release: { type: "string" },
      kinds: { type: "array", items: { type: "string" }, minItems: 1 },
      namespace: { type: "string" },
    },
  },
  describe: (params) => `objects of ${params.release ? `release ${params.release}` : "a Helm release"} without a release record`,
  observe(params, context, emit) {
    const namespace = params.namespace ?? context.namespace;
    const kinds = [...new Set([...(params.kinds ?? DEFAULT_KINDS).filter((kind) => kind !== "Secret"), "Secret"])];
    const targets: WatchTarget[] = kinds.map((kind) => ({ apiVersion: apiVersionFor({ kind }), kind, namespace }));
    return observeSeveral(context, targets, (snapshots) => {
      const all = [...snapshots.values()].flat();
      const { records, unreadable } = readReleaseSecrets((snapshots.get("Secret") ?? []) as SecretObject[]);
      return reading(orphanedReleaseObjects(all, records, namespace, params.release, unreadable));
    }, emit);
  },
};

export const helmDeployedRevisionsCheck: CheckKind<DeployedRevisionsParams> = {
  kind: "helmDeployedRevisions",
  summary: "A Helm release does not have exactly one revision labelled status=deployed (watched).",
  shorthand: "release",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["release"],
    properties: { release: { type: "string" }, namespace: { type: "string" } },
  },
  describe: (params) => `release ${params.release} without exactly one deployed revision`,
  observe(params, context, emit) {
    return observeObjects(
      context,
      { apiVersion: "v1", kind: "Secret", namespace: params.namespace ?? context.namespace, labelSelector: releaseSelector(params.release) },
      (objects) => {
        // The release is named in the scenario, so "no records at all" is a violation, not "no such release".
        const { records, unreadable } = readReleaseSecrets(objects as SecretObject[], params.release);
        return reading(deployedRevisionCount(records, params.release, true, unreadable));
      },
      emit,
    );
  },
};

/** The invariant's verdict as an observation: it holds while the invariant is broken. */
function reading(verdict: InvariantVerdict): Observation {
  return verdict.couldNotTell ? couldNotTell(verdict.detail) : { holds: verdict.violated, detail: verdict.detail };
}

/** Watches several kinds at once; evaluates once every kind was listed, then on every change. */
function observeSeveral(
  context: RunContext,
  targets: WatchTarget[],
  evaluate: (snapshots: Map<string, KubernetesObject[]>) => Observation,
  emit: (observation: Observation) => void,
): Promise<void> {
  const snapshots = new Map<string, KubernetesObject[]>();
  const onSnapshot = (kind: string) => (objects: KubernetesObject[]) => {
    snapshots.set(kind, objects);
    if (snapshots.size === targets.length) emit(evaluate(snapshots));
  };
  return Promise.all(targets.map((target) => watchObjects(context.kube, target, onSnapshot(target.kind), context.signal))).then(() => undefined);
}
