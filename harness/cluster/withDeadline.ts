// Bounds any promise by a deadline. It cannot cancel the work itself, so callers pass an onTimeout
// that stops it when they can (kill a process, abort a request); the caller still gets a typed
// error on time instead of hanging.
import { HarnessError } from "./harnessError.js";

export class DeadlineExceededError extends HarnessError {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super("infrastructure", `${what} did not finish within ${formatMs(timeoutMs)}`, {
      hint: "check that the Docker engine and the cluster are responsive (gameday doctor), or raise the deadline",
    });
  }
}

export async function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        onTimeout?.();
      } finally {
        reject(new DeadlineExceededError(what, timeoutMs));
      }
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    // The losing promise may still reject later; observe it so it is not an unhandled rejection.
    work.catch(() => undefined);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${ms}ms`;
}
