import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { removeDuplicateIngressStep } from "../../../harness/remediations/removeDuplicateIngress.js";
import type { StepContext } from "../../../harness/scenario/kindTypes.js";
import { startFakeIngressApi, type FakeIngressApi } from "./fakeIngressApi.js";

// The remediation step against a stand-in API server: what it deletes, what it backs up, and what
// it leaves alone. Only a true collision (same host, path after normalisation and pathType,
// different backends) may lose an Ingress.

const RUN_ID = `unit-remove-duplicate-${process.pid}`;
const traefik = { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "traefik" }, spec: { controller: "traefik.io/ingress-controller" } };

function ingress(namespace: string, name: string, createdAt: string, path: string, pathType: string, service: string): KubernetesObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { namespace, name, uid: `uid-${namespace}-${name}`, creationTimestamp: createdAt as unknown as Date, resourceVersion: "7" },
    spec: {
      ingressClassName: "traefik",
      rules: [{ host: "shop.example.test", http: { paths: [{ path, pathType, backend: { service: { name: service, port: { number: 80 } } } }] } }],
    },
  } as KubernetesObject;
}

async function runStep(api: FakeIngressApi, stepId: string, params: { host?: string; dryRun?: boolean } = {}) {
  const context = {
    kube: api.kube,
    runId: RUN_ID,
    scenario: "duplicate-ingress",
    variant: "unit",
    stepId,
    timeoutMs: 10_000,
    signal: new AbortController().signal,
  } as unknown as StepContext;
  const outcome = await removeDuplicateIngressStep.run(params, context);
  return outcome as { detail: string; output: { removed: string[]; leftAlone?: string[]; backupDir: string } };
}

describe("removeDuplicateIngress step", () => {
  let api: FakeIngressApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  after(() => rmSync(path.join(repoRoot(), "reports", RUN_ID), { recursive: true, force: true }));

  it("deletes the newer Ingress of a true duplicate, after backing it up", async () => {
    api = await startFakeIngressApi(
      [ingress("team-a", "ing-a", "2026-01-01T00:00:00Z", "/", "Prefix", "echo"), ingress("team-b", "ing-b", "2026-01-01T00:05:00Z", "/", "Prefix", "echo")],
      [traefik],
    );
    const outcome = await runStep(api, "duplicate");
    assert.deepEqual(api.deleted, ["team-b/ing-b"]);
    assert.deepEqual(outcome.output.removed, ["team-b/ing-b"]);
    const backups = readdirSync(path.join(repoRoot(), outcome.output.backupDir));
    assert.deepEqual(backups, ["ingress-team-b-ing-b.yaml"]);
    assert.match(readFileSync(path.join(repoRoot(), outcome.output.backupDir, backups[0]!), "utf8"), /name: ing-b/);
  });

  it("never deletes an overlap (Exact /api beside Prefix /api), and says it left it alone", async () => {
    api = await startFakeIngressApi(
      [ingress("team-a", "api-exact", "2026-01-01T00:00:00Z", "/api", "Exact", "api-v1"), ingress("team-b", "api-prefix", "2026-01-01T00:05:00Z", "/api", "Prefix", "api-v2")],
      [traefik],
    );
    const outcome = await runStep(api, "overlap");
    assert.deepEqual(api.deleted, []);
    assert.ok(!api.requests.some((request) => request.startsWith("DELETE")), api.requests.join("\n"));
    assert.deepEqual(outcome.output.removed, []);
    assert.match(outcome.detail, /nothing to do; left alone: overlap, not a collision by the Ingress spec .*team-a\/api-exact Exact .*team-b\/api-prefix Prefix/);
    assert.equal(existsSync(path.join(repoRoot(), outcome.output.backupDir)), false, "nothing deleted, nothing backed up");
  });

  it("never deletes across Prefix and ImplementationSpecific, whose meaning is the controller's", async () => {
    api = await startFakeIngressApi(
      [ingress("team-a", "ing-a", "2026-01-01T00:00:00Z", "/shop", "Prefix", "echo"), ingress("team-b", "ing-b", "2026-01-01T00:05:00Z", "/shop", "ImplementationSpecific", "echo")],
      [traefik],
    );
    await runStep(api, "prefix-vs-implementation-specific");
    assert.deepEqual(api.deleted, []);
  });

  it("reports a same-backend duplicate without deleting it", async () => {
    api = await startFakeIngressApi(
      [ingress("team-a", "ing-a", "2026-01-01T00:00:00Z", "/", "Prefix", "echo"), ingress("team-a", "ing-a-copy", "2026-01-01T00:05:00Z", "/", "Prefix", "echo")],
      [traefik],
    );
    const outcome = await runStep(api, "same-backend");
    assert.deepEqual(api.deleted, []);
    assert.equal(outcome.output.leftAlone?.length, 1);
    assert.match(outcome.detail, /left alone: same-backend duplicate, nothing misrouted: merge .*team-a\/ing-a-copy/);
  });
});
