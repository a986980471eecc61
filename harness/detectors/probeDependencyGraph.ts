// The probe dependency graph of a set of manifests, built without a cluster: which workload's
// probe calls which other workload through a Service, and the cycles in that graph.
//
// Why it matters: a readiness (or startup) probe that calls another Service makes this pod's
// readiness depend on that Service having a ready endpoint. If the dependencies form a cycle
// (A needs B ready, B needs A ready), the pods stay Ready as long as some of them are, but after
// every pod restarted at once none can ever become Ready again: a stable deadlock that no existing
// linter reports (they check that probes exist or differ, not what they call). A liveness probe on
// the same cycle turns the deadlock into a restart storm.
//
// How a probe's target is found, statically:
//   - exec probes: the command text itself;
//   - httpGet probes with `host`: that host;
//   - httpGet probes on the pod itself: the script that serves the path, when it comes from a
//     ConfigMap mounted where the path points (CGI-style: path /cgi-bin/readyz served from a mount
//     ending in /cgi-bin, key "readyz"). A path served by compiled code cannot be read; it is
//     reported as opaque, so a reader knows the analysis did not see inside it.
// In that text, `$VAR`/`${VAR}` are resolved from the container's env (literal values only) and
// every URL host is matched to a Service by name (name, name.ns, name.ns.svc[.cluster.local]);
// the Service's selector then picks the workloads behind it.

import type { KubernetesObject } from "@kubernetes/client-node";

export type ProbeKind = "readiness" | "liveness" | "startup";

/** One dependency: `from`'s probe needs Service `service`, which selects workload `to`. */
export interface ProbeEdge {
  from: string;
  to: string;
  probe: ProbeKind;
  container: string;
  /** What the probe runs, e.g. "GET :8080/cgi-bin/readyz" or "exec wget …". */
  target: string;
  service: string;
  /** How the Service was reached, e.g. "$PEER_URL=http://payments:8080". */
  via: string;
}

export interface ProbeCycle {
  /** Workload names in call order, starting from the alphabetically first (so a cycle has one spelling). */
  members: string[];
  /** The readiness/startup edges that close the cycle, in order. */
  edges: ProbeEdge[];
  /** A liveness probe of a member also depends on the cycle: expect restarts and CrashLoopBackOff. */
  restartStorm: boolean;
}

export interface ProbeDependencyReport {
  /** Names of the workloads analysed. */
  workloads: string[];
  edges: ProbeEdge[];
  cycles: ProbeCycle[];
  /** Probes whose target could not be read (e.g. a path served by compiled code, env from a Secret). */
  opaque: string[];
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);
const PROBES: Array<[ProbeKind, string]> = [
  ["readiness", "readinessProbe"],
  ["liveness", "livenessProbe"],
  ["startup", "startupProbe"],
];

interface Workload {
  name: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  pod: PodSpec;
}

interface PodSpec {
  containers?: Container[];
  volumes?: Array<{ name?: string; configMap?: { name?: string; items?: Array<{ key?: string; path?: string }> } }>;
}

interface Container {
  name?: string;
  env?: Array<{ name?: string; value?: string; valueFrom?: unknown }>;
  volumeMounts?: Array<{ name?: string; mountPath?: string; subPath?: string }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}

interface Probe {
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  exec?: { command?: string[] };
}

interface Service {
  name: string;
  namespace: string | undefined;
  selector: Record<string, string>;
}

/** Builds the graph and finds its cycles. Pure: the objects are manifests as parsed, never fetched. */
export function analyzeProbeDependencies(objects: KubernetesObject[]): ProbeDependencyReport {
  const workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.kind ?? "")).map(toWorkload);
  const services = objects.filter((o) => o.kind === "Service").map(toService);
  const configMaps = new Map<string, Record<string, string>>();
  for (const object of objects.filter((o) => o.kind === "ConfigMap")) {
    configMaps.set(key(object.metadata?.namespace, object.metadata?.name ?? ""), ((object as { data?: Record<string, string> }).data ?? {}));
  }

  const edges: ProbeEdge[] = [];
  const opaque: string[] = [];
  for (const workload of workloads) {
    for (const container of workload.pod.containers ?? []) {
      const env = literalEnv(container);
      for (const [probeKind, field] of PROBES) {
        const probe = container[field as "readinessProbe"];
        if (!probe) continue;
        const where = `${workload.name}/${container.name ?? "?"} ${probeKind}`;
        const source = probeSource(probe, container, workload, configMaps);
        if (source.opaque) {
          opaque.push(`${where}: ${source.opaque}`);
          continue;
        }
        for (const reference of hostsIn(source.text, env.values)) {
          if (reference.unresolved) {
            opaque.push(`${where}: $${reference.unresolved} is not a literal env value, so its target is unknown`);
            continue;
          }
          const service = services.find((s) => serviceMatches(s, reference.host, workload.namespace));
          if (!service) continue; // an external host: not part of the in-cluster graph
          for (const target of workloads.filter((w) => sameNamespace(w.namespace, service.namespace) && selects(service.selector, w.labels))) {
            edges.push({ from: workload.name, to: target.name, probe: probeKind, container: container.name ?? "?", target: source.target, service: service.name, via: reference.via });
          }
        }
      }
    }
  }
  return { workloads: workloads.map((w) => w.name), edges, cycles: findCycles(edges), opaque };
}

/** "orders → payments → orders" */
export function cyclePath(cycle: ProbeCycle): string {
  return [...cycle.members, cycle.members[0]].join(" → ");
}

/** One line per cycle, with the evidence a reviewer needs to find it in the manifests. */
export function describeCycle(cycle: ProbeCycle): string {
  const steps = cycle.edges.map((edge) => `${edge.from} ${edge.probe}Probe ${edge.target} needs Service ${edge.service} (${edge.via})`);
  return `probe cycle ${cyclePath(cycle)}${cycle.restartStorm ? " [liveness too: restart storm]" : ""}: ${steps.join("; ")}`;
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────

function probeSource(probe: Probe, container: Container, workload: Workload, configMaps: Map<string, Record<string, string>>): { text: string; target: string; opaque?: string } {
  if (probe.exec?.command) {
    const text = probe.exec.command.join(" ");
    return { text, target: `exec ${text}` };
  }
  const http = probe.httpGet;
  if (!http) return { text: "", target: "tcp/grpc" }; // tcpSocket/grpc probe the pod itself
  const target = `GET ${http.host ?? ""}:${http.port ?? "?"}${http.path ?? "/"}`;
  if (http.host) return { text: `${(http.scheme ?? "http").toLowerCase()}://${http.host}`, target };
  const script = scriptServing(http.path ?? "/", container, workload, configMaps);
  if (script === undefined) return { text: "", target, opaque: `${target} is served by code the manifests do not contain` };
  return { text: script, target };
}

/** The ConfigMap entry served at `path`, if a ConfigMap is mounted at the path's directory. */
function scriptServing(path: string, container: Container, workload: Workload, configMaps: Map<string, Record<string, string>>): string | undefined {
  const clean = path.split("?")[0] ?? path;
  const slash = clean.lastIndexOf("/");
  const directory = clean.slice(0, slash);
  const file = clean.slice(slash + 1);
  if (!file || !directory) return undefined;
  for (const mount of container.volumeMounts ?? []) {
    // The web server's document root is unknown, so a mount "serves" the path when it ends with
    // the path's directory (/www/cgi-bin serves /cgi-bin/x). subPath mounts hold one file: skip.
    if (mount.subPath || !mount.mountPath || !mount.mountPath.replace(/\/$/, "").endsWith(directory)) continue;
    const volume = workload.pod.volumes?.find((v) => v.name === mount.name);
    const configMapName = volume?.configMap?.name;
    if (!configMapName) continue;
    const data = configMaps.get(key(workload.namespace, configMapName)) ?? configMaps.get(key(undefined, configMapName));
    if (!data) continue;
    const item = volume.configMap?.items?.find((i) => i.path === file);
    const entry = data[item?.key ?? file];
    if (entry !== undefined) return entry;
  }
  return undefined;
}

function literalEnv(container: Container): { values: Map<string, string | null> } {
  const values = new Map<string, string | null>();
  for (const variable of container.env ?? []) {
    if (!variable.name) continue;
    // valueFrom (Secret, ConfigMap key, field ref) is unknown statically: null marks "exists, unreadable".
    values.set(variable.name, typeof variable.value === "string" ? variable.value : null);
  }
  return { values };
}

interface HostReference {
  host: string;
  via: string;
  unresolved?: string;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const URL_HOST = /\b[a-z][a-z0-9+.-]*:\/\/([A-Za-z0-9.-]+)/g;

/** Every URL host the text mentions, directly or through env variables. */
function hostsIn(text: string, env: Map<string, string | null>): HostReference[] {
  const found: HostReference[] = [];
  for (const match of text.matchAll(URL_HOST)) found.push({ host: match[1]!, via: match[0] });
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] ?? match[2]!;
    if (!env.has(name)) continue; // a shell variable of the script, not the container's env
    const value = env.get(name);
    if (value === null || value === undefined) {
      found.push({ host: "", via: `$${name}`, unresolved: name });
      continue;
    }
    const hosts = [...value.matchAll(URL_HOST)].map((m) => m[1]!);
    // A bare host (PEER=payments or payments:8080) is a host too.
    if (hosts.length === 0 && /^[A-Za-z0-9.-]+(:\d+)?$/.test(value)) hosts.push(value.split(":")[0]!);
    for (const host of hosts) found.push({ host, via: `$${name}=${value}` });
  }
  return found;
}

function serviceMatches(service: Service, host: string, fromNamespace: string | undefined): boolean {
  const parts = host.toLowerCase().replace(/\.$/, "").split(".");
  if (parts[0] !== service.name) return false;
  if (parts.length === 1) return sameNamespace(service.namespace, fromNamespace);
  const rest = parts.slice(2).join(".");
  if (rest !== "" && rest !== "svc" && !/^svc\./.test(rest)) return false;
  return service.namespace === undefined || service.namespace === parts[1];
}

// ── graph ────────────────────────────────────────────────────────────────────────────────────

/**
 * Elementary cycles over the edges that gate readiness (readiness and startup probes; a liveness
 * dependency restarts pods but does not keep them out of the endpoints). The graphs are a handful
 * of workloads, so a depth-first walk from each node with canonical de-duplication is enough.
 */
function findCycles(edges: ProbeEdge[]): ProbeCycle[] {
  const gating = edges.filter((edge) => edge.probe !== "liveness");
  const outgoing = new Map<string, ProbeEdge[]>();
  for (const edge of gating) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  const seen = new Set<string>();
  const cycles: ProbeCycle[] = [];
  const walk = (start: string, node: string, path: ProbeEdge[]) => {
    for (const edge of outgoing.get(node) ?? []) {
      if (edge.to === start) {
        const cycle = canonical([...path, edge]);
        const id = cycle.map((e) => `${e.from}>${e.to}`).join(",");
        if (!seen.has(id)) {
          seen.add(id);
          const members = cycle.map((e) => e.from);
          const restartStorm = edges.some((e) => e.probe === "liveness" && members.includes(e.from) && members.includes(e.to));
          cycles.push({ members, edges: cycle, restartStorm });
        }
      } else if (!path.some((e) => e.from === edge.to) && edge.to !== node) {
        walk(start, edge.to, [...path, edge]);
      }
    }
  };
  for (const node of [...outgoing.keys()].sort()) walk(node, node, []);
  return cycles.sort((a, b) => cyclePath(a).localeCompare(cyclePath(b)));
}

/** Rotates a cycle so it starts at its alphabetically first member. */
function canonical(cycle: ProbeEdge[]): ProbeEdge[] {
  let first = 0;
  cycle.forEach((edge, index) => {
    if (edge.from < cycle[first]!.from) first = index;
  });
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

// ── objects ──────────────────────────────────────────────────────────────────────────────────

function toWorkload(object: KubernetesObject): Workload {
  const spec = (object as { spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } } }).spec;
  return {
    name: object.metadata?.name ?? "?",
    namespace: object.metadata?.namespace,
    labels: spec?.template?.metadata?.labels ?? {},
    pod: spec?.template?.spec ?? {},
  };
}

function toService(object: KubernetesObject): Service {
  return {
    name: object.metadata?.name ?? "?",
    namespace: object.metadata?.namespace,
    selector: (object as { spec?: { selector?: Record<string, string> } }).spec?.selector ?? {},
  };
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  // A Service without a selector has hand-made endpoints: nothing in the manifests is behind it.
  return entries.length > 0 && entries.every(([name, value]) => labels[name] === value);
}

/** Manifests without a namespace land in the one they are applied to, so they match any other. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}
