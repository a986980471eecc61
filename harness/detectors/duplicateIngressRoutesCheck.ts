// `duplicateIngressRoutes:` — the built-in analyzer as a detector: watches every Ingress in every
// namespace and every IngressClass, and holds while two Ingresses claim the same host and path for
// one controller (see duplicateIngressRoutes.ts for what counts). It re-evaluates on each change the
// API reports, so its time-to-detect is the API's watch latency, not a polling interval.
//
// Which kinds of conflict make it hold is the scenario's choice (`kinds`); by default only a
// duplicate that can misroute traffic does. Every other conflict it sees is still named in the
// observation's detail, so a same-backend duplicate or an overlap is reported, not hidden.

import type { KubernetesObject } from "@kubernetes/client-node";
import { watchObjects } from "../kube/watchObjects.js";
import type { CheckKind, ConditionReading } from "../scenario/kindTypes.js";
import { CONFLICT_KINDS, describeConflict, findDuplicateRoutes, type ConflictKind } from "./duplicateIngressRoutes.js";

export interface DuplicateIngressRoutesParams {
  /** Only conflicts on this host (default: any host). */
  host?: string;
  /** The kinds of conflict that make the check hold. Default: ["duplicate"]. */
  kinds?: ConflictKind[];
}

const DEFAULT_KINDS: readonly ConflictKind[] = ["duplicate"];

export const duplicateIngressRoutesCheck: CheckKind<DuplicateIngressRoutesParams> = {
  kind: "duplicateIngressRoutes",
  summary: "Two Ingresses (any namespaces, any classes of one controller) route the same host and path (watched).",
  shorthand: "host",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      host: { type: "string", description: "Only conflicts on this host." },
      kinds: {
        type: "array",
        items: { enum: [...CONFLICT_KINDS] },
        minItems: 1,
        uniqueItems: true,
        description: "Which conflicts make the check hold: duplicate (identical rules, different backends; the default), sameBackendDuplicate, overlap (same path, different pathTypes).",
      },
    },
  },
  describe: (params) =>
    `${(params.kinds ?? DEFAULT_KINDS).map(kindLabel).join(" or ")} Ingress routes${params.host ? ` on ${params.host}` : ""} across all namespaces`,
  async observe(params, context, emit) {
    let ingresses: KubernetesObject[] | undefined;
    let classes: KubernetesObject[] | undefined;
    const evaluate = () => {
      // Until both lists arrived, a verdict would be built on half the picture.
      if (!ingresses || !classes) return;
      emit(duplicateRoutesObservation(ingresses, classes, params));
    };
    await Promise.all([
      watchObjects(context.kube, { apiVersion: "networking.k8s.io/v1", kind: "Ingress" }, (objects) => {
        ingresses = objects;
        evaluate();
      }, context.signal),
      watchObjects(context.kube, { apiVersion: "networking.k8s.io/v1", kind: "IngressClass" }, (objects) => {
        classes = objects;
        evaluate();
      }, context.signal),
    ]);
  },
};

/**
 * One evaluation of the check over listed objects, exported so its verdicts are unit-tested. Always
 * an answer: both lists arrived, and every Ingress the API serves can be analyzed.
 */
export function duplicateRoutesObservation(ingresses: KubernetesObject[], classes: KubernetesObject[], params: DuplicateIngressRoutesParams): ConditionReading {
  const counted = new Set(params.kinds ?? DEFAULT_KINDS);
  const onHost = findDuplicateRoutes(ingresses, classes).filter((c) => params.host === undefined || c.host === params.host);
  const holding = onHost.filter((c) => counted.has(c.kind));
  const others = onHost.filter((c) => !counted.has(c.kind));
  const seenToo = others.length > 0 ? `; seen but not counted: ${others.map((c) => `${kindLabel(c.kind)}: ${describeConflict(c)}`).join("; ")}` : "";
  return {
    holds: holding.length > 0,
    detail:
      holding.length > 0
        ? `${holding.length} conflicting route(s): ${holding.map((c) => `${kindLabel(c.kind)}: ${describeConflict(c)}`).join("; ")}${seenToo}`
        : `no ${[...counted].map(kindLabel).join(" or ")} routes among ${ingresses.length} Ingress(es) and ${classes.length} IngressClass(es)${seenToo}`,
  };
}

function kindLabel(kind: ConflictKind): string {
  return kind === "sameBackendDuplicate" ? "same-backend duplicate" : kind;
}
