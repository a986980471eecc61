// The duplicate-route analyzer: which Ingress rules, across every namespace, claim the same host
// and path for the same controller. Pure (objects in, conflicts out) so every rule is unit-tested;
// the watch-based check and the remediation both call it.
//
// Why the controller, not the class name: two IngressClasses may name the same controller, and
// then their Ingresses land in one routing table and collide as surely as two of the same class.
//
// Three kinds of conflict, from the Ingress API's path rules (ingressPathRules.ts):
//   - duplicate: same controller, host, path (after normalisation) and pathType, from two or more
//     Ingresses, reaching different backends. The rules are identical, so the API gives no
//     precedence: the controller picks a winner (oldest, last processed, or at random) and some
//     traffic can reach the wrong backend. The only kind the remediation removes.
//   - same-backend duplicate: the same, but every rule reaches one backend. Nothing is misrouted;
//     still reported, because only one Ingress's annotations and TLS are in force
//     (ingressSettings.ts says which differ).
//   - overlap: same host and path, different pathTypes (Exact /api beside Prefix /api, or Prefix
//     beside ImplementationSpecific). The spec gives Exact precedence over Prefix, and
//     ImplementationSpecific means whatever the controller makes of it: often intended, sometimes a
//     rule that never matches. Reported for a person to judge, never removed.

import type { KubernetesObject } from "@kubernetes/client-node";
import { effectivePathType, routedPath } from "./ingressPathRules.js";
import { ingressSettings, settingsDifferences, type IngressSettings } from "./ingressSettings.js";

/** The IngressClass annotation that makes a class the cluster's default. */
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
/** The pre-IngressClass way of choosing a controller, still honoured by most controllers. */
export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
/** Stands for "every host" (a rule without host) in routes and messages. */
export const ANY_HOST = "*";
/** The pathType given to spec.defaultBackend, which has no path. */
export const DEFAULT_BACKEND = "DefaultBackend";

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
  /**
   * Path as routed (ingressPathRules.ts): an empty ImplementationSpecific path is "/", Prefix paths
   * lose a trailing slash. "" only for the default backend.
   */
  path: string;
  /** The path as the Ingress writes it ("" when unset), for messages. */
  specPath: string;
  /** The pathType in effect; "DefaultBackend" for spec.defaultBackend. */
  pathType: string;
  /** "namespace/service:port", or "namespace/Kind:name" for a resource backend. */
  backend: string;
  /** Annotations and TLS of the Ingress for this route's host. */
  settings: IngressSettings;
}

/** See the header: what each kind means and what the remediation does with it. */
export type ConflictKind = "duplicate" | "sameBackendDuplicate" | "overlap";

export const CONFLICT_KINDS: readonly ConflictKind[] = ["duplicate", "sameBackendDuplicate", "overlap"];

export interface RouteConflict {
  kind: ConflictKind;
  controller: string;
  host: string;
  path: string;
  /** One pathType for a duplicate, two or more for an overlap. */
  pathTypes: string[];
  /** Oldest first; at least two routes from at least two Ingresses. */
  routes: IngressRoute[];
  /** Every route sends traffic to the same backend: nothing is misrouted. */
  sameBackend: boolean;
  /** What else differs between the Ingresses (annotations, TLS); empty when nothing does. */
  settingsDiffer: string[];
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
    if (defaultBackend) {
      routes.push({
        ...base,
        host: ANY_HOST,
        path: "",
        specPath: "",
        pathType: DEFAULT_BACKEND,
        backend: backendName(namespace, defaultBackend),
        settings: ingressSettings(ingress, ANY_HOST),
      });
    }
    for (const rule of array(spec.rules)) {
      const host = str(rule.host) || ANY_HOST;
      const settings = ingressSettings(ingress, host);
      for (const entry of array(record(rule.http)?.paths)) {
        const pathType = effectivePathType(str(entry.pathType));
        const specPath = str(entry.path);
        routes.push({ ...base, host, path: routedPath(specPath, pathType), specPath, pathType, backend: backendName(namespace, record(entry.backend) ?? {}), settings });
      }
    }
  }
  return routes;
}

/** Every duplicate, same-backend duplicate and overlap (see the header), by host, path and controller. */
export function findDuplicateRoutes(ingresses: KubernetesObject[], ingressClasses: KubernetesObject[]): RouteConflict[] {
  const groups = new Map<string, IngressRoute[]>();
  for (const route of ingressRoutes(ingresses, ingressClasses)) {
    // The default backend is keyed apart: it is what no rule matches, never the same as a path.
    const key = JSON.stringify([route.controller, route.host, route.path, route.pathType === DEFAULT_BACKEND]);
    groups.set(key, [...(groups.get(key) ?? []), route]);
  }
  const conflicts: RouteConflict[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort(byAge);
    const byType = new Map<string, IngressRoute[]>();
    for (const route of sorted) byType.set(route.pathType, [...(byType.get(route.pathType) ?? []), route]);
    for (const [pathType, routes] of byType) {
      // One Ingress repeating a path is its author's own business, not a collision between objects.
      if (new Set(routes.map(objectKey)).size < 2) continue;
      const sameBackend = new Set(routes.map((r) => r.backend)).size === 1;
      conflicts.push(conflict(sameBackend ? "sameBackendDuplicate" : "duplicate", routes, [pathType]));
    }
    // An overlap needs two pathTypes from two different Ingresses (one Ingress may hold Exact and Prefix /api on purpose).
    const crossObject = sorted.some((a) => sorted.some((b) => a.pathType !== b.pathType && objectKey(a) !== objectKey(b)));
    if (byType.size > 1 && crossObject) conflicts.push(conflict("overlap", sorted, [...byType.keys()].sort()));
  }
  return conflicts.sort(
    (a, b) => compare(a.host, b.host) || compare(a.path, b.path) || compare(a.controller, b.controller) || CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind),
  );
}

/**
 * The Ingress to remove so that the oldest claim stands: the newest Ingress of a duplicate that is
 * not also the oldest one's object. Oldest wins because it is what was serving before the collision.
 */
export function newestDuplicate(conflict: RouteConflict): IngressRoute {
  if (conflict.kind !== "duplicate") throw new Error(`only a duplicate has an Ingress to remove; this is a ${conflict.kind}: ${describeConflict(conflict)}`);
  const oldest = conflict.routes[0] as IngressRoute;
  const others = conflict.routes.filter((r) => objectKey(r) !== objectKey(oldest));
  return others[others.length - 1] as IngressRoute;
}

/**
 * "shop.example.test Prefix / (traefik.io/ingress-controller, identical rules): team-a/ing-a → team-a/echo:80 (oldest), team-b/ing-b → team-b/echo:80"
 */
export function describeConflict(conflict: RouteConflict): string {
  const overlap = conflict.kind === "overlap";
  const claims = conflict.routes.map((r, i) => {
    const written = r.specPath !== r.path && r.pathType !== DEFAULT_BACKEND ? ` (written ${r.specPath === "" ? "without a path" : `"${r.specPath}"`})` : "";
    return `${objectKey(r)}${overlap ? ` ${r.pathType}` : ""}${written} → ${r.backend}${i === 0 ? " (oldest)" : ""}`;
  });
  const what =
    conflict.kind === "overlap"
      ? `overlapping rules: same path, different path types${conflict.sameBackend ? ", same backend" : ""}; the spec ranks Exact before Prefix, ImplementationSpecific is the controller's`
      : conflict.kind === "sameBackendDuplicate"
        ? `identical rules, same backend: nothing misrouted${conflict.settingsDiffer.length > 0 ? `, but ${conflict.settingsDiffer.join("; ")}: only one Ingress's settings are in force` : ""}`
        : "identical rules";
  return `${conflict.host} ${conflict.pathTypes.join("/")} ${conflict.path || "(default backend)"} (${conflict.controller}, ${what}): ${claims.join(", ")}`;
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

function conflict(kind: ConflictKind, routes: IngressRoute[], pathTypes: string[]): RouteConflict {
  const first = routes[0] as IngressRoute;
  const settings = new Map<string, IngressSettings>();
  for (const route of routes) if (!settings.has(objectKey(route))) settings.set(objectKey(route), route.settings);
  return {
    kind,
    controller: first.controller,
    host: first.host,
    path: first.path,
    pathTypes,
    routes,
    sameBackend: new Set(routes.map((r) => r.backend)).size === 1,
    settingsDiffer: kind === "sameBackendDuplicate" ? settingsDifferences(settings) : [],
  };
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
