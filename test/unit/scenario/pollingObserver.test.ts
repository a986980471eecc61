import assert from "node:assert/strict";
import type { Observation, RunContext } from "../../../harness/scenario/kindTypes.js";
import { readingOf } from "../../../harness/scenario/observationReading.js";
import { pollingObserver } from "../../../harness/scenario/pollingObserver.js";

/** Only what pollingObserver uses of a run context: its signal and clock. */
function context(signal: AbortSignal): RunContext {
  return { signal, now: () => performance.now() } as unknown as RunContext;
}

type Evaluate = Parameters<typeof pollingObserver>[2];

/** Runs the observer until its first observation and returns that one. */
async function firstObservation(evaluate: Evaluate, evaluationTimeoutMs: number, what: string): Promise<Observation> {
  const controller = new AbortController();
  const seen: Observation[] = [];
  await pollingObserver(
    context(controller.signal),
    (observation) => {
      seen.push(observation);
      controller.abort();
    },
    evaluate,
    { everyMs: 10, evaluationTimeoutMs, what },
  );
  assert.equal(seen.length, 1);
  return seen[0]!;
}

describe("polling observer", () => {
  it("reports a failed evaluation as could-not-tell, naming the error (never as does-not-hold)", async () => {
    const observation = await firstObservation(
      async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:6443");
      },
      1_000,
      "list leases",
    );
    assert.equal(readingOf(observation), "could-not-tell");
    assert.equal(observation.detail, "list leases failed: connect ECONNREFUSED 127.0.0.1:6443");
  });

  it("reports an evaluation that outlives its deadline as could-not-tell", async () => {
    const observation = await firstObservation(
      (signal) =>
        new Promise<Observation>((_, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
        }),
      20,
      "helm status",
    );
    assert.equal(readingOf(observation), "could-not-tell");
    assert.match(observation.detail, /^helm status failed: /);
  });

  it("passes readable observations through unchanged", async () => {
    const observation = await firstObservation(async () => ({ holds: false, detail: "2 ready" }), 1_000, "x");
    assert.equal(readingOf(observation), "does-not-hold");
  });
});
