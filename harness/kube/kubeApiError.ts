// client-node's ApiException message is the whole response including headers; people need the
// status code, the API's reason and message, and what to do. This turns one into the other.

export class KubeApiError extends Error {
  /** For the CLI's exit codes (harness/cluster/errorCategory.ts). */
  readonly category = "infrastructure" as const;

  constructor(
    /** What the harness was doing, e.g. "apply Deployment gd-smoke/web". */
    readonly action: string,
    readonly statusCode: number | undefined,
    /** The API's Status.reason, e.g. "NotFound", "Forbidden", "Invalid". */
    readonly reason: string | undefined,
    readonly apiMessage: string,
  ) {
    super(`${action}: ${statusCode ?? "no response"}${reason ? ` ${reason}` : ""}: ${apiMessage}${hint(statusCode)}`);
    this.name = "KubeApiError";
  }
}

/** Wraps any error thrown by a client-node call into a KubeApiError (DeadlineExceeded and KubeApiError pass through). */
export function toKubeApiError(action: string, error: unknown): Error {
  if (error instanceof KubeApiError) return error;
  if (error instanceof Error && error.name === "DeadlineExceededError") return error;
  const code = statusCodeOf(error);
  const body = bodyOf(error);
  const reason = typeof body?.reason === "string" ? body.reason : undefined;
  const message =
    typeof body?.message === "string" ? body.message : error instanceof Error ? firstLine(error.message) : String(error);
  return new KubeApiError(action, code, reason, message);
}

/** The HTTP status of a client-node error, if it has one (ApiException.code, Watch error.statusCode). */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.code === "number") return record.code;
  if (typeof record.statusCode === "number") return record.statusCode;
  if (error instanceof KubeApiError) return error.statusCode;
  return undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

function bodyOf(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  let body: unknown = (error as { body?: unknown }).body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return { message: firstLine(body as string) };
    }
  }
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

function hint(code: number | undefined): string {
  switch (code) {
    case 401:
      return " (the kubeconfig's credentials were refused: is the cluster's CA or client certificate expired?)";
    case 403:
      return " (RBAC or an admission policy denied it: check the identity in the kubeconfig)";
    case 404:
      return " (the object or its API is missing: is the CRD installed and the namespace right?)";
    case 409:
      return " (conflict: another field manager owns these fields, or the object changed meanwhile)";
    case 422:
      return " (the API rejected the object: fix the manifest fields named above)";
    default:
      return "";
  }
}
