import assert from "node:assert/strict";
import { describeDiff, diffOverWindow, diffRouting, isEmptyDiff, nothingRemoved, summarizeDiff } from "../../../harness/detectors/routingDiff.js";
import type { RouteEntry, RoutingSnapshot, RuleEntry } from "../../../harness/detectors/routingSnapshot.js";

const route = (dst: string, extra: Partial<RouteEntry> = {}): RouteEntry => ({ family: "inet", table: "main", type: "unicast", dst, protocol: "boot", scope: "global", flags: [], dev: "eth0", ...extra });
const rule = (priority: number, protocol: string, fields: Record<string, string> = { src: "all", table: "main" }): RuleEntry => ({ family: "inet", priority, fields, protocol });
const snapshot = (routes: RouteEntry[], rules: RuleEntry[] = []): RoutingSnapshot => ({ routes, rules, addresses: [], links: ["eth0"] });

describe("routing diff", () => {
  const before = snapshot(
    [route("default", { gateway: "172.18.0.1" }), route("10.244.1.0/24", { gateway: "172.18.0.3" }), route("10.244.2.0/24", { gateway: "172.18.0.4" }), route("172.18.0.0/16", { protocol: "kernel", scope: "link" })],
    [rule(0, "kernel", { src: "all", table: "local" }), rule(9, "unspec", { src: "all", fwmark: "0x200", fwmask: "0xf00", table: "2004" })],
  );

  it("reports what a networkd start removes: peer routes and a non-kernel rule, and the default route re-owned", () => {
    const after = snapshot([route("default", { gateway: "172.18.0.1", protocol: "static" }), route("172.18.0.0/16", { protocol: "kernel", scope: "link" })], [rule(0, "kernel", { src: "all", table: "local" })]);
    const diff = diffRouting(before, after);
    assert.deepEqual(describeDiff(diff), [
      "- route -4 10.244.1.0/24 via 172.18.0.3 dev eth0 (proto boot scope global)",
      "- route -4 10.244.2.0/24 via 172.18.0.4 dev eth0 (proto boot scope global)",
      "- rule -4 9: src all fwmark 0x200 fwmask 0xf00 table 2004 (proto unspec)",
      "~ route -4 default via 172.18.0.1 dev eth0: proto boot scope global → proto static scope global",
    ]);
    assert.equal(summarizeDiff(diff), "2 routes, 1 rule removed; 1 route changed");
    assert.equal(nothingRemoved(diff), false);
  });

  it("sees no change between equal snapshots, and additions are not removals", () => {
    assert.equal(isEmptyDiff(diffRouting(before, before)), true);
    assert.equal(summarizeDiff(diffRouting(before, before)), "no change");
    const grown = snapshot([...before.routes, route("10.244.3.0/24", { gateway: "172.18.0.5" })], before.rules);
    const diff = diffRouting(before, grown);
    assert.equal(nothingRemoved(diff), true);
    assert.equal(summarizeDiff(diff), "1 route added");
  });

  it("pluralises addresses properly", () => {
    const withAddresses: RoutingSnapshot = { ...before, addresses: [1, 2].map((n) => ({ family: "inet" as const, dev: "eth0", local: `10.0.0.${n}`, prefixlen: 24, scope: "global" })) };
    assert.equal(summarizeDiff(diffRouting(withAddresses, before)), "2 addresses removed");
  });
});

describe("routing diff over an observation window", () => {
  const peer = route("10.244.2.0/24", { gateway: "172.18.0.4" });
  const before = snapshot([route("default", { gateway: "172.18.0.1" }), peer]);

  it("counts an entry removed when any sample lacks it, even if it came back before the window ended", () => {
    const flushed = snapshot([route("default", { gateway: "172.18.0.1", protocol: "static" })]);
    const healed = snapshot([route("default", { gateway: "172.18.0.1", protocol: "static" }), peer]);
    const diff = diffOverWindow(before, [before, flushed, flushed, healed]);
    assert.deepEqual(describeDiff(diff), [
      "- route -4 10.244.2.0/24 via 172.18.0.4 dev eth0 (proto boot scope global)",
      "~ route -4 default via 172.18.0.1 dev eth0: proto boot scope global → proto static scope global",
    ]);
  });

  it("sees nothing removed when every sample has everything, and refuses an empty window", () => {
    assert.equal(nothingRemoved(diffOverWindow(before, [before, before])), true);
    assert.throws(() => diffOverWindow(before, []), /no routing sample/);
  });
});
