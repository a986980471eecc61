// Continuous connectivity canary: the canary's current round (meshRound.ts), looked at once per
// interval and counted once per new cycle, up when every cross-node path answered. Availability and outages land in a ProbeRecorder like every probe's;
// the timeline gets which paths broke and when they came back.

import { pause } from "../kube/deadline.js";
import type { KubeClients } from "../kube/kubeClients.js";
import type { MonoMs } from "../scenario/runResult.js";
import { DEFAULT_PROBE_MAX_RUN_MS, MIN_PROBE_INTERVAL_MS, type ContinuousProbe } from "./continuousProbe.js";
import { sharedMeshRound, type MeshTarget } from "./meshRound.js";
import { describeRound, hasFailingPath } from "./podMesh.js";
import { ProbeRecorder } from "./probeRecorder.js";

export interface ConnectivityProbeOptions {
  name: string;
  kube: KubeClients;
  target: MeshTarget;
  everyMs: number;
  now: () => MonoMs;
  onChange?: (up: boolean, at: MonoMs, detail: string) => void;
  maxRunMs?: number;
}

export function connectivityProbe(options: ConnectivityProbeOptions): ContinuousProbe {
  const recorder = new ProbeRecorder(options.name, "connectivity", options.onChange);
  const controller = new AbortController();
  const interval = Math.max(MIN_PROBE_INTERVAL_MS, options.everyMs);
  let loop: Promise<void> | undefined;
  let lastCounted: number | undefined;

  const run = async () => {
    const started = options.now();
    const maxRun = options.maxRunMs ?? DEFAULT_PROBE_MAX_RUN_MS;
    while (!controller.signal.aborted && options.now() - started < maxRun) {
      const at = options.now();
      try {
        // Shared with the canary checks; a round already counted (no cycle finished since) is not counted again.
        const round = await sharedMeshRound(options.kube, options.target, options.now);
        if (controller.signal.aborted) break;
        if (round.at === lastCounted) {
          const rest = interval - (options.now() - at);
          if (rest > 0) await pause(rest, controller.signal).catch(() => undefined);
          continue;
        }
        lastCounted = round.at;
        const failing = round.unmeasurable !== undefined || hasFailingPath(round.paths);
        // A round where the probe could not run somewhere (exec failed) and nothing failed is not
        // an attempt: it says nothing about the network either way.
        if (failing || round.paths.every((path) => path.ok)) recorder.record(round.at, !failing, describeRound(round));
      } catch (error) {
        if (controller.signal.aborted) break;
        recorder.record(at, false, `canary round failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const rest = interval - (options.now() - at);
      if (rest > 0) await pause(rest, controller.signal).catch(() => undefined);
    }
  };

  return {
    name: options.name,
    start() {
      loop ??= run();
    },
    async stop() {
      controller.abort();
      await loop;
      return recorder.summary();
    },
  };
}
