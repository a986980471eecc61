// For checks that have nothing to watch (an HTTP endpoint, a CLI's output, a file on a node):
// evaluate, report, wait a short interval, repeat — each evaluation under its own deadline.

import { childSignal, pause } from "../kube/deadline.js";
import type { Observation, RunContext } from "./kindTypes.js";
import { couldNotTell } from "./observationReading.js";

export interface PollingOptions {
  everyMs: number;
  /** Deadline of one evaluation; a timed-out evaluation is reported as "could not tell". */
  evaluationTimeoutMs: number;
  what: string;
}

export async function pollingObserver(
  context: RunContext,
  emit: (observation: Observation) => void,
  evaluate: (signal: AbortSignal) => Promise<Observation>,
  options: PollingOptions,
): Promise<void> {
  while (!context.signal.aborted) {
    const started = context.now();
    const evaluation = childSignal(context.signal, options.evaluationTimeoutMs, options.what);
    try {
      const observation = await evaluate(evaluation.signal);
      if (!context.signal.aborted) emit({ at: started, ...observation });
    } catch (error) {
      if (context.signal.aborted) return;
      // A failed or timed-out evaluation says nothing about the condition: "could not tell", which no
      // assertion can pass on, negated or not — and the report names the error.
      emit({ ...couldNotTell(`${options.what} failed: ${error instanceof Error ? error.message : String(error)}`), at: started });
    } finally {
      evaluation.release();
    }
    try {
      await pause(options.everyMs, context.signal);
    } catch {
      return; // cancelled during the pause: the observation window is over
    }
  }
}
