// What an Ingress says about a route besides where it sends traffic: its annotations (auth,
// rewrites, rate limits, traefik middlewares …) and the TLS it terminates for the route's host.
// Two Ingresses that route one host and path to the same Service misroute nothing, but when these
// settings differ, only one object's settings are in force — the oldest's on ingress-nginx and
// HAProxy Ingress, a per-replica coin toss on traefik — and the other's are silently dropped. That
// is what makes a same-backend duplicate worth reporting.

import type { KubernetesObject } from "@kubernetes/client-node";

/** Annotations that differ between any two objects and configure nothing in a controller. */
const BOOKKEEPING_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

export interface IngressSettings {
  annotations: Record<string, string>;
  /** Secret names of the TLS entries that cover the host, sorted; "(default certificate)" for an entry without one. */
  tls: string[];
}

/** The settings of `ingress` that apply to a route on `host` ("*" for a rule without host). */
export function ingressSettings(ingress: KubernetesObject, host: string): IngressSettings {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(ingress.metadata?.annotations ?? {})) {
    if (!BOOKKEEPING_ANNOTATIONS.has(key)) annotations[key] = value;
  }
  const spec = (ingress as { spec?: { tls?: unknown } }).spec;
  const entries = Array.isArray(spec?.tls) ? (spec.tls as Array<{ hosts?: unknown; secretName?: unknown }>) : [];
  const tls = new Set<string>();
  for (const entry of entries) {
    const hosts = Array.isArray(entry.hosts) ? entry.hosts.filter((h): h is string => typeof h === "string") : [];
    // An entry without hosts applies to whatever the controller serves for this Ingress.
    if (hosts.length > 0 && !hosts.some((pattern) => hostMatches(pattern, host))) continue;
    tls.add(typeof entry.secretName === "string" && entry.secretName ? entry.secretName : "(default certificate)");
  }
  return { annotations, tls: [...tls].sort() };
}

/**
 * What differs between the settings of several Ingresses ("namespace/name" → settings), as
 * phrases for a message; empty when they agree. Names the annotation keys, not their values:
 * values may hold credentials (basic-auth secrets, tokens in URLs), and reports must not.
 */
export function settingsDifferences(byIngress: Map<string, IngressSettings>): string[] {
  const all = [...byIngress.values()];
  if (all.length < 2) return [];
  const keys = new Set(all.flatMap((settings) => Object.keys(settings.annotations)));
  // null for "not set", so an annotation set to "" on one Ingress and absent on the other differs.
  const differing = [...keys].filter((key) => new Set(all.map((settings) => JSON.stringify(settings.annotations[key] ?? null))).size > 1).sort();
  const differences: string[] = [];
  if (differing.length > 0) differences.push(`annotations differ (${differing.join(", ")})`);
  const tlsOf = (settings: IngressSettings) => (settings.tls.length > 0 ? `TLS ${settings.tls.join("+")}` : "no TLS");
  if (new Set(all.map(tlsOf)).size > 1) {
    differences.push(`TLS differs (${[...byIngress].map(([owner, settings]) => `${owner}: ${tlsOf(settings)}`).join(", ")})`);
  }
  return differences;
}

// A TLS host is a name or a single-label wildcard ("*.example.test"), as the Ingress API validates it.
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith("*.") || host === "*") return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot) === pattern.slice(1);
}
