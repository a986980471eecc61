// Progress lines for people watching a run (stderr by default, so stdout stays machine-readable).
// Long steps report that they are still alive; the CLI may pass its own sink (e.g. a spinner).

import { formatDuration } from "./duration.js";

export interface RunLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Writes "[  12.3s] message" lines to a stream, timed on the given monotonic clock. */
export function streamRunLog(stream: NodeJS.WritableStream, now: () => number): RunLog {
  const line = (prefix: string, message: string) =>
    stream.write(`[${formatDuration(now()).padStart(7)}] ${prefix}${message}\n`);
  return {
    info: (message) => line("", message),
    warn: (message) => line("warning: ", message),
  };
}

/** Calls `tick(elapsedMs)` every `everyMs` until the returned stop function is called. */
export function heartbeat(everyMs: number, tick: (elapsedMs: number) => void, now: () => number): () => void {
  const started = now();
  const timer = setInterval(() => tick(now() - started), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
