// Every external call has a deadline. client-node 1.x request methods take no AbortSignal, so for
// those we race the promise against a timer: the caller gets a typed error on time, and the late
// response (if any) is dropped. Watches and child processes are aborted for real by their owners.

import { getMaxListeners, setMaxListeners } from "node:events";

import { formatDuration } from "../scenario/duration.js";

export class DeadlineExceededError extends Error {
  /** For the CLI's exit codes (harness/cluster/errorCategory.ts). */
  readonly category = "infrastructure" as const;

  constructor(
    /** What was being waited for, e.g. "server-side apply of Deployment web". */
    readonly what: string,
    readonly timeoutMs: number,
    /** What was last seen before giving up, when the caller knows it. */
    readonly lastSeen?: string,
  ) {
    super(`${what}: no result within ${formatDuration(timeoutMs)}${lastSeen ? ` (last seen: ${lastSeen})` : ""}`);
    this.name = "DeadlineExceededError";
  }
}

/** Resolves like `work`, or rejects with DeadlineExceededError after `timeoutMs`, or when `signal` aborts. */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new DeadlineExceededError(what, timeoutMs));
    }, timeoutMs);
    const onAbort = () => {
      cleanup();
      reject(abortReason(signal, what));
    };
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/** The error to reject with when a signal aborts: its reason if it is an Error, else a generic one. */
export function abortReason(signal: AbortSignal | undefined, what: string): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new Error(`${what}: cancelled`);
}

/**
 * One check or step may have many calls in flight on its signal at once (a burst of 24 requests,
 * a watch per kind), each listening for the abort until it settles: that is fan-out, not a leak,
 * and Node's warning at 11 listeners would only alarm report readers.
 */
export const FAN_OUT_LISTENERS = 200;

export function allowFanOut(signal: AbortSignal): AbortSignal {
  setMaxListeners(Math.max(getMaxListeners(signal), FAN_OUT_LISTENERS), signal);
  return signal;
}

/** A child signal and the means to let go of it. */
export interface ScopedSignal {
  signal: AbortSignal;
  /**
   * Done with it: stops the timer and unhooks from the parent without aborting the child. Without
   * this, every finished step or poll would stay subscribed to the run signal until its deadline.
   */
  release(): void;
}

/** A signal that aborts when `parent` aborts or after `timeoutMs`, whichever comes first; call release() when done. */
export function childSignal(parent: AbortSignal | undefined, timeoutMs: number, what: string): ScopedSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(what, timeoutMs)), timeoutMs);
  timer.unref?.();
  const onAbort = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  const release = () => {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onAbort);
  };
  if (parent?.aborted) onAbort();
  else parent?.addEventListener("abort", onAbort, { once: true });
  controller.signal.addEventListener("abort", release, { once: true });
  return { signal: allowFanOut(controller.signal), release };
}

/** Resolves after `ms`, or rejects early when `signal` aborts. For poll intervals, never for "waiting until it's probably ready". */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal, "pause"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal, "pause"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
