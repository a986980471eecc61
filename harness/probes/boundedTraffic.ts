// N requests (never unbounded), a few in flight at a time, tallying status codes and which backend
// answered. Backends tell themselves apart by a response header (e.g. X-Backend) or a marker in the
// body matched by a regular expression's first capture group — how "Schrödinger's URL" is measured.

import { sendHttp, type HttpEnvironment, type HttpReply, type HttpTarget } from "./httpTarget.js";

export interface BackendMarker {
  /** Response header naming the backend, e.g. "x-backend". */
  backendHeader?: string;
  /** Regular expression on the body; its first capture group (or whole match) names the backend. */
  backendPattern?: string;
}

export interface TrafficOptions extends BackendMarker {
  requests: number;
  concurrency: number;
  requestTimeoutMs: number;
}

export interface TrafficTally {
  requests: number;
  /** "200": 7, "503": 3, "error": 0 */
  statuses: Record<string, number>;
  /** Backend name → answers; "unknown" when no marker was found, "none" when nothing answered. */
  backends: Record<string, number>;
  elapsedMs: number;
}

export const MAX_TRAFFIC_REQUESTS = 10_000;

export async function runBoundedTraffic(
  target: HttpTarget,
  environment: HttpEnvironment,
  options: TrafficOptions,
  signal?: AbortSignal,
): Promise<TrafficTally> {
  const total = Math.min(options.requests, MAX_TRAFFIC_REQUESTS);
  const tally: TrafficTally = { requests: 0, statuses: {}, backends: {}, elapsedMs: 0 };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total && !signal?.aborted) {
      next += 1;
      const reply = await sendHttp(target, environment, options.requestTimeoutMs, signal);
      addReply(tally, reply, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, total)) }, worker));
  tally.elapsedMs = Math.round(performance.now() - started);
  return tally;
}

export function addReply(tally: TrafficTally, reply: HttpReply, marker: BackendMarker): void {
  tally.requests += 1;
  const status = reply.status === 0 ? "error" : String(reply.status);
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  const backend = backendOf(reply, marker);
  tally.backends[backend] = (tally.backends[backend] ?? 0) + 1;
}

export function backendOf(reply: HttpReply, marker: BackendMarker): string {
  if (reply.status === 0) return "none";
  if (marker.backendHeader) {
    const value = reply.headers[marker.backendHeader.toLowerCase()];
    if (value) return value;
  }
  if (marker.backendPattern) {
    const match = new RegExp(marker.backendPattern).exec(reply.body);
    if (match) return match[1] ?? match[0];
  }
  return "unknown";
}

/** Share (0..1) of answers from `backend`, or of `status`, over all requests; 0 when none were sent. */
export function shareOf(tally: TrafficTally, filter: { backend?: string; status?: string }): number {
  if (tally.requests === 0) return 0;
  const count = filter.backend !== undefined ? (tally.backends[filter.backend] ?? 0) : (tally.statuses[filter.status ?? ""] ?? 0);
  return count / tally.requests;
}

/** "10 requests in 1.2s; status 200×7 503×3; backend a×7 none×3" */
export function formatTally(tally: TrafficTally): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${key}×${count}`)
      .join(" ");
  return `${tally.requests} requests in ${(tally.elapsedMs / 1000).toFixed(1)}s; status ${list(tally.statuses) || "-"}; backend ${list(tally.backends) || "-"}`;
}
