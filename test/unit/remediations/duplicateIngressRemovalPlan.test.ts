import assert from "node:assert/strict";
import type { KubernetesObject } from "@kubernetes/client-node";
import { findDuplicateRoutes } from "../../../harness/detectors/duplicateIngressRoutes.js";
import { planDuplicateRemoval } from "../../../harness/remediations/duplicateIngressRemovalPlan.js";

const traefik = { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "traefik" }, spec: { controller: "traefik.io/ingress-controller" } };

function ingress(name: string, createdAt: string, paths: Array<{ path?: string; pathType: string; service?: string }>, namespace = name.startsWith("b") ? "team-b" : "team-a"): KubernetesObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { namespace, name, uid: name, creationTimestamp: createdAt as unknown as Date },
    spec: {
      ingressClassName: "traefik",
      rules: [{ host: "shop.example.test", http: { paths: paths.map((p) => ({ ...(p.path !== undefined ? { path: p.path } : {}), pathType: p.pathType, backend: { service: { name: p.service ?? "echo", port: { number: 80 } } } })) } }],
    },
  } as KubernetesObject;
}

const plan = (...ingresses: KubernetesObject[]) => planDuplicateRemoval(findDuplicateRoutes(ingresses, [traefik]));
const removed = (result: ReturnType<typeof planDuplicateRemoval>) => result.remove.map((r) => `${r.namespace}/${r.name}`);

describe("duplicate Ingress removal plan", () => {
  it("removes the newest Ingress of a true duplicate, once even when it duplicates several paths", () => {
    const result = plan(
      ingress("a-shop", "2026-01-01T00:00:00Z", [{ path: "/", pathType: "Prefix" }, { path: "/cart", pathType: "Prefix" }]),
      ingress("b-copy", "2026-01-01T00:05:00Z", [{ path: "/", pathType: "Prefix" }, { path: "/cart/", pathType: "Prefix" }]),
    );
    assert.deepEqual(removed(result), ["team-b/b-copy"]);
    assert.equal(result.resolves.length, 2);
    assert.deepEqual(result.leftAlone, []);
  });

  it("counts an ImplementationSpecific rule without a path as / when both are ImplementationSpecific", () => {
    const result = plan(ingress("a-legacy", "2026-01-01T00:00:00Z", [{ pathType: "ImplementationSpecific" }]), ingress("b-new", "2026-01-01T00:05:00Z", [{ path: "/", pathType: "ImplementationSpecific" }]));
    assert.deepEqual(removed(result), ["team-b/b-new"]);
  });

  it("leaves overlaps alone: Exact beside Prefix, Prefix beside ImplementationSpecific", () => {
    const exact = plan(ingress("a-exact", "2026-01-01T00:00:00Z", [{ path: "/api", pathType: "Exact", service: "v1" }]), ingress("b-prefix", "2026-01-01T00:05:00Z", [{ path: "/api", pathType: "Prefix", service: "v2" }]));
    assert.deepEqual(removed(exact), []);
    assert.match(exact.leftAlone[0]!, /^overlap, not a collision by the Ingress spec/);
    const implementation = plan(ingress("a-prefix", "2026-01-01T00:00:00Z", [{ pathType: "ImplementationSpecific" }]), ingress("b-root", "2026-01-01T00:05:00Z", [{ path: "/", pathType: "Prefix" }]));
    assert.deepEqual(removed(implementation), []);
    assert.equal(implementation.leftAlone.length, 1);
  });

  it("in a mixed group removes only the duplicate's newer Ingress, never the Exact rule beside it", () => {
    const result = plan(
      ingress("a-api", "2026-01-01T00:00:00Z", [{ path: "/api", pathType: "Prefix" }]),
      ingress("b-api", "2026-01-01T00:05:00Z", [{ path: "/api", pathType: "Prefix" }]),
      ingress("b-exact", "2026-01-01T00:09:00Z", [{ path: "/api", pathType: "Exact", service: "health" }], "team-c"),
    );
    assert.deepEqual(removed(result), ["team-b/b-api"]);
    assert.equal(result.leftAlone.length, 1);
  });

  it("leaves a same-backend duplicate alone and says how to resolve it", () => {
    const result = plan(ingress("a-one", "2026-01-01T00:00:00Z", [{ path: "/", pathType: "Prefix" }]), ingress("a-two", "2026-01-01T00:05:00Z", [{ path: "/", pathType: "Prefix" }]));
    assert.deepEqual(removed(result), []);
    assert.match(result.leftAlone[0]!, /^same-backend duplicate, nothing misrouted: merge the Ingresses' annotations and TLS into one by hand/);
  });
});
