// Every typed error of the harness says which kind of failure it is, so the CLI can turn it into
// an exit code CI can trust without knowing every error class (duck-typed: any module may opt in).

/**
 * - "input": the user asked for something that cannot work (bad flag, unknown scenario, invalid file).
 * - "infrastructure": the environment failed (Docker, kind, tools, cluster API, deadlines).
 * - "safety": the harness refused to act because it could hurt a cluster it does not own.
 */
export type ErrorCategory = "input" | "infrastructure" | "safety";

export interface CategorizedError extends Error {
  readonly category: ErrorCategory;
  /** What the user should do next, one sentence; printed after the message. */
  readonly hint?: string;
}

export function isCategorizedError(err: unknown): err is CategorizedError {
  if (!(err instanceof Error) || !("category" in err)) return false;
  const category = (err as { category: unknown }).category;
  return category === "input" || category === "infrastructure" || category === "safety";
}
