// `deploymentAvailable:` — the Deployment's current generation rolled out with every replica ready
// (watched). Its negation with `holdFor` is how "replicas mismatch persists" is asserted; it stands
// for kube-prometheus KubeDeploymentReplicasMismatch (which needs 15 min of mismatch in production).

import type { CheckKind } from "../scenario/kindTypes.js";
import { deploymentState } from "../kube/workloadState.js";
import { observeObjects } from "./observeObjects.js";

export interface DeploymentParams {
  name: string;
  namespace?: string;
}

export const deploymentAvailableCheck: CheckKind<DeploymentParams> = {
  kind: "deploymentAvailable",
  summary: "A Deployment is fully rolled out and all replicas are ready (watched).",
  shorthand: "name",
  paramsSchema: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" }, namespace: { type: "string" } } },
  describe: (params) => `deployment ${params.name} available`,
  observe(params, context, emit) {
    const namespace = params.namespace ?? context.namespace;
    return observeObjects(
      context,
      { apiVersion: "apps/v1", kind: "Deployment", namespace, fieldSelector: `metadata.name=${params.name}` },
      (objects) => {
        const first = objects[0];
        if (!first) return { holds: false, detail: `deployment ${params.name} does not exist` };
        const state = deploymentState(first);
        return { holds: state.available, detail: `deployment ${params.name}: ${state.detail}` };
      },
      emit,
    );
  },
};
