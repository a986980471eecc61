// Watch-based checks with a `for:` duration (see sustainedCondition.ts): every snapshot is fed to
// the tracker, and a timer wakes the check when a pending object reaches its `for` without any new
// event — so "fires after 15 s of mismatch" is reported at that instant, not at the next change.

import type { KubernetesObject } from "@kubernetes/client-node";
import { watchObjects, type WatchTarget } from "../kube/watchObjects.js";
import type { Observation, RunContext } from "../scenario/kindTypes.js";
import { SustainedCondition, type SustainedVerdict } from "./sustainedCondition.js";

export async function observeSustained(
  context: RunContext,
  target: WatchTarget,
  forMs: number,
  /** Object key → why it matches the condition, for the objects that match it now. */
  offending: (objects: KubernetesObject[]) => Map<string, string>,
  emit: (observation: Observation) => void,
): Promise<void> {
  const condition = new SustainedCondition(forMs);
  let timer: NodeJS.Timeout | undefined;
  const report = (verdict: SustainedVerdict) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (verdict.nextDueAt !== null && !context.signal.aborted) {
      const due = verdict.nextDueAt;
      timer = setTimeout(() => report(condition.verdict(context.now())), Math.max(0, due - context.now()) + 1);
    }
    const observation: Observation = { holds: verdict.holds, detail: verdict.detail };
    if (verdict.firedAt !== undefined) observation.at = verdict.firedAt;
    emit(observation);
  };
  try {
    await watchObjects(context.kube, target, (objects) => report(condition.update(offending(objects), context.now())), context.signal);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
