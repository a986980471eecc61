// A stand-in for the API server, just big enough for the removeDuplicateIngress step: it lists
// Ingresses and IngressClasses, serves and deletes single Ingresses (honouring the uid
// precondition), and answers the step's "is it gone" list. Every request is recorded, so a test
// can assert what the step did — and, above all, what it did not delete.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClients } from "../../../harness/kube/kubeClients.js";

export interface FakeIngressApi {
  kube: KubeClients;
  /** "METHOD path" of every request, in order. */
  requests: string[];
  /** "namespace/name" of every Ingress deleted. */
  deleted: string[];
  close(): Promise<void>;
}

const INGRESS_PATH = /^\/apis\/networking\.k8s\.io\/v1\/namespaces\/([^/]+)\/ingresses\/([^/?]+)$/;
const INGRESS_LIST_IN_NAMESPACE = /^\/apis\/networking\.k8s\.io\/v1\/namespaces\/([^/]+)\/ingresses$/;

export async function startFakeIngressApi(ingresses: KubernetesObject[], ingressClasses: KubernetesObject[]): Promise<FakeIngressApi> {
  const live = new Map(ingresses.map((object) => [`${object.metadata?.namespace}/${object.metadata?.name}`, object]));
  const requests: string[] = [];
  const deleted: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    requests.push(`${request.method} ${url.pathname}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const list = (items: KubernetesObject[]) => send(200, { metadata: { resourceVersion: "1" }, items });
    const body: Buffer[] = [];
    request.on("data", (chunk: Buffer) => body.push(chunk));
    request.on("end", () => {
      if (url.pathname === "/apis/networking.k8s.io/v1/ingresses") return list([...live.values()]);
      if (url.pathname === "/apis/networking.k8s.io/v1/ingressclasses") return list(ingressClasses);
      const inNamespace = INGRESS_LIST_IN_NAMESPACE.exec(url.pathname);
      if (inNamespace) {
        const name = /^metadata\.name=(.+)$/.exec(url.searchParams.get("fieldSelector") ?? "")?.[1];
        return list([...live.values()].filter((o) => o.metadata?.namespace === inNamespace[1] && (name === undefined || o.metadata?.name === name)));
      }
      const one = INGRESS_PATH.exec(url.pathname);
      if (one) {
        const key = `${decodeURIComponent(one[1]!)}/${decodeURIComponent(one[2]!)}`;
        const object = live.get(key);
        if (!object) return send(404, { kind: "Status", code: 404, reason: "NotFound", message: `ingresses "${key}" not found` });
        if (request.method === "GET") return send(200, object);
        if (request.method === "DELETE") {
          const options = JSON.parse(Buffer.concat(body).toString("utf8") || "{}") as { preconditions?: { uid?: string } };
          if (options.preconditions?.uid !== object.metadata?.uid) return send(409, { kind: "Status", code: 409, reason: "Conflict", message: "uid precondition failed" });
          live.delete(key);
          deleted.push(key);
          return send(200, { kind: "Status", status: "Success" });
        }
      }
      send(404, { kind: "Status", code: 404, reason: "NotFound", message: `the fake API does not serve ${request.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: "fake", server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: "fake" }],
    contexts: [{ name: "fake", cluster: "fake", user: "fake" }],
    currentContext: "fake",
  });
  const kube = {
    config,
    requestTimeoutMs: 5_000,
    // Discovery and the streaming watch are the real client's business; the step only needs the
    // collection path and a watch that ends when it is aborted.
    objects: { collectionPath: async (_apiVersion: string, _kind: string, namespace?: string) => `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses` },
    watch: {
      watch: async (_path: string, _query: unknown, _onEvent: unknown, done: (error: unknown) => void) => {
        const controller = new AbortController();
        controller.signal.addEventListener("abort", () => done(undefined), { once: true });
        return controller;
      },
    },
  } as unknown as KubeClients;
  return {
    kube,
    requests,
    deleted,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
