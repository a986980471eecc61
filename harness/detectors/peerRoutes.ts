// The routes a kindnet-style CNI promises on a node: for every other node, "<its PodCIDR> via its
// InternalIP". Derived from the Node objects (the CNI's own source of truth), not from an earlier
// snapshot, so a route missing since before the run still counts as missing. IPv4 only, like the
// kit's agent (clusters/images/go/kubernetes/cmd/kindnetd), which lists and installs IPv4 routes.

import type { V1Node } from "@kubernetes/client-node";
import type { RouteEntry } from "./routingSnapshot.js";

export interface PeerRoute {
  dst: string;
  gateway: string;
  /** The node that owns the PodCIDR. */
  peer: string;
}

const isIPv4 = (address: string) => /^\d{1,3}(\.\d{1,3}){3}(\/\d+)?$/.test(address);

export function peerRoutesFor(nodeName: string, nodes: V1Node[]): PeerRoute[] {
  if (!nodes.some((node) => node.metadata?.name === nodeName)) {
    throw new Error(`node ${nodeName} is not among the cluster's Node objects (${nodes.map((n) => n.metadata?.name).join(", ")}): is it registered?`);
  }
  const routes: PeerRoute[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name ?? "?";
    if (name === nodeName) continue;
    const gateway = node.status?.addresses?.find((address) => address.type === "InternalIP" && isIPv4(address.address))?.address;
    const cidrs = node.spec?.podCIDRs?.length ? node.spec.podCIDRs : node.spec?.podCIDR ? [node.spec.podCIDR] : [];
    if (!gateway) continue; // not yet reported; the CNI cannot route to it either
    for (const dst of cidrs.filter(isIPv4)) routes.push({ dst, gateway, peer: name });
  }
  return routes.sort((a, b) => a.dst.localeCompare(b.dst));
}

/** A peer route is present when the main table routes its PodCIDR via the peer, whatever the protocol or device. */
export function isPeerRoutePresent(peer: PeerRoute, routes: RouteEntry[]): boolean {
  return routes.some((route) => route.family === "inet" && route.table === "main" && route.dst === peer.dst && route.gateway === peer.gateway);
}

export function describePeerRoute(peer: PeerRoute): string {
  return `${peer.dst} via ${peer.gateway} (${peer.peer})`;
}
