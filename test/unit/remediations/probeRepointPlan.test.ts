import assert from "node:assert/strict";
import type { KubernetesObject } from "@kubernetes/client-node";
import { planProbeRepoint } from "../../../harness/remediations/probeRepointPlan.js";

const deployment = (containers: Array<Record<string, unknown>>): KubernetesObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "orders" }, spec: { template: { spec: { containers } } } }) as KubernetesObject;
const http = (path?: string) => ({ httpGet: { port: 8080, ...(path ? { path } : {}) } });

describe("probe repoint plan", () => {
  it("moves readiness and liveness to the self-only paths with test-guarded JSON patch operations", () => {
    const plan = planProbeRepoint(deployment([{ name: "sidecar" }, { name: "httpd", readinessProbe: http("/cgi-bin/readyz"), livenessProbe: http("/cgi-bin/readyz") }]), {
      readinessPath: "/cgi-bin/readyz-local",
      livenessPath: "/cgi-bin/livez",
    });
    assert.deepEqual(plan.changes, ["httpd readiness /cgi-bin/readyz → /cgi-bin/readyz-local", "httpd liveness /cgi-bin/readyz → /cgi-bin/livez"]);
    assert.deepEqual(plan.operations.slice(0, 3), [
      { op: "test", path: "/spec/template/spec/containers/1/name", value: "httpd" },
      { op: "test", path: "/spec/template/spec/containers/1/readinessProbe/httpGet/path", value: "/cgi-bin/readyz" },
      { op: "replace", path: "/spec/template/spec/containers/1/readinessProbe/httpGet/path", value: "/cgi-bin/readyz-local" },
    ]);
  });

  it("is a no-op once the probes point there (idempotent), and leaves liveness alone when not asked", () => {
    const fixed = deployment([{ name: "httpd", readinessProbe: http("/cgi-bin/readyz-local"), livenessProbe: http("/cgi-bin/readyz") }]);
    assert.deepEqual(planProbeRepoint(fixed, { readinessPath: "/cgi-bin/readyz-local" }).operations, []);
    assert.equal(planProbeRepoint(fixed, { readinessPath: "/cgi-bin/readyz-local", livenessPath: "/cgi-bin/livez" }).changes.length, 1);
  });

  it("adds a path where the probe had none, reports non-HTTP probes it cannot move, and honours a container filter", () => {
    const plan = planProbeRepoint(deployment([{ name: "a", readinessProbe: http() }, { name: "b", readinessProbe: { exec: { command: ["true"] } } }]), { readinessPath: "/ready" });
    assert.deepEqual(plan.operations.map((o) => o.op), ["test", "add"]);
    assert.deepEqual(plan.skipped, ["b readinessProbe is not an httpGet probe"]);
    assert.deepEqual(planProbeRepoint(deployment([{ name: "a", readinessProbe: http("/x") }]), { readinessPath: "/ready", container: "other" }).operations, []);
  });
});
