// An interrupt that arrives while the cluster is being created: `kind create` cannot be cancelled,
// so the runner must wait for it and delete what it made. A stand-in provider plays kind here; the
// real-cluster behaviour is the same code path (found when Ctrl-C during a real creation left a
// kind cluster behind).
import assert from "node:assert/strict";
import path from "node:path";

import type { ClusterHandle, ClusterProvider } from "../../../harness/cluster/clusterHandle.js";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";
import { runScenario } from "../../../harness/scenario/scenarioRunner.js";

class SlowProvider implements ClusterProvider {
  readonly released: string[] = [];
  private finish: (() => void) | undefined;
  readonly started: Promise<void>;
  private markStarted: (() => void) | undefined;

  constructor() {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  acquire(): Promise<ClusterHandle> {
    this.markStarted?.();
    return new Promise((resolve) => {
      this.finish = () => resolve({ provider: "kind", name: "late-one" } as unknown as ClusterHandle);
    });
  }

  completeCreation(): void {
    this.finish?.();
  }

  async release(cluster: ClusterHandle): Promise<void> {
    this.released.push(cluster.name);
  }
}

describe("a run interrupted while its cluster is being created", () => {
  it("waits for the creation to finish, deletes that cluster, and reports the interruption", async () => {
    const loaded = await loadScenario(path.join(repoRoot(), "test/fixtures/scenarios/smoke"), { registry: builtinKinds() });
    const provider = new SlowProvider();
    const interrupt = new AbortController();
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn ${m}`) };
    const running = runScenario(loaded, "default", {
      cluster: { provider, offline: true, keep: false, timeoutMs: 60_000 },
      runId: "20261202-000000-test",
      log,
      signal: interrupt.signal,
    });
    await provider.started;
    interrupt.abort(new Error("interrupted by SIGINT"));
    // kind finishes a moment later, as it does for real.
    setTimeout(() => provider.completeCreation(), 20);
    const result = await running;
    assert.deepEqual(provider.released, ["late-one"], "the cluster made after the interrupt was deleted");
    assert.notEqual(result.verdict, "passed");
    assert.ok(lines.some((l) => /deleted cluster late-one, created after the interruption/.test(l)), lines.join("\n"));
  });
});
