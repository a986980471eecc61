// One HTTP request to what a scenario names: a Service (through the API server's service proxy,
// which needs no port mapping), a host port of the kind cluster (for an ingress controller, with an
// optional Host header), or a plain URL. Failures are replies too (status 0 + error), because for a
// probe "connection refused" is data, not an exception.

import http from "node:http";
import https from "node:https";
import type { ClusterHandle } from "../cluster/clusterHandle.js";
import type { KubeClients } from "../kube/kubeClients.js";
import { kubeRawRequest } from "../kube/kubeRawRequest.js";

export interface HttpTarget {
  /** Service name in the scenario namespace (or "ns/name"). */
  service?: string;
  /** Service port name or number. */
  port?: number | string;
  /** Node port mapped to 127.0.0.1 by the cluster (kind extraPortMappings), e.g. 80 for the ingress. */
  hostPort?: number;
  url?: string;
  path?: string;
  /** Host header, e.g. the ingress host. */
  host?: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface HttpReply {
  /** 0 when no HTTP response arrived. */
  status: number;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
  error?: string;
}

export interface HttpEnvironment {
  kube: KubeClients;
  cluster: ClusterHandle;
  namespace: string;
}

export const HTTP_TARGET_SCHEMA = {
  service: { type: "string", description: "Service name (or namespace/name), reached through the API server's service proxy." },
  port: { type: ["integer", "string"], description: "Service port name or number." },
  hostPort: { type: "integer", description: "A node port mapped to 127.0.0.1 by the cluster (e.g. 80 for the ingress controller)." },
  url: { type: "string" },
  path: { type: "string", description: "Path and query, default /." },
  host: { type: "string", description: "Host header (ingress host)." },
  method: { type: "string" },
  headers: { type: "object", additionalProperties: { type: "string" } },
} as const;

export function describeTarget(target: HttpTarget): string {
  const path = target.path ?? "/";
  if (target.service) return `service ${target.service}${target.port !== undefined ? `:${target.port}` : ""}${path}`;
  if (target.hostPort !== undefined) return `${target.host ?? "127.0.0.1"} via host port ${target.hostPort}${path}`;
  return target.url ?? "(no target)";
}

export async function sendHttp(target: HttpTarget, environment: HttpEnvironment, timeoutMs: number, signal?: AbortSignal): Promise<HttpReply> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    if (target.service) {
      const [namespace, name] = target.service.includes("/") ? target.service.split("/", 2) : [environment.namespace, target.service];
      const service = target.port !== undefined ? `${name}:${target.port}` : String(name);
      const path = `/api/v1/namespaces/${encodeURIComponent(String(namespace))}/services/${encodeURIComponent(service)}/proxy${normalizePath(target.path)}`;
      const options = { timeoutMs, method: target.method ?? "GET", headers: { Accept: "*/*", ...target.headers }, maxBodyBytes: 64 * 1024 };
      const response = await kubeRawRequest(environment.kube.config, path, signal ? { ...options, signal } : options);
      return { status: response.status, headers: flatten(response.headers), body: response.body, elapsedMs: elapsed() };
    }
    const url = target.hostPort !== undefined ? hostPortUrl(target, environment.cluster) : new URL(target.url ?? "");
    return await plainRequest(url, target, timeoutMs, signal, elapsed);
  } catch (error) {
    return { status: 0, headers: {}, body: "", elapsedMs: elapsed(), error: error instanceof Error ? error.message : String(error) };
  }
}

function hostPortUrl(target: HttpTarget, cluster: ClusterHandle): URL {
  const mapped = cluster.hostPort(target.hostPort!);
  if (mapped === undefined) {
    throw new Error(`the cluster maps no host port for node port ${target.hostPort}: add it to cluster.hostPorts in the scenario`);
  }
  return new URL(`http://127.0.0.1:${mapped}${normalizePath(target.path)}`);
}

function plainRequest(url: URL, target: HttpTarget, timeoutMs: number, signal: AbortSignal | undefined, elapsed: () => number): Promise<HttpReply> {
  const transport = url.protocol === "https:" ? https : http;
  const headers: Record<string, string> = { ...target.headers };
  if (target.host) headers.Host = target.host;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: target.method ?? "GET", headers, signal, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 64 * 1024) chunks.push(chunk);
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: flatten(response.headers), body: Buffer.concat(chunks).toString("utf8"), elapsedMs: elapsed() });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no response within ${timeoutMs}ms`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}

function normalizePath(path: string | undefined): string {
  if (!path) return "/";
  return path.startsWith("/") ? path : `/${path}`;
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
