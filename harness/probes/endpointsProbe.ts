// Watches a Service's EndpointSlices for the whole run: "up" while it has at least `min` ready
// addresses. The watch gives precise outage edges; the current state is also sampled every
// `everyMs` (no API call, just the last watched state), so availability is time-weighted rather
// than a share of change events.

import type { KubeClients } from "../kube/kubeClients.js";
import { watchObjects } from "../kube/watchObjects.js";
import { readyEndpointAddresses } from "../kube/workloadState.js";
import type { MonoMs } from "../scenario/runResult.js";
import { DEFAULT_PROBE_MAX_RUN_MS, MIN_PROBE_INTERVAL_MS, type ContinuousProbe } from "./continuousProbe.js";
import { ProbeRecorder } from "./probeRecorder.js";

export interface EndpointsProbeOptions {
  name: string;
  kube: KubeClients;
  namespace: string;
  service: string;
  min: number;
  everyMs: number;
  now: () => MonoMs;
  onChange?: (up: boolean, at: MonoMs, detail: string) => void;
  /** Called if the watch fails for good (the summary then ends where the watch ended). */
  onError?: (error: unknown) => void;
  maxRunMs?: number;
}

export function endpointsProbe(options: EndpointsProbeOptions): ContinuousProbe {
  const recorder = new ProbeRecorder(options.name, "endpoints", options.onChange);
  const controller = new AbortController();
  let loop: Promise<void> | undefined;
  let last: boolean | undefined;
  let lastDetail = "";

  return {
    name: options.name,
    start() {
      const timer = setTimeout(() => controller.abort(), options.maxRunMs ?? DEFAULT_PROBE_MAX_RUN_MS);
      timer.unref();
      const sampler = setInterval(() => {
        if (last !== undefined) recorder.record(options.now(), last, lastDetail);
      }, Math.max(MIN_PROBE_INTERVAL_MS, options.everyMs));
      sampler.unref();
      loop ??= watchObjects(
        options.kube,
        { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", namespace: options.namespace, labelSelector: `kubernetes.io/service-name=${options.service}` },
        (slices) => {
          const ready = readyEndpointAddresses(slices).length;
          const up = ready >= options.min;
          // Count state changes (and the first state), not every unrelated slice update.
          lastDetail = `${options.service}: ${ready} ready endpoint(s)`;
          if (up !== last) recorder.record(options.now(), up, lastDetail);
          last = up;
        },
        controller.signal,
      ).catch((error: unknown) => options.onError?.(error)).finally(() => {
        clearTimeout(timer);
        clearInterval(sampler);
      });
    },
    async stop() {
      controller.abort();
      await loop;
      return recorder.summary();
    },
  };
}
