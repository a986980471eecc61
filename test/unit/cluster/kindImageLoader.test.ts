import assert from "node:assert/strict";
import type { ContainerRuntimeClient } from "testcontainers";
import { clusterFingerprint } from "../../../harness/cluster/clusterFingerprint.js";
import type { KindCli } from "../../../harness/cluster/kindCli.js";
import { AddonImageMissingError, ensureLocalImages, loadImagesIntoCluster } from "../../../harness/cluster/kindImageLoader.js";

// Stand-ins for the Docker engine and the kind CLI: only the calls the loader makes, recorded.
function fakes(local: string[], pullFails = false) {
  const calls: string[] = [];
  const present = new Set(local);
  const runtime = {
    image: {
      exists: async (name: { string: string }) => present.has(name.string),
      pull: async (name: { string: string }) => {
        calls.push(`pull ${name.string}`);
        if (pullFails) throw new Error("dial tcp: lookup registry-1.docker.io: no such host");
        present.add(name.string);
      },
    },
  } as unknown as ContainerRuntimeClient;
  const kind = { run: async (args: string[]) => (calls.push(`kind ${args.join(" ")}`), "") } as unknown as KindCli;
  return { calls, deps: { runtime, kind, progress: (line: string) => calls.push(`progress ${line}`) } };
}

const TRAEFIK = "docker.io/library/traefik:v3.7.13";

describe("addon images for kind clusters", () => {
  it("uses an image the local engine has, without pulling", async () => {
    const { calls, deps } = fakes([TRAEFIK]);
    await ensureLocalImages([TRAEFIK], deps, { offline: true, timeoutMs: 1_000 });
    assert.deepEqual(calls, []);
  });

  it("refuses a missing image offline, naming the kit command", async () => {
    const { calls, deps } = fakes([]);
    await assert.rejects(ensureLocalImages([TRAEFIK], deps, { offline: true, timeoutMs: 1_000 }), (error: unknown) => {
      assert.ok(error instanceof AddonImageMissingError);
      assert.match(error.message, /traefik:v3\.7\.13.*--offline/);
      assert.match(String(error.hint), /npm run kit/);
      return true;
    });
    assert.deepEqual(calls, []);
  });

  it("pulls a missing image online, and explains a failed pull with the same advice", async () => {
    const ok = fakes([]);
    await ensureLocalImages([TRAEFIK], ok.deps, { offline: false, timeoutMs: 1_000 });
    assert.ok(ok.calls.includes(`pull ${TRAEFIK}`));
    const failing = fakes([], true);
    await assert.rejects(ensureLocalImages([TRAEFIK], failing.deps, { offline: false, timeoutMs: 1_000 }), (error: unknown) => {
      assert.ok(error instanceof AddonImageMissingError);
      assert.match(error.message, /pulling it failed: dial tcp/);
      assert.match(String(error.hint), /npm run kit/);
      return true;
    });
  });

  it("loads each image into the named cluster with kind load docker-image", async () => {
    const { calls, deps } = fakes([TRAEFIK]);
    await loadImagesIntoCluster("gd-abc", [TRAEFIK, "docker.io/library/busybox:1.35.0"], deps, { timeoutMs: 1_000 });
    assert.deepEqual(
      calls.filter((c) => c.startsWith("kind ")),
      [`kind load docker-image --name gd-abc ${TRAEFIK}`, "kind load docker-image --name gd-abc docker.io/library/busybox:1.35.0"],
    );
  });

  it("does not make clusters with different addon images different: images are loaded on every acquire", () => {
    const base = { controlPlanes: 1, workers: 2, hostPorts: [30080] };
    assert.equal(clusterFingerprint("kindest/node:v1.34.4", base), clusterFingerprint("kindest/node:v1.34.4", { ...base, images: [TRAEFIK] }));
  });
});
