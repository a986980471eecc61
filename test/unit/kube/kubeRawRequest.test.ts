import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { kubeRawRequest } from "../../../harness/kube/kubeRawRequest.js";

describe("kubeRawRequest", () => {
  it("delivers a DELETE's body (DeleteOptions with a uid precondition) to the server intact", async () => {
    const received: Array<{ method?: string; body: string }> = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ ...(request.method ? { method: request.method } : {}), body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [{ name: "local", server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
        users: [{ name: "local" }],
        contexts: [{ name: "local", cluster: "local", user: "local" }],
        currentContext: "local",
      });
      const body = JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid: "1234" } });
      const response = await kubeRawRequest(config, "/apis/networking.k8s.io/v1/namespaces/a/ingresses/b", { method: "DELETE", body, headers: { "Content-Type": "application/json" }, timeoutMs: 5_000 });
      assert.equal(response.status, 200);
      assert.deepEqual(received, [{ method: "DELETE", body }]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
