// A plain HTTP request to the API server with the kubeconfig's credentials, returning raw JSON text.
// Used where the typed clients get in the way: lists whose objects must look exactly like watch
// events (the typed list turns timestamps into Dates, watch events do not), and the service proxy
// (/api/v1/namespaces/NS/services/NAME:PORT/proxy/...), which reaches a Service without port mappings.

import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { DeadlineExceededError } from "./deadline.js";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequestOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Bodies larger than this are cut (responses are for assertions, not downloads). */
  maxBodyBytes?: number;
}

/** `pathAndQuery` starts with "/", e.g. "/api/v1/namespaces/x/pods?labelSelector=app%3Dweb". */
export async function kubeRawRequest(config: KubeConfig, pathAndQuery: string, options: RawRequestOptions): Promise<RawResponse> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster: set current-context or pass a context name");
  const url = new URL(cluster.server.replace(/\/$/, "") + pathAndQuery);
  const requestOptions: https.RequestOptions = {
    method: options.method ?? "GET",
    // A body is framed by its length: Node sends DELETE without chunked encoding, so without this a
    // DELETE's DeleteOptions (uid precondition, grace period) went out unframed and the API server
    // read an empty body, then the options as a malformed second request.
    headers: { Accept: "application/json", ...(options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {}), ...options.headers },
  };
  await config.applyToHTTPSOptions(requestOptions);
  const transport = url.protocol === "http:" ? http : https;
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const what = `${requestOptions.method} ${url.pathname}`;

  return new Promise<RawResponse>((resolve, reject) => {
    const request = transport.request(url, { ...requestOptions, signal: options.signal }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const timer = setTimeout(() => request.destroy(new DeadlineExceededError(what, options.timeoutMs)), options.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/**
 * Like kubeRawRequest, but for API calls that must succeed: a non-2xx answer becomes an error
 * carrying `code` and the API's Status `body` (see toKubeApiError), a 2xx answer is parsed JSON.
 */
export async function kubeJsonRequest(config: KubeConfig, pathAndQuery: string, options: RawRequestOptions): Promise<unknown> {
  const response = await kubeRawRequest(config, pathAndQuery, options);
  if (response.status < 200 || response.status > 299) {
    throw Object.assign(new Error(`HTTP ${response.status}`), { code: response.status, body: response.body });
  }
  return response.body ? (JSON.parse(response.body) as unknown) : undefined;
}
