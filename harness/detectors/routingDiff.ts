// What changed between two routing snapshots of one node: entries removed, added, and entries that
// stayed but changed an attribute (a route re-owned by another daemon changes its protocol). The
// lines read like `ip` output with a +/-/~ mark, so a timeline entry or a README can quote them.

import {
  addressKey,
  routeAttributes,
  routeKey,
  ruleKey,
  type AddressEntry,
  type RouteEntry,
  type RoutingSnapshot,
  type RuleEntry,
} from "./routingSnapshot.js";

export interface EntryDiff<T> {
  removed: T[];
  added: T[];
  /** Same identity, different attributes. */
  changed: Array<{ before: T; after: T }>;
}

export interface RoutingDiff {
  routes: EntryDiff<RouteEntry>;
  rules: EntryDiff<RuleEntry>;
  addresses: EntryDiff<AddressEntry>;
}

function diffBy<T>(before: T[], after: T[], key: (entry: T) => string, attributes: (entry: T) => string): EntryDiff<T> {
  const afterByKey = new Map(after.map((entry) => [key(entry), entry]));
  const beforeByKey = new Map(before.map((entry) => [key(entry), entry]));
  const diff: EntryDiff<T> = { removed: [], added: [], changed: [] };
  for (const [id, entry] of beforeByKey) {
    const now = afterByKey.get(id);
    if (!now) diff.removed.push(entry);
    else if (attributes(now) !== attributes(entry)) diff.changed.push({ before: entry, after: now });
  }
  for (const [id, entry] of afterByKey) if (!beforeByKey.has(id)) diff.added.push(entry);
  return diff;
}

export function diffRouting(before: RoutingSnapshot, after: RoutingSnapshot): RoutingDiff {
  return {
    routes: diffBy(before.routes, after.routes, routeKey, routeAttributes),
    rules: diffBy(before.rules, after.rules, ruleKey, (rule) => `proto ${rule.protocol}`),
    addresses: diffBy(before.addresses, after.addresses, addressKey, (address) => `scope ${address.scope}`),
  };
}

/**
 * The diff over an observation window: removed = in `before` and missing from at least one sample
 * (a transient removal counts, even if something put the entry back later); added and changed are
 * read from the last sample, the state the window ended in.
 */
export function diffOverWindow(before: RoutingSnapshot, samples: RoutingSnapshot[]): RoutingDiff {
  const last = samples[samples.length - 1];
  if (!last) throw new Error("no routing sample was taken after the change: nothing can be said about it");
  const final = diffRouting(before, last);
  const everRemoved = <T>(pick: (diff: RoutingDiff) => T[], key: (entry: T) => string): T[] => {
    const seen = new Map<string, T>();
    for (const sample of samples) for (const entry of pick(diffRouting(before, sample))) if (!seen.has(key(entry))) seen.set(key(entry), entry);
    return [...seen.values()];
  };
  return {
    routes: { ...final.routes, removed: everRemoved((d) => d.routes.removed, routeKey) },
    rules: { ...final.rules, removed: everRemoved((d) => d.rules.removed, ruleKey) },
    addresses: { ...final.addresses, removed: everRemoved((d) => d.addresses.removed, addressKey) },
  };
}

export function isEmptyDiff(diff: RoutingDiff): boolean {
  return [diff.routes, diff.rules, diff.addresses].every((part) => part.removed.length + part.added.length + part.changed.length === 0);
}

/** Nothing was taken away: no route, rule or address removed (additions and re-owned entries allowed). */
export function nothingRemoved(diff: RoutingDiff): boolean {
  return diff.routes.removed.length + diff.rules.removed.length + diff.addresses.removed.length === 0;
}

/** One line per change, e.g. "- route -4 10.244.2.0/24 via 172.18.0.4 dev eth0 (proto boot scope global)". */
export function describeDiff(diff: RoutingDiff): string[] {
  const lines: string[] = [];
  const route = (entry: RouteEntry) => `route ${routeKey(entry)} (${routeAttributes(entry)})`;
  const rule = (entry: RuleEntry) => `rule ${ruleKey(entry)} (proto ${entry.protocol})`;
  const address = (entry: AddressEntry) => `address ${addressKey(entry)} (scope ${entry.scope})`;
  for (const entry of diff.routes.removed) lines.push(`- ${route(entry)}`);
  for (const entry of diff.rules.removed) lines.push(`- ${rule(entry)}`);
  for (const entry of diff.addresses.removed) lines.push(`- ${address(entry)}`);
  for (const entry of diff.routes.added) lines.push(`+ ${route(entry)}`);
  for (const entry of diff.rules.added) lines.push(`+ ${rule(entry)}`);
  for (const entry of diff.addresses.added) lines.push(`+ ${address(entry)}`);
  for (const { before, after } of diff.routes.changed) lines.push(`~ route ${routeKey(before)}: ${routeAttributes(before)} → ${routeAttributes(after)}`);
  for (const { before, after } of diff.rules.changed) lines.push(`~ rule ${ruleKey(before)}: proto ${before.protocol} → proto ${after.protocol}`);
  for (const { before, after } of diff.addresses.changed) lines.push(`~ address ${addressKey(before)}: scope ${before.scope} → scope ${after.scope}`);
  return lines;
}

/** "2 routes, 1 rule removed; 1 route added" — for one-line details. */
export function summarizeDiff(diff: RoutingDiff): string {
  const count = (n: number, what: string) => (n === 0 ? undefined : `${n} ${what}${n === 1 ? "" : what.endsWith("s") ? "es" : "s"}`);
  const group = (parts: Array<string | undefined>, verb: string) => {
    const present = parts.filter((part): part is string => part !== undefined);
    return present.length === 0 ? undefined : `${present.join(", ")} ${verb}`;
  };
  const removed = group([count(diff.routes.removed.length, "route"), count(diff.rules.removed.length, "rule"), count(diff.addresses.removed.length, "address")], "removed");
  const added = group([count(diff.routes.added.length, "route"), count(diff.rules.added.length, "rule"), count(diff.addresses.added.length, "address")], "added");
  const changed = group([count(diff.routes.changed.length, "route"), count(diff.rules.changed.length, "rule"), count(diff.addresses.changed.length, "address")], "changed");
  return [removed, added, changed].filter(Boolean).join("; ") || "no change";
}
