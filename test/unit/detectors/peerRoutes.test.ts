import assert from "node:assert/strict";
import type { V1Node } from "@kubernetes/client-node";
import { describePeerRoute, isPeerRoutePresent, peerRoutesFor } from "../../../harness/detectors/peerRoutes.js";
import type { RouteEntry } from "../../../harness/detectors/routingSnapshot.js";

const node = (name: string, ip: string | undefined, cidrs: string[]): V1Node => ({
  metadata: { name },
  spec: { podCIDR: cidrs[0], podCIDRs: cidrs },
  status: { addresses: ip ? [{ type: "InternalIP", address: "fc00::9" }, { type: "InternalIP", address: ip }, { type: "Hostname", address: name }] : [] },
});

describe("peer routes", () => {
  const nodes = [node("cp", "172.18.0.2", ["10.244.0.0/24", "fd00:10:244::/64"]), node("w1", "172.18.0.3", ["10.244.1.0/24"]), node("w2", "172.18.0.4", ["10.244.2.0/24"]), node("w3", undefined, ["10.244.3.0/24"])];

  it("expects one IPv4 route per other node with an address, via its InternalIP", () => {
    assert.deepEqual(peerRoutesFor("w1", nodes).map(describePeerRoute), ["10.244.0.0/24 via 172.18.0.2 (cp)", "10.244.2.0/24 via 172.18.0.4 (w2)"]);
  });

  it("refuses a node that is not registered", () => {
    assert.throws(() => peerRoutesFor("nope", nodes), /not among the cluster's Node objects/);
  });

  it("accepts the route through any device or protocol, but only to the right gateway in the main table", () => {
    const peer = { dst: "10.244.2.0/24", gateway: "172.18.0.4", peer: "w2" };
    const r = (extra: Partial<RouteEntry>): RouteEntry => ({ family: "inet", table: "main", type: "unicast", dst: "10.244.2.0/24", gateway: "172.18.0.4", protocol: "static", scope: "global", flags: [], ...extra });
    assert.equal(isPeerRoutePresent(peer, [r({})]), true);
    assert.equal(isPeerRoutePresent(peer, [r({ gateway: "172.18.0.1" })]), false);
    assert.equal(isPeerRoutePresent(peer, [r({ table: "2004" })]), false);
    assert.equal(isPeerRoutePresent(peer, []), false);
  });
});
