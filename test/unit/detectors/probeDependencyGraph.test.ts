import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parse } from "yaml";
import { analyzeProbeDependencies, cyclePath, describeCycle } from "../../../harness/detectors/probeDependencyGraph.js";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { parseManifestDocuments } from "../../../harness/kube/manifestDocuments.js";
import { interpolate } from "../../../harness/scenario/interpolation.js";

/** The probe-cycle scenario's own manifests, rendered with a variant's settings exactly as the run renders them. */
function scenarioManifests(release: "release-1" | "release-2", variant: string): KubernetesObject[] {
  const dir = path.join(repoRoot(), "scenarios", "probe-cycle");
  const scenario = parse(readFileSync(path.join(dir, "scenario.yaml"), "utf8")) as { settings: Record<string, unknown>; variants: Record<string, { settings?: Record<string, unknown> } | null> };
  const settings = { ...scenario.settings, ...(scenario.variants[variant]?.settings ?? {}) };
  const values = { namespace: "gd-probe-cycle-1", runId: "r1", scenario: "probe-cycle", variant, scenarioDir: dir, settings };
  return ["common.yaml", `${release}.yaml`].flatMap((file) => {
    const full = path.join(dir, "manifests", file);
    return parseManifestDocuments(interpolate(readFileSync(full, "utf8"), values), full);
  });
}

interface Probe {
  httpGet?: { path: string; port?: number | string; host?: string };
  exec?: { command: string[] };
}

function deployment(name: string, options: { readiness?: Probe; liveness?: Probe; startup?: Probe; env?: Array<{ name: string; value?: string; valueFrom?: unknown }>; namespace?: string; mountScripts?: string } = {}): KubernetesObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: "main",
              env: options.env ?? [],
              ...(options.readiness ? { readinessProbe: options.readiness } : {}),
              ...(options.liveness ? { livenessProbe: options.liveness } : {}),
              ...(options.startup ? { startupProbe: options.startup } : {}),
              volumeMounts: options.mountScripts ? [{ name: "scripts", mountPath: "/srv/www/cgi-bin" }] : [],
            },
          ],
          volumes: options.mountScripts ? [{ name: "scripts", configMap: { name: options.mountScripts } }] : [],
        },
      },
    },
  } as KubernetesObject;
}

const service = (name: string, selector: Record<string, string> | null = { app: name }, namespace?: string): KubernetesObject =>
  ({ apiVersion: "v1", kind: "Service", metadata: { name, ...(namespace ? { namespace } : {}) }, spec: selector ? { selector } : {} }) as KubernetesObject;
const execGet = (url: string): Probe => ({ exec: { command: ["wget", "-q", "-T", "2", "-O", "/dev/null", url] } });

describe("probe dependency graph", () => {
  describe("on the probe-cycle scenario's manifests", () => {
    it("readiness-cycle: reports the cycle orders → payments → orders, found through the CGI script and PEER_URL", () => {
      const report = analyzeProbeDependencies(scenarioManifests("release-2", "readiness-cycle"));
      assert.equal(report.cycles.length, 1);
      const [cycle] = report.cycles;
      assert.equal(cyclePath(cycle!), "orders → payments → orders");
      assert.equal(cycle!.restartStorm, false);
      assert.deepEqual(cycle!.edges.map((e) => [e.from, e.probe, e.service, e.via]), [
        ["orders", "readiness", "payments", "$PEER_URL=http://payments:8080"],
        ["payments", "readiness", "orders", "$PEER_URL=http://orders:8080"],
      ]);
      assert.match(describeCycle(cycle!), /orders readinessProbe GET :http\/cgi-bin\/readyz needs Service payments/);
      assert.deepEqual(report.opaque, []);
    });

    it("liveness-cycle: the same cycle, flagged as a restart storm", () => {
      const report = analyzeProbeDependencies(scenarioManifests("release-2", "liveness-cycle"));
      assert.deepEqual(report.cycles.map((c) => [cyclePath(c), c.restartStorm]), [["orders → payments → orders", true]]);
      assert.match(describeCycle(report.cycles[0]!), /restart storm/);
    });

    it("good-practice and release 1: no cycle and no probe dependency at all, though PEER_URL and the deep /check script are there", () => {
      for (const objects of [scenarioManifests("release-2", "good-practice"), scenarioManifests("release-1", "readiness-cycle")]) {
        const report = analyzeProbeDependencies(objects);
        assert.deepEqual(report.workloads, ["orders", "payments"]);
        assert.deepEqual(report.cycles, []);
        assert.deepEqual(report.edges, []);
        assert.deepEqual(report.opaque, []);
      }
    });
  });

  it("finds exec probes with literal URLs, namespace-qualified hosts and three-node cycles, spelled from the first name", () => {
    const report = analyzeProbeDependencies([
      deployment("c", { readiness: execGet("http://a.shop.svc.cluster.local:80/") }),
      deployment("a", { readiness: execGet("http://b/healthz") }),
      deployment("b", { readiness: execGet("http://c.shop:8080/") }),
      service("a", { app: "a" }, "shop"),
      service("b"),
      service("c"),
    ]);
    assert.deepEqual(report.cycles.map(cyclePath), ["a → b → c → a"]);
  });

  it("a readiness probe that calls its own Service is a cycle of one", () => {
    const report = analyzeProbeDependencies([deployment("solo", { readiness: execGet("http://solo:8080/") }), service("solo")]);
    assert.deepEqual(report.cycles.map(cyclePath), ["solo → solo"]);
  });

  it("startup probes gate readiness too; a cycle of liveness probes alone is no deadlock", () => {
    const startup = analyzeProbeDependencies([
      deployment("a", { startup: execGet("http://b/") }),
      deployment("b", { readiness: execGet("http://a/") }),
      service("a"),
      service("b"),
    ]);
    assert.deepEqual(startup.cycles.map(cyclePath), ["a → b → a"]);
    const liveness = analyzeProbeDependencies([deployment("a", { liveness: execGet("http://b/") }), deployment("b", { liveness: execGet("http://a/") }), service("a"), service("b")]);
    assert.equal(liveness.edges.length, 2, "the dependencies are seen");
    assert.deepEqual(liveness.cycles, [], "but pods still become ready, so the Services get endpoints");
  });

  it("a chain without a way back is not a cycle", () => {
    const report = analyzeProbeDependencies([deployment("a", { readiness: execGet("http://b/") }), deployment("b", { readiness: execGet("http://c/") }), deployment("c"), service("b"), service("c")]);
    assert.equal(report.edges.length, 2);
    assert.deepEqual(report.cycles, []);
  });

  it("ignores external hosts, Services without selectors and other namespaces", () => {
    const report = analyzeProbeDependencies([
      deployment("a", { readiness: execGet("http://example.com/"), namespace: "one" }),
      deployment("b", { readiness: execGet("http://manual/"), namespace: "one" }),
      deployment("c", { readiness: execGet("http://a.two/"), namespace: "one" }),
      service("manual", null, "one"),
      service("a", { app: "a" }, "one"),
    ]);
    assert.deepEqual(report.edges, []);
  });

  it("says what it could not read instead of guessing: env from a Secret, a path no ConfigMap serves", () => {
    const report = analyzeProbeDependencies([
      deployment("a", { readiness: { exec: { command: ["sh", "-c", "wget -O- $PEER"] } }, env: [{ name: "PEER", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] }),
      deployment("b", { readiness: { httpGet: { path: "/healthz", port: 8080 } } }),
      service("a"),
      service("b"),
    ]);
    assert.deepEqual(report.cycles, []);
    assert.equal(report.opaque.length, 2);
    assert.match(report.opaque[0]!, /a\/main readiness: \$PEER is not a literal env value/);
    assert.match(report.opaque[1]!, /b\/main readiness: GET :8080\/healthz is served by code the manifests do not contain/);
  });

  it("follows httpGet paths into a mounted ConfigMap (any document root), and ${VAR} spelling; an httpGet host is a dependency", () => {
    const scripts = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "s" }, data: { ready: "#!/bin/sh\nwget -q -O- \"${UPSTREAM}/ping\"\n" } } as KubernetesObject;
    const report = analyzeProbeDependencies([
      deployment("a", { readiness: { httpGet: { path: "/cgi-bin/ready", port: 80 } }, env: [{ name: "UPSTREAM", value: "http://b:80" }], mountScripts: "s" }),
      deployment("b", { readiness: { httpGet: { path: "/", port: 80, host: "a" } } }),
      scripts,
      service("a"),
      service("b"),
    ]);
    assert.deepEqual(report.cycles.map(cyclePath), ["a → b → a"]);
    assert.deepEqual(report.edges.map((e) => e.via), ["$UPSTREAM=http://b:80", "http://a"]);
  });
});
