import assert from "node:assert/strict";
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { currentOwner, ownerIsAlive, StateStore, type ClusterRecord } from "../../../harness/cluster/stateStore.js";

function record(name: string): ClusterRecord {
  return {
    version: 1,
    name,
    provider: "kind",
    state: "creating",
    createdBy: currentOwner("run-1"),
    fingerprint: "f",
    dedicated: false,
    kept: false,
    image: "i",
    network: "kube-gameday",
    hostPorts: {},
    volumes: [],
    nodeCount: 1,
    kubeconfigPath: "/x",
  };
}

describe("state store", () => {
  let store: StateStore;
  beforeEach(async () => {
    store = new StateStore(join(await mkdtemp(join(tmpdir(), "state-")), "state"));
  });

  it("writes, lists and removes records in a private directory", async () => {
    await store.write(record("gameday-b"));
    await store.write(record("gameday-a"));
    assert.deepEqual((await store.list()).map((r) => r.name), ["gameday-a", "gameday-b"]);
    assert.equal((await stat(store.dir)).mode & 0o777, 0o700);
    await store.remove("gameday-a");
    assert.deepEqual((await store.list()).map((r) => r.name), ["gameday-b"]);
    assert.equal(await store.read("gameday-a"), undefined);
  });

  it("lets only one live run hold a cluster", async () => {
    assert.equal(await store.claim("gameday-a", currentOwner("run-1")), true);
    // This test process is alive, so a second claim must fail.
    assert.equal(await store.claim("gameday-a", currentOwner("run-2")), false);
    await store.unclaim("gameday-a");
    assert.equal(await store.claim("gameday-a", currentOwner("run-2")), true);
  });

  it("breaks the lease of a run that died", async () => {
    await store.ensure();
    const dead = { runId: "old", pid: 2 ** 22 + 12345, host: currentOwner("x").host, since: "" };
    assert.equal(ownerIsAlive(dead), false, "pid above pid_max cannot be alive");
    await writeFile(join(store.dir, "clusters", "gameday-a.lease"), JSON.stringify(dead));
    assert.equal((await store.leaseHolder("gameday-a"))?.runId, "old");
    assert.equal(await store.liveHolder("gameday-a"), undefined, "a dead run holds nothing");
    assert.equal(await store.claim("gameday-a", currentOwner("run-3")), true);
    assert.equal((await store.liveHolder("gameday-a"))?.runId, "run-3", "this live process holds it now");
    assert.equal((await store.leaseHolder("gameday-a"))?.runId, "run-3");
  });

  it("never treats pid 0 or negative pids as a live owner", () => {
    const host = currentOwner("x").host;
    assert.equal(ownerIsAlive({ runId: "r", pid: 0, host, since: "" }), false);
    assert.equal(ownerIsAlive({ runId: "r", pid: -1, host, since: "" }), false);
  });

  it("reports a corrupt record instead of ignoring it", async () => {
    await store.ensure();
    await writeFile(join(store.dir, "clusters", "gameday-x.json"), "{not json");
    await assert.rejects(store.list(), /not valid JSON/);
  });
});
