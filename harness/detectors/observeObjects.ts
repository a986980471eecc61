// The common shape of watch-based checks: watch a set of objects and turn every snapshot into an
// observation. Built on kube/watchObjects, so a check re-evaluates when the API reports a change.

import type { KubernetesObject } from "@kubernetes/client-node";
import { watchObjects, type WatchTarget } from "../kube/watchObjects.js";
import type { Observation, RunContext } from "../scenario/kindTypes.js";

export function observeObjects(
  context: RunContext,
  target: WatchTarget,
  evaluate: (objects: KubernetesObject[]) => Observation,
  emit: (observation: Observation) => void,
): Promise<void> {
  return watchObjects(context.kube, target, (objects) => emit(evaluate(objects)), context.signal);
}
