// `duplicateIngressRoutes:` — the built-in analyzer as a detector: watches every Ingress in every
// namespace and every IngressClass, and holds while two Ingresses claim the same host and path for
// one controller (see duplicateIngressRoutes.ts for what counts). It re-evaluates on each change the
// API reports, so its time-to-detect is the API's watch latency, not a polling interval.

import type { KubernetesObject } from "@kubernetes/client-node";
import { watchObjects } from "../kube/watchObjects.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { describeConflict, findDuplicateRoutes } from "./duplicateIngressRoutes.js";

export interface DuplicateIngressRoutesParams {
  /** Only conflicts on this host (default: any host). */
  host?: string;
  /** Also count duplicates whose routes all reach one backend (redundant, not misrouting). Default false. */
  includeSameBackend?: boolean;
}

export const duplicateIngressRoutesCheck: CheckKind<DuplicateIngressRoutesParams> = {
  kind: "duplicateIngressRoutes",
  summary: "Two Ingresses (any namespaces, any classes of one controller) route the same host and path (watched).",
  shorthand: "host",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      host: { type: "string", description: "Only conflicts on this host." },
      includeSameBackend: { type: "boolean", description: "Count duplicates that reach one backend too (default false)." },
    },
  },
  describe: (params) => `duplicate Ingress routes${params.host ? ` on ${params.host}` : ""} across all namespaces`,
  async observe(params, context, emit) {
    let ingresses: KubernetesObject[] | undefined;
    let classes: KubernetesObject[] | undefined;
    const evaluate = () => {
      // Until both lists arrived, a verdict would be built on half the picture.
      if (!ingresses || !classes) return;
      const conflicts = findDuplicateRoutes(ingresses, classes).filter(
        (c) => (params.host === undefined || c.host === params.host) && (params.includeSameBackend === true || !c.sameBackend),
      );
      emit({
        holds: conflicts.length > 0,
        detail:
          conflicts.length > 0
            ? `${conflicts.length} duplicate route(s): ${conflicts.map(describeConflict).join("; ")}`
            : `no duplicate routes among ${ingresses.length} Ingress(es) and ${classes.length} IngressClass(es)`,
      });
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
