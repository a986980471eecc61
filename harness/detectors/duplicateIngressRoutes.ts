// The duplicate-route analyzer: which Ingress rules, across every namespace, claim the same host
// and path for the same controller. Pure (objects in, conflicts out) so every rule is unit-tested;
// the watch-based check and the remediation both call it.
//
// Why the controller, not the class name: two IngressClasses may name the same controller, and
// then their Ingresses land in one routing table and collide as surely as two of the same class.
// Why pathType is reported rather than grouped on: controllers map types differently (traefik
// treats ImplementationSpecific as a prefix), so same host + path with different types is an
// overlap a person must look at; same type is an exact tie.

import type { KubernetesObject } from "@kubernetes/client-node";

/** The IngressClass annotation that makes a class the cluster's default. */
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
/** The pre-IngressClass way of choosing a controller, still honoured by most controllers. */
export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
/** Stands for "every host" (a rule without host) in routes and messages. */
export const ANY_HOST = "*";

export interface IngressRoute {
  namespace: string;
  name: string;
  uid: string;
  /** ISO timestamp; "" when unknown (sorts first: unknown age is treated as old). */
  createdAt: string;
  /** The IngressClass name in effect (spec, legacy annotation, or the default class), or null. */
  className: string | null;
  /** The controller that serves the class, or a stand-in when the class is unknown (see controllerKey). */
  controller: string;
  host: string;
  /** Path as routed: Prefix paths lose a trailing slash ("/shop/" and "/shop" match alike). */
  path: string;
  pathType: string;
  /** "namespace/service:port", or "namespace/Kind:name" for a resource backend. */
  backend: string;
}

export interface RouteConflict {
  controller: string;
  host: string;
  path: string;
  /** "tie" when every route has the same pathType (identical rules), "overlap" otherwise. */
  kind: "tie" | "overlap";
  /** Oldest first; at least two routes from at least two Ingresses. */
  routes: IngressRoute[];
  /** Every route sends traffic to the same backend: redundant, but nothing is misrouted. */
  sameBackend: boolean;
}

type Json = Record<string, unknown>;

/** Every routed (host, path) of every Ingress, with its controller resolved. */
export function ingressRoutes(ingresses: KubernetesObject[], ingressClasses: KubernetesObject[]): IngressRoute[] {
  const controllers = new Map<string, string>();
  let defaultClass: string | null = null;
  for (const cls of ingressClasses) {
    const name = cls.metadata?.name;
    if (!name) continue;
    const controller = str(record((cls as Json).spec)?.controller);
    controllers.set(name, controller || `class/${name}`);
    if (cls.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === "true") defaultClass = name;
  }

  const routes: IngressRoute[] = [];
  for (const ingress of ingresses) {
    const meta = ingress.metadata ?? {};
    if (meta.deletionTimestamp) continue; // on its way out: no longer routed by a well-behaved controller
    const spec = record((ingress as Json).spec) ?? {};
    const namespace = meta.namespace ?? "default";
    const className = str(spec.ingressClassName) || meta.annotations?.[LEGACY_CLASS_ANNOTATION] || defaultClass;
    const base = {
      namespace,
      name: meta.name ?? "?",
      uid: meta.uid ?? "",
      createdAt: meta.creationTimestamp ? new Date(meta.creationTimestamp as unknown as string).toISOString() : "",
      className: className ?? null,
      controller: controllerKey(className ?? null, controllers),
    };
    const defaultBackend = record(spec.defaultBackend);
    if (defaultBackend) routes.push({ ...base, host: ANY_HOST, path: "", pathType: "DefaultBackend", backend: backendName(namespace, defaultBackend) });
    for (const rule of array(spec.rules)) {
      const host = str(rule.host) || ANY_HOST;
      for (const entry of array(record(rule.http)?.paths)) {
        const pathType = str(entry.pathType) || "ImplementationSpecific";
        routes.push({ ...base, host, path: routedPath(str(entry.path), pathType), pathType, backend: backendName(namespace, record(entry.backend) ?? {}) });
      }
    }
  }
  return routes;
}

/** Routes that collide: same controller, host and path, from two or more Ingresses. */
export function findDuplicateRoutes(ingresses: KubernetesObject[], ingressClasses: KubernetesObject[]): RouteConflict[] {
  const groups = new Map<string, IngressRoute[]>();
  for (const route of ingressRoutes(ingresses, ingressClasses)) {
    const key = JSON.stringify([route.controller, route.host, route.path]);
    groups.set(key, [...(groups.get(key) ?? []), route]);
  }
  const conflicts: RouteConflict[] = [];
  for (const routes of groups.values()) {
    // One Ingress listing the same path twice is the API's business (it validates), not a cross-object collision.
    if (new Set(routes.map(objectKey)).size < 2) continue;
    const sorted = [...routes].sort(byAge);
    const first = sorted[0] as IngressRoute;
    conflicts.push({
      controller: first.controller,
      host: first.host,
      path: first.path,
      kind: new Set(sorted.map((r) => r.pathType)).size === 1 ? "tie" : "overlap",
      routes: sorted,
      sameBackend: new Set(sorted.map((r) => r.backend)).size === 1,
    });
  }
  return conflicts.sort((a, b) => compare(a.host, b.host) || compare(a.path, b.path) || compare(a.controller, b.controller));
}

/**
 * The Ingress to remove so that the oldest claim stands: the newest Ingress of the conflict that is
 * not also the oldest one's object. Oldest wins because it is what was serving before the collision.
 */
export function newestDuplicate(conflict: RouteConflict): IngressRoute {
  const oldest = conflict.routes[0] as IngressRoute;
  const others = conflict.routes.filter((r) => objectKey(r) !== objectKey(oldest));
  return others[others.length - 1] as IngressRoute;
}

/** "shop.example.test Prefix / (traefik.io/ingress-controller): team-a/ing-a → team-a/echo:80 (oldest), team-b/ing-b → team-b/echo:80" */
export function describeConflict(conflict: RouteConflict): string {
  const types = [...new Set(conflict.routes.map((r) => r.pathType))].join("/");
  const claims = conflict.routes.map((r, i) => `${r.namespace}/${r.name} → ${r.backend}${i === 0 ? " (oldest)" : ""}`);
  const what = conflict.kind === "tie" ? "identical rules" : "overlapping rules";
  const note = conflict.sameBackend ? "; same backend, nothing misrouted" : "";
  return `${conflict.host} ${types} ${conflict.path || "(default backend)"} (${conflict.controller}, ${what}${note}): ${claims.join(", ")}`;
}

/** "namespace/name" of the Ingress a route comes from. */
export function objectKey(route: Pick<IngressRoute, "namespace" | "name">): string {
  return `${route.namespace}/${route.name}`;
}

// Unknown classes stay apart from known ones: a class no IngressClass describes is served by
// whatever controller matches the name itself (the legacy annotation's contract), if any.
function controllerKey(className: string | null, controllers: Map<string, string>): string {
  if (className === null) return "(no class)";
  return controllers.get(className) ?? `class/${className}`;
}

function routedPath(path: string, pathType: string): string {
  if (pathType === "Prefix" && path.length > 1 && path.endsWith("/")) return path.replace(/\/+$/, "") || "/";
  return path;
}

function backendName(namespace: string, backend: Json): string {
  const service = record(backend.service);
  if (service) {
    const port = record(service.port);
    const p = port?.number ?? port?.name;
    return `${namespace}/${str(service.name)}${p !== undefined ? `:${String(p)}` : ""}`;
  }
  const resource = record(backend.resource);
  if (resource) return `${namespace}/${str(resource.kind)}:${str(resource.name)}`;
  return `${namespace}/(no backend)`;
}

function byAge(a: IngressRoute, b: IngressRoute): number {
  return compare(a.createdAt, b.createdAt) || compare(objectKey(a), objectKey(b));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => record(v) !== undefined) : [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}
