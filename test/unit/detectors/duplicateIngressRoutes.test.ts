import assert from "node:assert/strict";
import type { KubernetesObject } from "@kubernetes/client-node";
import {
  describeConflict,
  findDuplicateRoutes,
  ingressRoutes,
  newestDuplicate,
} from "../../../harness/detectors/duplicateIngressRoutes.js";

interface PathSpec {
  path?: string;
  pathType?: string;
  service?: string;
  port?: number | string;
}

function ingress(
  namespace: string,
  name: string,
  createdAt: string,
  rules: Array<{ host?: string; paths: PathSpec[] }>,
  extra: { className?: string; annotations?: Record<string, string>; deleting?: boolean; defaultBackend?: string } = {},
): KubernetesObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      namespace,
      name,
      uid: `${namespace}-${name}`,
      creationTimestamp: new Date(createdAt),
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.deleting ? { deletionTimestamp: new Date(createdAt) } : {}),
    },
    spec: {
      ...(extra.className ? { ingressClassName: extra.className } : {}),
      ...(extra.defaultBackend ? { defaultBackend: { service: { name: extra.defaultBackend, port: { number: 80 } } } } : {}),
      rules: rules.map((rule) => ({
        ...(rule.host ? { host: rule.host } : {}),
        http: {
          paths: rule.paths.map((p) => ({
            ...(p.path !== undefined ? { path: p.path } : {}),
            pathType: p.pathType ?? "Prefix",
            backend: { service: { name: p.service ?? "echo", port: typeof p.port === "string" ? { name: p.port } : { number: p.port ?? 80 } } },
          })),
        },
      })),
    },
  } as KubernetesObject;
}

function ingressClass(name: string, controller: string, isDefault = false): KubernetesObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name, ...(isDefault ? { annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } } : {}) },
    spec: { controller },
  } as KubernetesObject;
}

const traefik = ingressClass("traefik", "traefik.io/ingress-controller");
const shop = (ns: string, name: string, at: string, extra: Parameters<typeof ingress>[4] = { className: "traefik" }, paths: PathSpec[] = [{ path: "/" }]) =>
  ingress(ns, name, at, [{ host: "shop.example.test", paths }], extra);

describe("duplicate ingress routes analyzer", () => {
  it("names both Ingresses when two namespaces claim the same host and path (the scenario's fault)", () => {
    const conflicts = findDuplicateRoutes([shop("team-a", "ing-a", "2026-01-01T00:00:00Z"), shop("team-b", "ing-b", "2026-01-01T00:05:00Z")], [traefik]);
    assert.equal(conflicts.length, 1);
    const [conflict] = conflicts;
    assert.equal(conflict!.kind, "tie");
    assert.equal(conflict!.sameBackend, false);
    assert.deepEqual(conflict!.routes.map((r) => `${r.namespace}/${r.name}`), ["team-a/ing-a", "team-b/ing-b"]);
    assert.equal(
      describeConflict(conflict!),
      "shop.example.test Prefix / (traefik.io/ingress-controller, identical rules): team-a/ing-a → team-a/echo:80 (oldest), team-b/ing-b → team-b/echo:80",
    );
    assert.equal(newestDuplicate(conflict!).name, "ing-b");
  });

  it("is silent on the healthy baseline: one Ingress, or different hosts, or different paths", () => {
    assert.deepEqual(findDuplicateRoutes([shop("team-a", "ing-a", "2026-01-01T00:00:00Z")], [traefik]), []);
    const otherHost = ingress("team-b", "ing-b", "2026-01-01T00:05:00Z", [{ host: "api.example.test", paths: [{ path: "/" }] }], { className: "traefik" });
    const otherPath = shop("team-b", "ing-c", "2026-01-01T00:06:00Z", { className: "traefik" }, [{ path: "/cart" }]);
    assert.deepEqual(findDuplicateRoutes([shop("team-a", "ing-a", "2026-01-01T00:00:00Z"), otherHost, otherPath], [traefik]), []);
  });

  it("keeps Ingresses of different controllers apart, but joins classes that name the same controller", () => {
    const nginx = ingressClass("nginx", "k8s.io/ingress-nginx");
    const traefikInternal = ingressClass("traefik-internal", "traefik.io/ingress-controller");
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z");
    assert.deepEqual(findDuplicateRoutes([a, shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "nginx" })], [traefik, nginx]), []);
    const sameController = findDuplicateRoutes([a, shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik-internal" })], [traefik, traefikInternal]);
    assert.equal(sameController.length, 1);
    assert.deepEqual(sameController[0]!.routes.map((r) => r.className), ["traefik", "traefik-internal"]);
  });

  it("resolves the class from the legacy annotation and from the default IngressClass", () => {
    const defaultTraefik = ingressClass("traefik", "traefik.io/ingress-controller", true);
    const legacy = shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { annotations: { "kubernetes.io/ingress.class": "traefik" } });
    const unclassed = shop("team-c", "ing-c", "2026-01-01T00:06:00Z", {});
    const routes = ingressRoutes([legacy, unclassed], [defaultTraefik]);
    assert.deepEqual(routes.map((r) => r.className), ["traefik", "traefik"]);
    assert.equal(findDuplicateRoutes([shop("team-a", "ing-a", "2026-01-01T00:00:00Z"), legacy, unclassed], [defaultTraefik])[0]!.routes.length, 3);
    // Without a default class, class-less Ingresses form their own group (no controller is known to serve them).
    assert.equal(ingressRoutes([unclassed], [traefik])[0]!.controller, "(no class)");
  });

  it("treats an absent host as every host, and Prefix paths with or without a trailing slash alike", () => {
    const a = ingress("team-a", "ing-a", "2026-01-01T00:00:00Z", [{ paths: [{ path: "/shop/" }] }], { className: "traefik" });
    const b = ingress("team-b", "ing-b", "2026-01-01T00:05:00Z", [{ paths: [{ path: "/shop" }] }], { className: "traefik" });
    const conflicts = findDuplicateRoutes([a, b], [traefik]);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.host, "*");
    assert.equal(conflicts[0]!.path, "/shop");
  });

  it("reports same host and path with different pathTypes as an overlap, not a tie", () => {
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [{ path: "/shop", pathType: "Prefix" }]);
    const b = shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik" }, [{ path: "/shop", pathType: "ImplementationSpecific" }]);
    const [conflict] = findDuplicateRoutes([a, b], [traefik]);
    assert.equal(conflict!.kind, "overlap");
    assert.match(describeConflict(conflict!), /Prefix\/ImplementationSpecific \/shop .*overlapping rules/);
  });

  it("flags duplicates that send traffic to one backend as harmless, and ignores one Ingress repeating itself", () => {
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z");
    const copy = shop("team-a", "ing-a-copy", "2026-01-01T00:05:00Z");
    const [conflict] = findDuplicateRoutes([a, copy], [traefik]);
    assert.equal(conflict!.sameBackend, true);
    assert.match(describeConflict(conflict!), /same backend, nothing misrouted/);
    const twice = ingress("team-a", "ing-a", "2026-01-01T00:00:00Z", [{ host: "shop.example.test", paths: [{ path: "/" }] }, { host: "shop.example.test", paths: [{ path: "/" }] }], { className: "traefik" });
    assert.deepEqual(findDuplicateRoutes([twice], [traefik]), []);
  });

  it("ignores an Ingress that is being deleted, and sees default backends collide", () => {
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z");
    assert.deepEqual(findDuplicateRoutes([a, shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik", deleting: true })], [traefik]), []);
    const d1 = ingress("team-a", "catch-all", "2026-01-01T00:00:00Z", [], { className: "traefik", defaultBackend: "fallback" });
    const d2 = ingress("team-b", "catch-all", "2026-01-01T00:01:00Z", [], { className: "traefik", defaultBackend: "fallback" });
    const [conflict] = findDuplicateRoutes([d1, d2], [traefik]);
    assert.equal(conflict!.path, "");
    assert.match(describeConflict(conflict!), /\* DefaultBackend \(default backend\)/);
  });

  it("picks the newest Ingress as the duplicate to remove, whatever order the API listed them in", () => {
    const conflicts = findDuplicateRoutes(
      [shop("team-c", "ing-c", "2026-01-01T00:09:00Z"), shop("team-a", "ing-a", "2026-01-01T00:00:00Z"), shop("team-b", "ing-b", "2026-01-01T00:05:00Z")],
      [traefik],
    );
    assert.deepEqual(conflicts[0]!.routes.map((r) => r.name), ["ing-a", "ing-b", "ing-c"]);
    assert.equal(newestDuplicate(conflicts[0]!).name, "ing-c");
  });
});
