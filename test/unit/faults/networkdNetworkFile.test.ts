import assert from "node:assert/strict";
import type { AddressEntry, RouteEntry } from "../../../harness/detectors/routingSnapshot.js";
import { networkFileFor } from "../../../harness/faults/networkdNetworkFile.js";

describe("networkd .network file", () => {
  const addresses: AddressEntry[] = [
    { family: "inet", dev: "eth0", local: "172.18.0.3", prefixlen: 16, scope: "global" },
    { family: "inet6", dev: "eth0", local: "fc00:f853:ccd:e793::3", prefixlen: 64, scope: "global" },
    { family: "inet6", dev: "eth0", local: "fe80::42:acff:fe12:3", prefixlen: 64, scope: "link" },
    { family: "inet", dev: "veth1", local: "10.244.1.1", prefixlen: 32, scope: "global" },
  ];
  const route = (dst: string, dev: string, gateway?: string, family: "inet" | "inet6" = "inet"): RouteEntry => ({ family, table: "main", type: "unicast", dst, dev, protocol: "boot", scope: "global", flags: [], ...(gateway ? { gateway } : {}) });

  it("pins the interface's global addresses and default gateways, nothing else", () => {
    const text = networkFileFor("eth0", addresses, [route("default", "eth0", "172.18.0.1"), route("default", "eth0", "fc00:f853:ccd:e793::1", "inet6"), route("10.244.2.0/24", "eth0", "172.18.0.4")]);
    const settings = text.split("\n").filter((line) => line && !line.startsWith("#"));
    assert.deepEqual(settings, ["[Match]", "Name=eth0", "[Network]", "Address=172.18.0.3/16", "Address=fc00:f853:ccd:e793::3/64", "Gateway=172.18.0.1", "Gateway=fc00:f853:ccd:e793::1"]);
  });

  it("adds KeepConfiguration= only when asked, and only a value networkd knows", () => {
    const routes = [route("default", "eth0", "172.18.0.1")];
    assert.equal(networkFileFor("eth0", addresses, routes).includes("KeepConfiguration"), false);
    assert.match(networkFileFor("eth0", addresses, routes, { keepConfiguration: "static" }), /\nKeepConfiguration=static\n$/);
    assert.throws(() => networkFileFor("eth0", addresses, routes, { keepConfiguration: "always" }), /not one of no, static/);
  });

  it("refuses an interface without a global address, saying how to look", () => {
    assert.throws(() => networkFileFor("eth1", addresses, []), /no global address.*ip -j addr show dev eth1/);
    assert.throws(() => networkFileFor("eth0\nName=*", addresses, []), /not a Linux link name/);
  });
});
