import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { deadRunDecision, type HostFacts, type LeaseReading } from "../../../harness/cluster/deadRunRule.js";
import { processesNaming } from "../../../harness/cluster/orphanProcesses.js";
import { StateStore, type ClusterRecord, type RunOwner } from "../../../harness/cluster/stateStore.js";

const DEAD_PID = 4242;
const LIVE_PID = 777;
const here: HostFacts = { host: "runner-1", pid: 1000, isAlive: (pid) => pid === LIVE_PID || pid === 1000 };

function owner(pid: number, overrides: Partial<RunOwner> = {}): RunOwner {
  return { runId: `run-${pid}`, pid, host: "runner-1", since: "", ...overrides };
}

function record(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    version: 1,
    name: "gameday-20261203-000000-dead-0001",
    provider: "kind",
    state: "ready",
    createdBy: owner(DEAD_PID),
    fingerprint: "f",
    dedicated: false,
    kept: false,
    image: "kindest/node:v1.34.4",
    network: "kube-gameday",
    hostPorts: {},
    volumes: [],
    nodeCount: 3,
    kubeconfigPath: "/state/kubeconfig/gameday-20261203-000000-dead-0001.yaml",
    ...overrides,
  };
}

const held = (o: RunOwner): LeaseReading => ({ state: "held", owner: o });

describe("dead-run rule: which recorded clusters a new run deletes", () => {
  it("reaps a cluster whose leaseholder died, in any state (a SIGKILL mid-create leaves 'creating')", () => {
    for (const state of ["creating", "ready", "deleting"] as const) {
      const decision = deadRunDecision(record({ state }), held(owner(DEAD_PID)), here);
      assert.deepEqual(decision, { reap: true, owner: owner(DEAD_PID) }, state);
    }
  });

  it("with no lease, judges by the run that created it", () => {
    assert.equal(deadRunDecision(record(), { state: "free" }, here).reap, true);
    assert.equal(deadRunDecision(record({ createdBy: owner(LIVE_PID) }), { state: "free" }, here).reap, false);
  });

  it("the lease wins over the creator: a live run that reused a kept cluster holds it", () => {
    const decision = deadRunDecision(record(), held(owner(LIVE_PID)), here);
    assert.deepEqual(decision, { reap: false, reason: "run run-777 (pid 777) is still running" });
  });

  it("never touches a cluster kept with --keep-cluster, even when its run is gone", () => {
    assert.deepEqual(deadRunDecision(record({ kept: true }), held(owner(DEAD_PID)), here), { reap: false, reason: "kept with --keep-cluster" });
  });

  it("never touches a cluster whose lease cannot be read", () => {
    const decision = deadRunDecision(record(), { state: "unreadable", why: "x.lease is not JSON" }, here);
    assert.equal(decision.reap, false);
    assert.match(decision.reap ? "" : decision.reason, /lease cannot be read \(x\.lease is not JSON\)/);
  });

  it("never touches another host's cluster (its pids mean nothing here)", () => {
    const decision = deadRunDecision(record(), held(owner(DEAD_PID, { host: "laptop" })), here);
    assert.deepEqual(decision, { reap: false, reason: "recorded by a run on another host (laptop)" });
  });

  it("never touches this run's own cluster", () => {
    assert.deepEqual(deadRunDecision(record(), held(owner(1000)), here), { reap: false, reason: "this run's own cluster" });
  });

  it("never reaps on a pid that cannot be checked", () => {
    assert.equal(deadRunDecision(record(), held(owner(0)), here).reap, false);
    assert.equal(deadRunDecision(record(), held(owner(-1)), here).reap, false);
  });
});

describe("state store: reading a lease", () => {
  it("tells free, held and unreadable apart", async () => {
    const store = new StateStore(join(await mkdtemp(join(tmpdir(), "state-")), "state"));
    await store.ensure();
    assert.deepEqual(await store.readLease("gameday-a"), { state: "free" });
    await writeFile(join(store.dir, "clusters", "gameday-a.lease"), JSON.stringify(owner(DEAD_PID)));
    assert.deepEqual(await store.readLease("gameday-a"), { state: "held", owner: owner(DEAD_PID) });
    await writeFile(join(store.dir, "clusters", "gameday-a.lease"), "");
    assert.equal((await store.readLease("gameday-a")).state, "unreadable", "a lease torn between create and write");
    await writeFile(join(store.dir, "clusters", "gameday-a.lease"), "{}");
    assert.equal((await store.readLease("gameday-a")).state, "unreadable", "JSON that names no run");
  });
});

describe("orphan processes of a dead run", () => {
  it("finds the processes that name the cluster's kubeconfig as a whole word, and nothing else", async () => {
    const proc = await mkdtemp(join(tmpdir(), "proc-"));
    const kubeconfig = "/state/kubeconfig/gameday-x.yaml";
    const lines: Record<string, string[]> = {
      "101": ["kind", "create", "cluster", "--config", "-", "--kubeconfig", kubeconfig, "--wait", "60s"],
      "102": ["kind", "create", "cluster", "--kubeconfig", `${kubeconfig}.bak`],
      "103": ["bash", "-c", `echo ${kubeconfig}`],
    };
    for (const [pid, argv] of Object.entries(lines)) {
      await mkdir(join(proc, pid));
      await writeFile(join(proc, pid, "cmdline"), argv.join("\0") + "\0");
    }
    await mkdir(join(proc, "self"));
    assert.deepEqual(await processesNaming(kubeconfig, proc), [101]);
  });

  it("finds nothing where there is no /proc", async () => {
    assert.deepEqual(await processesNaming("/x", "/nonexistent-proc"), []);
  });
});
