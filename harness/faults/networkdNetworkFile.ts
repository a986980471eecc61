// The .network file an administrator would write to pin a node's interface to the configuration it
// has right now: its global addresses and default gateways, nothing else. Pure. Writing it changes
// nothing by itself; systemd-networkd applies it — and, unless told otherwise, treats everything on
// the node it did not configure as foreign.

import type { AddressEntry, RouteEntry } from "../detectors/routingSnapshot.js";

const KEEP_CONFIGURATION = ["no", "static", "dynamic-on-stop", "dynamic", "yes"];

export interface NetworkFileOptions {
  /** KeepConfiguration= (no | static | dynamic-on-stop | dynamic | yes); left out (networkd's default) when absent. */
  keepConfiguration?: string;
}

export function networkFileFor(iface: string, addresses: AddressEntry[], routes: RouteEntry[], options: NetworkFileOptions = {}): string {
  if (options.keepConfiguration !== undefined && !KEEP_CONFIGURATION.includes(options.keepConfiguration)) {
    throw new Error(`KeepConfiguration=${options.keepConfiguration} is not one of ${KEEP_CONFIGURATION.join(", ")}`);
  }
  if (!/^[A-Za-z0-9_.@-]+$/.test(iface)) throw new Error(`interface name "${iface}" is not a Linux link name`);
  const own = addresses.filter((address) => address.dev === iface && address.scope === "global");
  if (own.length === 0) throw new Error(`${iface} has no global address to pin: is it the node's uplink (ip -j addr show dev ${iface})?`);
  const gateways = routes.filter((route) => route.dst === "default" && route.dev === iface && route.table === "main" && route.gateway);
  const lines = [
    "# Written by kube-gameday (scenario node-routes-flushed): this node's current address and",
    "# gateway, as a static configuration management tool would pin them.",
    "[Match]",
    `Name=${iface}`,
    "",
    "[Network]",
    ...own.map((address) => `Address=${address.local}/${address.prefixlen}`),
    // Once each: a node can hold the same default route twice (e.g. proto boot and proto static).
    ...[...new Set(gateways.map((route) => route.gateway))].map((gateway) => `Gateway=${gateway}`),
    ...(options.keepConfiguration ? [`KeepConfiguration=${options.keepConfiguration}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}
