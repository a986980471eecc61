// How a failed command is told to a person: one clear message and what to do next; the stack
// only with --debug. Errors that know how to present themselves (a scenario file's issues with
// line excerpts) do so through format().
import { isCategorizedError } from "../cluster/errorCategory.js";

export function errorMessage(err: unknown, debug: boolean): string {
  const lines: string[] = [];
  if (hasFormat(err)) lines.push(err.format().trimEnd());
  else if (err instanceof AggregateError && err.errors.length > 0) {
    lines.push(`error: ${err.message}`);
    for (const inner of err.errors) lines.push(`  - ${errorMessage(inner, false).replace(/\n/g, "\n    ")}`);
  } else lines.push(`error: ${err instanceof Error ? err.message : String(err)}`);
  if (isCategorizedError(err) && err.hint) lines.push(`next: ${err.hint}`);
  if (debug && err instanceof Error) {
    lines.push("", err.stack ?? "(no stack)");
    let cause = err.cause;
    while (cause !== undefined) {
      lines.push("caused by:", cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  } else if (!isCategorizedError(err) && !hasFormat(err)) {
    lines.push("(rerun with --debug for details)");
  }
  return lines.join("\n");
}

function hasFormat(err: unknown): err is Error & { format(): string } {
  return err instanceof Error && typeof (err as { format?: unknown }).format === "function";
}
