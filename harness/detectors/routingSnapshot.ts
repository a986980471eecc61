// A node's routing state — routes (all tables), policy rules and addresses, IPv4 and IPv6 — as
// `ip -d -j` prints it, normalised so two snapshots can be compared entry by entry. Pure: the
// node-side read is routingSnapshotReader.ts.
//
// Each entry has an identity (what makes it "the same route": family, table, type, destination,
// gateway, device, metric) and attributes that may change without it becoming another entry
// (protocol, scope, preferred source, flags). iproute2 leaves defaults out of its JSON (no
// "protocol" for proto boot routes, no "table" for main), so the defaults are filled in here:
// a diff must never see "boot" vs "missing" as a change.

export type Family = "inet" | "inet6";

export interface RouteEntry {
  family: Family;
  table: string;
  type: string;
  dst: string;
  gateway?: string;
  dev?: string;
  metric?: number;
  protocol: string;
  scope: string;
  prefsrc?: string;
  flags: string[];
  /** Multipath next hops, as "via <gw> dev <dev>" strings, when the route has them. */
  nexthops?: string[];
}

export interface RuleEntry {
  family: Family;
  priority: number;
  /** Every selector and action field except the protocol, as iproute2 printed them. */
  fields: Record<string, string>;
  protocol: string;
}

export interface AddressEntry {
  family: Family;
  dev: string;
  local: string;
  prefixlen: number;
  scope: string;
}

export interface RoutingSnapshot {
  routes: RouteEntry[];
  rules: RuleEntry[];
  addresses: AddressEntry[];
  /** Names of the node's links, with or without addresses. */
  links: string[];
}

export class RoutingParseError extends Error {
  constructor(what: string, problem: string) {
    super(`cannot read ${what} from \`ip -j\` output: ${problem}; check that the node's iproute2 supports -j (JSON), e.g. \`ip -j route\` on the node`);
    this.name = "RoutingParseError";
  }
}

type Json = Record<string, unknown>;

function asArray(text: string, what: string): Json[] {
  const trimmed = text.trim();
  if (trimmed === "") return []; // iproute2 prints nothing at all for an address family the kernel lacks
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new RoutingParseError(what, error instanceof Error ? error.message : String(error));
  }
  if (!Array.isArray(parsed)) throw new RoutingParseError(what, "expected a JSON array");
  return parsed.filter((item): item is Json => typeof item === "object" && item !== null);
}

const text = (value: unknown): string | undefined => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

/** `ip -d -j [-4|-6] route show table all`. */
export function parseRoutes(output: string, family: Family): RouteEntry[] {
  return asArray(output, `${family} routes`).map((raw) => {
    const route: RouteEntry = {
      family,
      table: text(raw.table) ?? "main",
      type: text(raw.type) ?? "unicast",
      dst: text(raw.dst) ?? "default",
      protocol: text(raw.protocol) ?? "boot",
      scope: text(raw.scope) ?? "global",
      flags: Array.isArray(raw.flags) ? raw.flags.map(String).sort() : [],
    };
    const gateway = text(raw.gateway);
    if (gateway) route.gateway = gateway;
    const dev = text(raw.dev);
    if (dev) route.dev = dev;
    if (typeof raw.metric === "number") route.metric = raw.metric;
    const prefsrc = text(raw.prefsrc);
    if (prefsrc) route.prefsrc = prefsrc;
    if (Array.isArray(raw.nexthops)) {
      route.nexthops = (raw.nexthops as Json[]).map((hop) => `via ${text(hop.gateway) ?? "?"} dev ${text(hop.dev) ?? "?"}`).sort();
    }
    return route;
  });
}

/** `ip -d -j [-4|-6] rule show`. */
export function parseRules(output: string, family: Family): RuleEntry[] {
  return asArray(output, `${family} rules`).map((raw) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === "priority" || key === "protocol") continue;
      const shown = text(value) ?? (typeof value === "boolean" ? String(value) : JSON.stringify(value));
      fields[key] = shown;
    }
    // A rule without FRA_PROTOCOL is RTPROT_UNSPEC: iproute2 prints nothing for it.
    return { family, priority: typeof raw.priority === "number" ? raw.priority : 0, fields, protocol: text(raw.protocol) ?? "unspec" };
  });
}

/** `ip -j addr show`: one entry per address of every link. */
export function parseAddresses(output: string): AddressEntry[] {
  const addresses: AddressEntry[] = [];
  for (const link of asArray(output, "addresses")) {
    const dev = text(link.ifname) ?? "?";
    const infos = Array.isArray(link.addr_info) ? (link.addr_info as Json[]) : [];
    for (const info of infos) {
      const local = text(info.local);
      const family = text(info.family);
      if (!local || (family !== "inet" && family !== "inet6")) continue;
      addresses.push({ family, dev, local, prefixlen: typeof info.prefixlen === "number" ? info.prefixlen : 0, scope: text(info.scope) ?? "global" });
    }
  }
  return addresses;
}

/** `ip -j addr show`: the link names. */
export function parseLinks(output: string): string[] {
  return asArray(output, "links")
    .map((link) => text(link.ifname))
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** What makes a route the same route across snapshots. */
export function routeKey(route: RouteEntry): string {
  const parts = [route.family === "inet6" ? "-6" : "-4", route.type === "unicast" ? undefined : route.type, route.dst];
  if (route.gateway) parts.push(`via ${route.gateway}`);
  if (route.nexthops) parts.push(`nexthops [${route.nexthops.join(", ")}]`);
  if (route.dev) parts.push(`dev ${route.dev}`);
  if (route.table !== "main") parts.push(`table ${route.table}`);
  if (route.metric !== undefined) parts.push(`metric ${route.metric}`);
  return parts.filter((part): part is string => part !== undefined).join(" ");
}

/** The attributes that may change while the route stays the same one. */
export function routeAttributes(route: RouteEntry): string {
  const parts = [`proto ${route.protocol}`, `scope ${route.scope}`];
  if (route.prefsrc) parts.push(`src ${route.prefsrc}`);
  if (route.flags.length > 0) parts.push(route.flags.join(","));
  return parts.join(" ");
}

/** A rule's identity, in `ip rule` order: priority, selectors, action. */
export function ruleKey(rule: RuleEntry): string {
  const order = ["not", "src", "srclen", "dst", "dstlen", "tos", "fwmark", "fwmask", "iif", "oif", "l3mdev", "uid_start", "uid_end", "ipproto", "sport", "dport", "table", "action", "goto", "suppress_prefixlen", "suppress_ifgroup", "realms"];
  const known = order.filter((key) => rule.fields[key] !== undefined).map((key) => `${key} ${rule.fields[key]}`);
  const rest = Object.keys(rule.fields)
    .filter((key) => !order.includes(key))
    .sort()
    .map((key) => `${key} ${rule.fields[key]}`);
  return [rule.family === "inet6" ? "-6" : "-4", `${rule.priority}:`, ...known, ...rest].join(" ");
}

export function addressKey(address: AddressEntry): string {
  return `${address.family === "inet6" ? "-6" : "-4"} ${address.local}/${address.prefixlen} dev ${address.dev}`;
}

/** Routes and rules the kernel made itself (proto kernel); no daemon treats these as foreign. */
export function isKernelOwned(entry: { protocol: string }): boolean {
  return entry.protocol === "kernel";
}
