import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeRound, failedSource, hasFailingPath, meshLoopScript, MeshCycleReader, meshScript, parseMeshOutput, pathsInto, planMesh, type MeshMember } from "../../../harness/probes/podMesh.js";
import { meshMembers } from "../../../harness/probes/meshRound.js";

const members: MeshMember[] = [
  { pod: "canary-b", node: "w1", ip: "10.244.1.5" },
  { pod: "canary-a", node: "w1", ip: "10.244.1.4" },
  { pod: "canary-c", node: "cp", ip: "10.244.0.3" },
  { pod: "canary-d", node: "w2", ip: "10.244.2.7" },
];

describe("connectivity canary mesh", () => {
  it("probes from one pod per node to the chosen pod of every other node, never within a node", () => {
    const plan = planMesh(members);
    assert.deepEqual(
      plan.map((source) => `${source.from.pod}@${source.from.node} → ${source.targets.map((t) => t.node).join(",")}`),
      ["canary-c@cp → w1,w2", "canary-a@w1 → cp,w2", "canary-d@w2 → cp,w1"],
    );
  });

  it("runs every target at once in the shell and reports each, counting a silent target as failed", () => {
    // The real script under a real sh, with a stand-in wget on PATH that answers for one IP only.
    const bin = mkdtempSync(path.join(tmpdir(), "mesh-"));
    try {
      writeFileSync(path.join(bin, "wget"), '#!/bin/sh\ncase "$*" in *10.244.0.3:8080/healthz*) exit 0;; *) exit 1;; esac\n');
      chmodSync(path.join(bin, "wget"), 0o755);
      const source = planMesh(members)[1]!;
      const script = meshScript(source.targets, 8080, "/healthz", 1);
      const output = execFileSync("sh", ["-c", script], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: "utf8" });
      const paths = parseMeshOutput(source, output);
      assert.deepEqual(paths.map((p) => `${p.toNode}:${p.ok}`), ["cp:true", "w2:false"]);
      assert.equal(paths[1]!.reason, "no answer");
      assert.equal(parseMeshOutput(source, "ok 10.244.0.3\n")[1]!.reason, "not reported");
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("streams one dated result per cycle from the looping script, however the output is chunked", () => {
    const bin = mkdtempSync(path.join(tmpdir(), "mesh-"));
    try {
      writeFileSync(path.join(bin, "wget"), '#!/bin/sh\ncase "$*" in *10.244.0.3:*) exit 0;; *) exit 1;; esac\n');
      chmodSync(path.join(bin, "wget"), 0o755);
      const source = planMesh(members)[1]!;
      const output = execFileSync("sh", ["-c", meshLoopScript(source.targets, 8080, "/", 1, 3, 0)], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: "utf8" });
      let clock = 100;
      const cycles: Array<{ at: number; output: string }> = [];
      const reader = new MeshCycleReader(() => (clock += 1), (cycle) => cycles.push(cycle));
      for (let i = 0; i < output.length; i += 7) reader.push(output.slice(i, i + 7));
      assert.equal(cycles.length, 3);
      assert.deepEqual(cycles.map((c) => c.at), [101, 102, 103]);
      assert.deepEqual(parseMeshOutput(source, cycles[2]!.output).map((p) => `${p.toNode}:${p.ok}`), ["cp:true", "w2:false"]);
      assert.throws(() => meshLoopScript(source.targets, 8080, "/", 1, 0, 0), /positive integer/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("refuses values that would change the shell script's meaning", () => {
    assert.throws(() => meshScript([{ pod: "x", node: "n", ip: "1.2.3.4; rm -rf /" }], 80, "/", 1), /unexpected IP/);
    assert.throws(() => meshScript([], 80, "/$(reboot)", 1), /URL-safe/);
  });

  it("describes a round, optionally only the paths into one node", () => {
    const [cp, w1, w2] = planMesh(members);
    const round = {
      at: 0,
      nodes: ["cp", "w1", "w2"],
      paths: [...parseMeshOutput(cp!, "ok 10.244.1.4\nfail 10.244.2.7"), ...parseMeshOutput(w1!, "ok 10.244.0.3\nok 10.244.2.7"), ...failedSource(w2!, "probe could not run: boom")],
    };
    assert.equal(pathsInto(round, "w2").length, 2);
    assert.equal(describeRound(round, "w1"), "into w1: 1/2 cross-node paths answer; 1 not probed: w2→w1 10.244.1.4 (probe could not run: boom)");
    assert.match(describeRound(round), /^3 nodes: 1\/6 cross-node paths failing: cp→w2 10.244.2.7 \(no answer\); 2 not probed/);
    assert.equal(hasFailingPath(pathsInto(round, "w1")), false, "a path that could not be probed is not a failing path");
    assert.equal(hasFailingPath(pathsInto(round, "w2")), true);
    assert.equal(describeRound({ at: 0, nodes: [], paths: [], unmeasurable: "only 1 node" }), "only 1 node");
  });

  it("takes running pods with an IP, ready or not, and leaves out pods being deleted or not yet placed", () => {
    const pod = (name: string, phase: string, extra: Record<string, unknown> = {}) => ({
      metadata: { name, ...(extra.deleting ? { deletionTimestamp: new Date() } : {}) },
      spec: { nodeName: extra.unscheduled ? undefined : "w1", containers: [{ name: "httpd" }] },
      status: { phase, podIP: extra.noIp ? undefined : "10.244.1.9", conditions: [{ type: "Ready", status: "False" }] },
    });
    const chosen = meshMembers([pod("ok", "Running"), pod("pending", "Pending"), pod("gone", "Running", { deleting: true }), pod("noip", "Running", { noIp: true }), pod("loose", "Running", { unscheduled: true })]);
    assert.deepEqual(chosen, [{ pod: "ok", node: "w1", ip: "10.244.1.9", container: "httpd" }]);
  });
});
