// Progress lines on stderr, each stamped with the time since the command started (monotonic), so
// a long `kind create` shows it is alive and CI logs show where the time went.
import type { CliIO } from "./cliIO.js";

export function progressLog(io: CliIO, startedAt: number = performance.now()): (line: string) => void {
  return (line) => {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
    io.err(`[${seconds}s] ${line}`);
  };
}
