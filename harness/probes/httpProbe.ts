// Continuous HTTP probe: one request per interval (each with its own timeout), success when the
// status matches (default: any 2xx). Availability and outages land in a ProbeRecorder.

import { pause } from "../kube/deadline.js";
import type { MonoMs } from "../scenario/runResult.js";
import { DEFAULT_PROBE_MAX_RUN_MS, MIN_PROBE_INTERVAL_MS, type ContinuousProbe } from "./continuousProbe.js";
import { describeTarget, sendHttp, type HttpEnvironment, type HttpTarget } from "./httpTarget.js";
import { ProbeRecorder } from "./probeRecorder.js";

export interface HttpProbeOptions {
  name: string;
  target: HttpTarget;
  environment: HttpEnvironment;
  everyMs: number;
  requestTimeoutMs: number;
  expectStatus?: number;
  now: () => MonoMs;
  onChange?: (up: boolean, at: MonoMs, detail: string) => void;
  maxRunMs?: number;
}

export function httpProbe(options: HttpProbeOptions): ContinuousProbe {
  const recorder = new ProbeRecorder(options.name, "http", options.onChange);
  const controller = new AbortController();
  let loop: Promise<void> | undefined;
  const interval = Math.max(MIN_PROBE_INTERVAL_MS, options.everyMs);

  const run = async () => {
    const started = options.now();
    const maxRun = options.maxRunMs ?? DEFAULT_PROBE_MAX_RUN_MS;
    while (!controller.signal.aborted && options.now() - started < maxRun) {
      const at = options.now();
      const reply = await sendHttp(options.target, options.environment, options.requestTimeoutMs, controller.signal);
      if (controller.signal.aborted) break;
      const ok = options.expectStatus !== undefined ? reply.status === options.expectStatus : reply.status >= 200 && reply.status < 300;
      recorder.record(at, ok, `${describeTarget(options.target)} → ${reply.status || reply.error}`);
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
