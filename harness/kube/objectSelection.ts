// "Which objects does this step mean?": a kind plus a name or a label selector, in the scenario's
// namespace unless told otherwise. Common kinds need no apiVersion.

import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeClients } from "./kubeClients.js";
import { withDeadline } from "./deadline.js";
import { kubeRawRequest } from "./kubeRawRequest.js";
import { toKubeApiError } from "./kubeApiError.js";

export interface ObjectSelection {
  apiVersion?: string;
  kind: string;
  name?: string;
  /** Label selector, e.g. "app=web,tier!=db". */
  selector?: string;
  /** Defaults to the scenario namespace; ignored for cluster-scoped kinds. */
  namespace?: string;
}

export const OBJECT_SELECTION_SCHEMA = {
  apiVersion: { type: "string", description: "Optional for common kinds (Pod, Deployment, Service, Secret, …)." },
  kind: { type: "string" },
  name: { type: "string" },
  selector: { type: "string", description: "Label selector, e.g. app=web" },
  namespace: { type: "string" },
} as const;

const WELL_KNOWN: Record<string, string> = {
  Pod: "v1",
  Service: "v1",
  Secret: "v1",
  ConfigMap: "v1",
  Namespace: "v1",
  Node: "v1",
  ServiceAccount: "v1",
  PersistentVolumeClaim: "v1",
  Endpoints: "v1",
  Event: "v1",
  Deployment: "apps/v1",
  StatefulSet: "apps/v1",
  DaemonSet: "apps/v1",
  ReplicaSet: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  Ingress: "networking.k8s.io/v1",
  IngressClass: "networking.k8s.io/v1",
  NetworkPolicy: "networking.k8s.io/v1",
  EndpointSlice: "discovery.k8s.io/v1",
  ValidatingAdmissionPolicy: "admissionregistration.k8s.io/v1",
  ValidatingAdmissionPolicyBinding: "admissionregistration.k8s.io/v1",
  ValidatingWebhookConfiguration: "admissionregistration.k8s.io/v1",
  Role: "rbac.authorization.k8s.io/v1",
  RoleBinding: "rbac.authorization.k8s.io/v1",
  ClusterRole: "rbac.authorization.k8s.io/v1",
  ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
  CustomResourceDefinition: "apiextensions.k8s.io/v1",
};

export function apiVersionFor(selection: Pick<ObjectSelection, "apiVersion" | "kind">): string {
  const apiVersion = selection.apiVersion ?? WELL_KNOWN[selection.kind];
  if (!apiVersion) throw new Error(`apiVersion is needed for kind ${selection.kind}: add \`apiVersion: group/version\``);
  return apiVersion;
}

/** "Pod app=web in gd-smoke" */
export function describeSelection(selection: ObjectSelection, defaultNamespace: string): string {
  const which = selection.name ?? (selection.selector ? `-l ${selection.selector}` : "(all)");
  return `${selection.kind} ${which} in ${selection.namespace ?? defaultNamespace}`;
}

export async function selectObjects(
  clients: KubeClients,
  selection: ObjectSelection,
  defaultNamespace: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<KubernetesObject[]> {
  const apiVersion = apiVersionFor(selection);
  const action = `list ${describeSelection(selection, defaultNamespace)}`;
  try {
    const path = await withDeadline(
      clients.objects.collectionPath(apiVersion, selection.kind, selection.namespace ?? defaultNamespace),
      options.timeoutMs,
      action,
      options.signal,
    );
    const query = new URLSearchParams();
    if (selection.selector) query.set("labelSelector", selection.selector);
    if (selection.name) query.set("fieldSelector", `metadata.name=${selection.name}`);
    const request = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
    const response = await kubeRawRequest(clients.config, `${path}${query.size > 0 ? `?${query}` : ""}`, request);
    if (response.status !== 200) throw Object.assign(new Error(`HTTP ${response.status}`), { code: response.status, body: response.body });
    const list = JSON.parse(response.body) as { items?: KubernetesObject[] };
    return (list.items ?? []).map((item) => ({ apiVersion, kind: selection.kind, ...item }));
  } catch (error) {
    throw toKubeApiError(action, error);
  }
}
