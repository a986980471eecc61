// The restore plan proven against a real kernel: a throw-away network namespace (unshare, no root
// needed where user namespaces are allowed) gets a CNI-like peer route and a CNI-like policy rule,
// they are flushed the way networkd flushes foreign state, and the planned `ip` commands must bring
// the snapshot back exactly. Skipped only where the host cannot create namespaces.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { NodeHandle } from "../../../harness/cluster/clusterHandle.js";
import { describeDiff, diffRouting } from "../../../harness/detectors/routingDiff.js";
import { readRoutingSnapshot } from "../../../harness/detectors/routingSnapshotReader.js";
import { planRestore } from "../../../harness/faults/routingRestorePlan.js";

function namespaceNode(pid: number): NodeHandle {
  const run = (argv: string[], stdin?: string) => {
    const result = spawnSync("nsenter", ["-t", String(pid), "-U", "-n", "--preserve-credentials", ...argv], { encoding: "utf8", input: stdin ?? "", timeout: 60_000 });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? -1 };
  };
  return {
    name: "netns",
    role: "worker",
    exec: async (argv, options) => run(argv, options.stdin),
    restart: async () => undefined,
    readFile: async (path) => run(["cat", path]).stdout,
  };
}

describe("routing restore in a real network namespace", function () {
  // Generous: a loaded CI host can take seconds per nsenter.
  this.timeout(180_000);
  let holder: ChildProcess | undefined;
  let node: NodeHandle;

  before(function () {
    const probe = spawnSync("unshare", ["-rn", "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1"], { encoding: "utf8" });
    if (probe.status !== 0) return this.skip(); // no user/network namespaces or no veth here
    holder = spawn("unshare", ["-rn", "sleep", "60"], { stdio: "ignore" });
    node = namespaceNode(holder.pid!);
    // Wait until the holder is inside its namespace (its net ns differs from ours).
    const ours = execFileSync("readlink", ["/proc/self/ns/net"], { encoding: "utf8" });
    for (let i = 0; i < 100; i++) {
      const theirs = spawnSync("readlink", [`/proc/${holder.pid}/ns/net`], { encoding: "utf8" }).stdout;
      if (theirs && theirs !== ours) return;
      spawnSync("sleep", ["0.05"]);
    }
    throw new Error("the namespace holder never entered its namespace");
  });
  after(() => holder?.kill());

  it("re-adds the flushed peer route and policy rule, and only those", async () => {
    const setup = [
      "ip link add eth0 type veth peer name peer0",
      "ip link set lo up && ip link set eth0 up && ip link set peer0 up",
      "ip addr add 172.18.0.3/16 dev eth0",
      "ip route add default via 172.18.0.1",
      "ip route add 10.244.2.0/24 via 172.18.0.4",
      "ip rule add priority 9 fwmark 0x200/0xf00 lookup 2004",
    ].join(" && ");
    const ok = await node.exec(["sh", "-c", setup], { timeoutMs: 10_000 });
    assert.equal(ok.exitCode, 0, ok.stderr);
    const before = await readRoutingSnapshot(node, 10_000);
    await node.exec(["sh", "-c", "ip route del 10.244.2.0/24 && ip rule del priority 9"], { timeoutMs: 10_000 });
    const flushed = await readRoutingSnapshot(node, 10_000);
    assert.deepEqual(describeDiff(diffRouting(before, flushed)), [
      "- route -4 10.244.2.0/24 via 172.18.0.4 dev eth0 (proto boot scope global)",
      "- rule -4 9: src all fwmark 0x200 fwmask 0xf00 table 2004 (proto unspec)",
    ]);

    const plan = planRestore(before, flushed);
    assert.equal(plan.commands.length, 2);
    for (const argv of plan.commands) {
      const result = await node.exec(argv, { timeoutMs: 10_000 });
      assert.equal(result.exitCode, 0, `${argv.join(" ")}: ${result.stderr}`);
    }
    const restored = await readRoutingSnapshot(node, 10_000);
    assert.deepEqual(describeDiff(diffRouting(before, restored)), []);
    assert.deepEqual(planRestore(before, restored).commands, [], "a second restore has nothing to do");
  });
});
