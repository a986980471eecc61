import assert from "node:assert/strict";
import type { Observation, RunContext } from "../../../harness/scenario/kindTypes.js";
import { readingOf } from "../../../harness/scenario/observationReading.js";
import { pollingObserver } from "../../../harness/scenario/pollingObserver.js";

/** Only what pollingObserver uses of a run context: its signal and clock. */
function context(signal: AbortSignal): RunContext {
  return { signal, now: () => performance.now() } as unknown as RunContext;
}

describe("polling observer", () => {
  it("reports a failed evaluation as could-not-tell, naming the error (never as does-not-hold)", async () => {
    const controller = new AbortController();
    const seen: Observation[] = [];
    await pollingObserver(
      context(controller.signal),
      (observation) => {
        seen.push(observation);
        controller.abort();
      },
      async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:6443");
      },
      { everyMs: 10, evaluationTimeoutMs: 1_000, what: "list leases" },
    );
    assert.equal(seen.length, 1);
    assert.equal(readingOf(seen[0]!), "could-not-tell");
    assert.equal(seen[0]!.detail, "list leases failed: connect ECONNREFUSED 127.0.0.1:6443");
  });

  it("reports an evaluation that outlives its deadline as could-not-tell", async () => {
    const controller = new AbortController();
    const seen: Observation[] = [];
    await pollingObserver(
      context(controller.signal),
      (observation) => {
        seen.push(observation);
        controller.abort();
      },
      (signal) =>
        new Promise<Observation>((_, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
        }),
      { everyMs: 10, evaluationTimeoutMs: 20, what: "helm status" },
    );
    assert.equal(readingOf(seen[0]!), "could-not-tell");
    assert.match(seen[0]!.detail, /^helm status failed: /);
  });

  it("passes readable observations through unchanged", async () => {
    const controller = new AbortController();
    const seen: Observation[] = [];
    await pollingObserver(
      context(controller.signal),
      (observation) => {
        seen.push(observation);
        controller.abort();
      },
      async () => ({ holds: false, detail: "2 ready" }),
      { everyMs: 10, evaluationTimeoutMs: 1_000, what: "x" },
    );
    assert.equal(readingOf(seen[0]!), "does-not-hold");
  });
});
