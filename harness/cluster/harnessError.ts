// Base class for the harness's typed errors: a message that states what happened, a category the
// CLI maps to an exit code, and a hint that says what to do next.
import type { CategorizedError, ErrorCategory } from "./errorCategory.js";

export class HarnessError extends Error implements CategorizedError {
  readonly category: ErrorCategory;
  readonly hint?: string;

  constructor(category: ErrorCategory, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.category = category;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}
