// How to put a node's routing back to a saved snapshot: the `ip` commands that re-add every
// address, route and policy rule the snapshot had and the node lacks now. Kernel-owned entries are
// left to the kernel (it recreates them with their address); routes through a device that no longer
// exists (a deleted pod's veth) are skipped, not failed: there is nothing left for them to reach.
// Pure; nodeRestoreStep runs the commands.

import { diffRouting } from "../detectors/routingDiff.js";
import { addressKey, isKernelOwned, routeKey, ruleKey, type AddressEntry, type RouteEntry, type RoutingSnapshot, type RuleEntry } from "../detectors/routingSnapshot.js";

export interface RestorePlan {
  commands: string[][];
  skipped: string[];
}

const familyFlag = (family: "inet" | "inet6") => (family === "inet6" ? "-6" : "-4");

export function addressCommand(address: AddressEntry): string[] {
  return ["ip", familyFlag(address.family), "addr", "add", `${address.local}/${address.prefixlen}`, "dev", address.dev, "scope", address.scope];
}

export function routeCommand(route: RouteEntry): string[] {
  const argv = ["ip", familyFlag(route.family), "route", "replace"];
  if (route.type !== "unicast") argv.push(route.type);
  argv.push(route.dst);
  if (route.gateway) argv.push("via", route.gateway);
  if (route.dev) argv.push("dev", route.dev);
  argv.push("table", route.table, "proto", route.protocol, "scope", route.scope);
  if (route.metric !== undefined) argv.push("metric", String(route.metric));
  if (route.prefsrc) argv.push("src", route.prefsrc);
  if (route.flags.includes("onlink")) argv.push("onlink");
  return argv;
}

export function ruleCommand(rule: RuleEntry): string[] {
  const f = rule.fields;
  const argv = ["ip", familyFlag(rule.family), "rule", "add", "priority", String(rule.priority)];
  if (f.not === "true" || f.not === "null") argv.push("not");
  if (f.src && f.src !== "all") argv.push("from", f.srclen ? `${f.src}/${f.srclen}` : f.src);
  if (f.dst && f.dst !== "all") argv.push("to", f.dstlen ? `${f.dst}/${f.dstlen}` : f.dst);
  if (f.tos) argv.push("tos", f.tos);
  if (f.fwmark) argv.push("fwmark", f.fwmask ? `${f.fwmark}/${f.fwmask}` : f.fwmark);
  if (f.iif) argv.push("iif", f.iif);
  if (f.oif) argv.push("oif", f.oif);
  if (f.ipproto) argv.push("ipproto", f.ipproto);
  if (f.sport) argv.push("sport", f.sport);
  if (f.dport) argv.push("dport", f.dport);
  if (f.suppress_prefixlen) argv.push("suppress_prefixlength", f.suppress_prefixlen);
  if (f.action === "goto" || f.goto) argv.push("goto", f.goto ?? "?");
  else if (f.action && f.action !== "to_tbl") argv.push(f.action);
  else if (f.table) argv.push("lookup", f.table);
  argv.push("proto", rule.protocol);
  return argv;
}

/** Commands that bring `now` back to `before` (additions since are left alone: they may be someone else's). */
export function planRestore(before: RoutingSnapshot, now: RoutingSnapshot): RestorePlan {
  const diff = diffRouting(before, now);
  const linkNames = new Set(now.links);
  const plan: RestorePlan = { commands: [], skipped: [] };
  // Addresses first: routes via a gateway need the connected subnet back before they can be added.
  for (const address of diff.addresses.removed) {
    if (address.scope === "link" || address.scope === "host") plan.skipped.push(`address ${addressKey(address)} (kernel-managed scope ${address.scope})`);
    else if (!linkNames.has(address.dev)) plan.skipped.push(`address ${addressKey(address)} (device ${address.dev} is gone)`);
    else plan.commands.push(addressCommand(address));
  }
  for (const route of diff.routes.removed) {
    if (isKernelOwned(route)) plan.skipped.push(`route ${routeKey(route)} (proto kernel: the kernel re-creates it)`);
    else if (route.dev && !linkNames.has(route.dev)) plan.skipped.push(`route ${routeKey(route)} (device ${route.dev} is gone)`);
    else plan.commands.push(routeCommand(route));
  }
  for (const rule of diff.rules.removed) {
    if (isKernelOwned(rule)) plan.skipped.push(`rule ${ruleKey(rule)} (proto kernel)`);
    else plan.commands.push(ruleCommand(rule));
  }
  return plan;
}
