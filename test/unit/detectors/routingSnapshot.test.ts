import assert from "node:assert/strict";
import { parseAddresses, parseLinks, parseRoutes, parseRules, routeAttributes, routeKey, RoutingParseError, ruleKey } from "../../../harness/detectors/routingSnapshot.js";
import { parseSnapshotOutput, splitSnapshotOutput } from "../../../harness/detectors/routingSnapshotReader.js";

// Captured from iproute2 6.1 (the version in Debian bookworm, the node image's base).
const ROUTES4 = JSON.stringify([
  { type: "unicast", dst: "default", gateway: "172.18.0.1", dev: "eth0", table: "main", protocol: "boot", scope: "global", flags: [] },
  { type: "unicast", dst: "10.244.1.0/24", gateway: "172.18.0.3", dev: "eth0", protocol: "boot", scope: "global", flags: [] },
  { type: "unicast", dst: "172.18.0.0/16", dev: "eth0", table: "main", protocol: "kernel", scope: "link", prefsrc: "172.18.0.2", flags: [] },
  { type: "local", dst: "172.18.0.2", dev: "eth0", table: "local", protocol: "kernel", scope: "host", prefsrc: "172.18.0.2", flags: [] },
]);
const RULES4 = JSON.stringify([
  { priority: 0, src: "all", table: "local", protocol: "kernel" },
  { priority: 9, src: "all", fwmark: "0x200", fwmask: "0xf00", table: "2004", protocol: "unspec" },
  { priority: 32766, src: "all", table: "main", protocol: "kernel" },
]);
const ADDRS = JSON.stringify([
  { ifindex: 1, ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host" }] },
  { ifindex: 2, ifname: "veth1", addr_info: [] },
  { ifindex: 9, ifname: "eth0", addr_info: [{ family: "inet", local: "172.18.0.2", prefixlen: 16, scope: "global" }, { family: "inet6", local: "fc00:f853:ccd:e793::2", prefixlen: 64, scope: "global" }] },
]);

describe("routing snapshot parsing", () => {
  it("fills in the defaults iproute2 leaves out, so 'missing' never differs from 'boot'/'main'", () => {
    const [, peer] = parseRoutes(JSON.stringify([{}, { dst: "10.244.1.0/24", gateway: "172.18.0.3", dev: "eth0" }]), "inet");
    assert.equal(peer!.table, "main");
    assert.equal(peer!.protocol, "boot");
    assert.equal(peer!.scope, "global");
    assert.equal(peer!.type, "unicast");
    assert.equal(routeKey(peer!), "-4 10.244.1.0/24 via 172.18.0.3 dev eth0");
    assert.equal(routeAttributes(peer!), "proto boot scope global");
  });

  it("keys routes by identity (table, type, metric) and keeps the attributes apart", () => {
    const routes = parseRoutes(ROUTES4, "inet");
    assert.deepEqual(routes.map(routeKey), [
      "-4 default via 172.18.0.1 dev eth0",
      "-4 10.244.1.0/24 via 172.18.0.3 dev eth0",
      "-4 172.18.0.0/16 dev eth0",
      "-4 local 172.18.0.2 dev eth0 table local",
    ]);
    assert.equal(routeAttributes(routes[2]!), "proto kernel scope link src 172.18.0.2");
  });

  it("reads rules with their selectors, and a rule without protocol as unspec", () => {
    const rules = parseRules(RULES4, "inet");
    assert.equal(ruleKey(rules[1]!), "-4 9: src all fwmark 0x200 fwmask 0xf00 table 2004");
    assert.equal(rules[1]!.protocol, "unspec");
    assert.equal(parseRules(JSON.stringify([{ priority: 5, table: "main" }]), "inet6")[0]!.protocol, "unspec");
  });

  it("lists addresses per link and keeps links without addresses as links", () => {
    assert.deepEqual(
      parseAddresses(ADDRS).map((a) => `${a.dev} ${a.local}/${a.prefixlen} ${a.scope}`),
      ["lo 127.0.0.1/8 host", "eth0 172.18.0.2/16 global", "eth0 fc00:f853:ccd:e793::2/64 global"],
    );
    assert.deepEqual(parseLinks(ADDRS), ["eth0", "lo", "veth1"]);
  });

  it("treats empty output (a family the kernel lacks) as no entries, and garbage as an error that says what to check", () => {
    assert.deepEqual(parseRoutes("\n", "inet6"), []);
    assert.throws(() => parseRoutes("Error: ipv6 disabled", "inet6"), RoutingParseError);
    assert.throws(() => parseRules("{}", "inet"), /expected a JSON array/);
  });

  it("splits the reader's sectioned output, and refuses output cut short", () => {
    const output = ["### kube-gameday routes4", ROUTES4, "", "### kube-gameday routes6", "", "### kube-gameday rules4", RULES4, "### kube-gameday rules6", "[]", "### kube-gameday addresses", ADDRS, ""].join("\n");
    const snapshot = parseSnapshotOutput(output);
    assert.equal(snapshot.routes.length, 4);
    assert.equal(snapshot.rules.length, 3);
    assert.equal(snapshot.addresses.length, 3);
    assert.throws(() => splitSnapshotOutput(output.split("### kube-gameday addresses")[0]!), /sections missing: addresses/);
  });
});
