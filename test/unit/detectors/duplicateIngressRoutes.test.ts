import assert from "node:assert/strict";
import type { KubernetesObject } from "@kubernetes/client-node";
import {
  describeConflict,
  findDuplicateRoutes,
  ingressRoutes,
  newestDuplicate,
} from "../../../harness/detectors/duplicateIngressRoutes.js";
import { duplicateRoutesObservation } from "../../../harness/detectors/duplicateIngressRoutesCheck.js";

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
  extra: {
    className?: string;
    annotations?: Record<string, string>;
    deleting?: boolean;
    defaultBackend?: string;
    tls?: Array<{ hosts?: string[]; secretName?: string }>;
  } = {},
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
      ...(extra.tls ? { tls: extra.tls } : {}),
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
    assert.equal(conflict!.kind, "duplicate");
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

  it("reports same host and path with different pathTypes as an overlap, not a duplicate", () => {
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [{ path: "/shop", pathType: "Prefix" }]);
    const b = shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik" }, [{ path: "/shop", pathType: "ImplementationSpecific" }]);
    const [conflict] = findDuplicateRoutes([a, b], [traefik]);
    assert.equal(conflict!.kind, "overlap");
    assert.match(describeConflict(conflict!), /ImplementationSpecific\/Prefix \/shop .*overlapping rules/);
  });

  it("ignores one Ingress repeating itself", () => {
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
    assert.equal(conflict!.kind, "duplicate", "team-a/fallback and team-b/fallback are two Services");
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

  describe("paths as the Ingress API routes them", () => {
    const is = (path?: string): PathSpec => ({ pathType: "ImplementationSpecific", ...(path !== undefined ? { path } : {}) });

    it("treats an ImplementationSpecific rule without a path as the root: a duplicate of one at /", () => {
      const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [is()]);
      const b = shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik" }, [is("/")]);
      const [conflict, ...rest] = findDuplicateRoutes([a, b], [traefik]);
      assert.equal(rest.length, 0);
      assert.equal(conflict!.kind, "duplicate");
      assert.equal(conflict!.path, "/");
      assert.match(describeConflict(conflict!), /team-a\/ing-a \(written without a path\) → team-a\/echo:80 \(oldest\)/);
    });

    it("reports a path-less ImplementationSpecific rule beside Prefix / (the v1beta1 leftover) as an overlap", () => {
      const legacy = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [is()]);
      const modern = shop("team-b", "ing-b", "2026-01-01T00:05:00Z");
      const conflicts = findDuplicateRoutes([legacy, modern], [traefik]);
      assert.deepEqual(conflicts.map((c) => [c.kind, c.path, c.pathTypes.join("/")]), [["overlap", "/", "ImplementationSpecific/Prefix"]]);
    });

    it("keeps the default backend apart from a path-less rule: only two default backends collide", () => {
      const fallback = ingress("team-a", "catch-all", "2026-01-01T00:00:00Z", [], { className: "traefik", defaultBackend: "fallback" });
      const hostless = ingress("team-b", "ing-b", "2026-01-01T00:05:00Z", [{ paths: [is()] }], { className: "traefik" });
      assert.deepEqual(findDuplicateRoutes([fallback, hostless], [traefik]), []);
    });

    it("keeps Exact paths exact: /shop/ and /shop are two rules, while Prefix /shop/ and /shop are one", () => {
      const exact = (ns: string, name: string, at: string, path: string) => shop(ns, name, at, { className: "traefik" }, [{ path, pathType: "Exact" }]);
      assert.deepEqual(findDuplicateRoutes([exact("team-a", "ing-a", "2026-01-01T00:00:00Z", "/shop/"), exact("team-b", "ing-b", "2026-01-01T00:05:00Z", "/shop")], [traefik]), []);
      const prefix = (ns: string, name: string, at: string, path: string) => shop(ns, name, at, { className: "traefik" }, [{ path, pathType: "Prefix" }]);
      const [conflict] = findDuplicateRoutes([prefix("team-a", "ing-a", "2026-01-01T00:00:00Z", "/shop/"), prefix("team-b", "ing-b", "2026-01-01T00:05:00Z", "/shop")], [traefik]);
      assert.equal(conflict!.kind, "duplicate");
    });
  });

  describe("overlaps: same path, different path types", () => {
    it("reports Exact /api beside Prefix /api as an overlap (the spec gives Exact precedence), never a duplicate", () => {
      const exact = shop("team-a", "api-exact", "2026-01-01T00:00:00Z", { className: "traefik" }, [{ path: "/api", pathType: "Exact", service: "api-v1" }]);
      const prefix = shop("team-b", "api-prefix", "2026-01-01T00:05:00Z", { className: "traefik" }, [{ path: "/api", pathType: "Prefix", service: "api-v2" }]);
      const conflicts = findDuplicateRoutes([exact, prefix], [traefik]);
      assert.deepEqual(conflicts.map((c) => c.kind), ["overlap"]);
      assert.throws(() => newestDuplicate(conflicts[0]!), /only a duplicate has an Ingress to remove; this is a overlap/);
      assert.match(describeConflict(conflicts[0]!), /team-a\/api-exact Exact → team-a\/api-v1:80 \(oldest\), team-b\/api-prefix Prefix → team-b\/api-v2:80/);
    });

    it("splits a mixed group: two Prefix rules are a duplicate, and the Exact one beside them an overlap", () => {
      const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [{ path: "/api" }]);
      const b = shop("team-b", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik" }, [{ path: "/api" }]);
      const c = shop("team-c", "ing-c", "2026-01-01T00:09:00Z", { className: "traefik" }, [{ path: "/api", pathType: "Exact" }]);
      const conflicts = findDuplicateRoutes([a, b, c], [traefik]);
      assert.deepEqual(conflicts.map((conflict) => [conflict.kind, conflict.routes.map((r) => r.name).join(",")]), [
        ["duplicate", "ing-a,ing-b"],
        ["overlap", "ing-a,ing-b,ing-c"],
      ]);
      assert.equal(newestDuplicate(conflicts[0]!).name, "ing-b", "the Exact rule is not part of the duplicate, so it is never the one removed");
    });

    it("does not call one Ingress's own Exact and Prefix /api an overlap", () => {
      const both = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik" }, [{ path: "/api", pathType: "Exact" }, { path: "/api", pathType: "Prefix" }]);
      assert.deepEqual(findDuplicateRoutes([both], [traefik]), []);
    });
  });

  describe("same-backend duplicates", () => {
    it("reports a copy that reaches the same Service as its own kind, naming what else differs (annotations, TLS)", () => {
      const original = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", {
        className: "traefik",
        annotations: { "traefik.ingress.kubernetes.io/router.middlewares": "team-a-auth@kubernetescrd", "kubectl.kubernetes.io/last-applied-configuration": "{...ing-a...}" },
        tls: [{ hosts: ["shop.example.test"], secretName: "shop-tls" }],
      });
      const copy = shop("team-a", "ing-a-copy", "2026-01-01T00:05:00Z", { className: "traefik", annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{...copy...}" } });
      const [conflict, ...rest] = findDuplicateRoutes([original, copy], [traefik]);
      assert.equal(rest.length, 0);
      assert.equal(conflict!.kind, "sameBackendDuplicate");
      assert.deepEqual(conflict!.settingsDiffer, [
        "annotations differ (traefik.ingress.kubernetes.io/router.middlewares)",
        "TLS differs (team-a/ing-a: TLS shop-tls, team-a/ing-a-copy: no TLS)",
      ]);
      const text = describeConflict(conflict!);
      assert.match(text, /identical rules, same backend: nothing misrouted, but annotations differ .* only one Ingress's settings are in force/);
      assert.doesNotMatch(text, /team-a-auth/, "annotation values stay out of messages (they may hold credentials)");
    });

    it("says nothing differs when the copy is exact (bookkeeping annotations aside)", () => {
      const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik", annotations: { "kubectl.kubernetes.io/last-applied-configuration": "a" } });
      const b = shop("team-a", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik", annotations: { "kubectl.kubernetes.io/last-applied-configuration": "b" } });
      const [conflict] = findDuplicateRoutes([a, b], [traefik]);
      assert.equal(conflict!.kind, "sameBackendDuplicate");
      assert.deepEqual(conflict!.settingsDiffer, []);
      assert.match(describeConflict(conflict!), /same backend: nothing misrouted\)/);
    });

    it("counts TLS entries by the hosts they cover: a wildcard or host-less entry covers the route's host", () => {
      const wildcard = shop("team-a", "ing-a", "2026-01-01T00:00:00Z", { className: "traefik", tls: [{ hosts: ["*.example.test"], secretName: "wild" }] });
      const hostless = shop("team-a", "ing-b", "2026-01-01T00:05:00Z", { className: "traefik", tls: [{ secretName: "wild" }] });
      const other = shop("team-a", "ing-c", "2026-01-01T00:06:00Z", { className: "traefik", tls: [{ hosts: ["api.example.test"], secretName: "wild" }] });
      const [conflict] = findDuplicateRoutes([wildcard, hostless, other], [traefik]);
      assert.deepEqual(conflict!.settingsDiffer, ["TLS differs (team-a/ing-a: TLS wild, team-a/ing-b: TLS wild, team-a/ing-c: no TLS)"]);
    });
  });

  describe("the duplicateIngressRoutes check", () => {
    const a = shop("team-a", "ing-a", "2026-01-01T00:00:00Z");
    const copy = shop("team-a", "ing-a-copy", "2026-01-01T00:05:00Z");
    const exact = shop("team-b", "ing-exact", "2026-01-01T00:06:00Z", { className: "traefik" }, [{ path: "/", pathType: "Exact" }]);

    it("by default holds only for duplicates, and still names every other conflict it saw", () => {
      const observation = duplicateRoutesObservation([a, copy, exact], [traefik], { host: "shop.example.test" });
      assert.equal(observation.holds, false);
      assert.match(observation.detail, /^no duplicate routes among 3 Ingress\(es\) and 1 IngressClass\(es\); seen but not counted: same-backend duplicate: .*ing-a-copy.*; overlap: .*ing-exact/);
    });

    it("holds for the kinds a scenario asks for", () => {
      assert.equal(duplicateRoutesObservation([a, copy], [traefik], { kinds: ["sameBackendDuplicate"] }).holds, true);
      assert.equal(duplicateRoutesObservation([a, exact], [traefik], { kinds: ["overlap"] }).holds, true);
      assert.equal(duplicateRoutesObservation([a, exact], [traefik], { kinds: ["duplicate", "sameBackendDuplicate"] }).holds, false);
    });
  });
});
