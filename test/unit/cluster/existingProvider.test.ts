import assert from "node:assert/strict";
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parse } from "yaml";

import { ApiServerUnreachableError } from "../../../harness/cluster/apiServerVersion.js";
import { ExistingContextError, ExistingProvider, narrowKubeconfig } from "../../../harness/cluster/existingProvider.js";
import { StateStore } from "../../../harness/cluster/stateStore.js";

// Two contexts; neither server listens (port 1 on loopback refuses at once).
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: prod
clusters:
  - name: prod
    cluster: { server: "https://127.0.0.1:1" }
  - name: staging
    cluster: { server: "https://127.0.0.1:1" }
users:
  - name: prod-admin
    user: { token: prod-token }
  - name: staging-admin
    user: { token: staging-token }
contexts:
  - name: prod
    context: { cluster: prod, user: prod-admin }
  - name: staging
    context: { cluster: staging, user: staging-admin }
`;

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "existing-"));
  const kubeconfig = join(dir, "config");
  await writeFile(kubeconfig, KUBECONFIG);
  return { kubeconfig, store: new StateStore(join(dir, "state")) };
}

const runOptions = { runId: "run-1", offline: true, timeoutMs: 5_000 };

describe("existing-context provider", () => {
  it("refuses requirements only a created cluster can meet, before reading any kubeconfig", async () => {
    const provider = new ExistingProvider({ context: "staging", kubeconfig: "/does/not/exist" });
    for (const req of [{ dedicated: true }, { hostPorts: [80] }, { kubeadmConfigPatches: ["a: 1"] }, { extraMounts: [{ hostPath: "/a", containerPath: "/b" }] }]) {
      await assert.rejects(provider.acquire({ controlPlanes: 1, workers: 0, ...req }, runOptions), ExistingContextError, JSON.stringify(req));
    }
  });

  it("names the known contexts when the requested one is missing", async () => {
    const { kubeconfig, store } = await setup();
    const provider = new ExistingProvider({ context: "stagin", kubeconfig, store });
    await assert.rejects(provider.acquire({ controlPlanes: 1, workers: 0 }, runOptions), (err: unknown) => {
      assert.ok(err instanceof ExistingContextError);
      assert.match(err.hint ?? "", /prod, staging/);
      return true;
    });
  });

  it("copies only the chosen context, so nothing can drift to another", async () => {
    const { kubeconfig } = await setup();
    const text = narrowKubeconfig(kubeconfig, "staging").exportConfig();
    const copy = parse(text) as { contexts: Array<{ name: string }>; users: Array<{ name: string }>; clusters: Array<{ name: string }>; "current-context": string };
    assert.deepEqual(copy.contexts.map((c) => c.name), ["staging"]);
    assert.deepEqual(copy.clusters.map((c) => c.name), ["staging"]);
    assert.deepEqual(copy.users.map((u) => u.name), ["staging-admin"]);
    assert.equal(copy["current-context"], "staging");
    assert.doesNotMatch(text, /prod-token/);
  });

  it("removes its private kubeconfig copy when the cluster does not answer", async () => {
    const { kubeconfig, store } = await setup();
    const provider = new ExistingProvider({ context: "staging", allowContext: "staging", kubeconfig, store });
    await assert.rejects(provider.acquire({ controlPlanes: 1, workers: 0 }, runOptions), ApiServerUnreachableError);
    await assert.rejects(stat(store.kubeconfigPath("existing-run-1-staging")), /ENOENT/);
  });
});
