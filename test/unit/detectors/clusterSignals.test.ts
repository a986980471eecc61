import assert from "node:assert/strict";

import type { V1Lease, V1Node, V1Pod } from "@kubernetes/client-node";

import { readinessProblems } from "../../../harness/detectors/clusterReadyCheck.js";
import { keyErrorLine, X509_EXPIRED } from "../../../harness/detectors/freshApiClientCheck.js";
import { leaseAges, nodeReadiness } from "../../../harness/detectors/leaseStaleCheck.js";
import { outputMatches, runningPods } from "../../../harness/detectors/podCommandCheck.js";

const node = (name: string, status: string, reason?: string): V1Node => ({ metadata: { name }, status: { conditions: [{ type: "Ready", status, ...(reason ? { reason } : {}) }] } });
const pod = (name: string, phase: string, ready: boolean, deleting = false): V1Pod => ({
  metadata: { name, namespace: "kube-system", ...(deleting ? { deletionTimestamp: new Date() } : {}) },
  status: { phase, conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});

describe("signals of a cluster locked out by an expired CA", () => {
  it("ages leases from their last renewal; a never-renewed lease is infinitely old", () => {
    const now = new Date("2026-11-22T03:27:00Z");
    const lease = (name: string, renew?: string): V1Lease => ({ metadata: { name }, spec: { holderIdentity: name, ...(renew ? { renewTime: new Date(renew) } : {}) } });
    assert.deepEqual(
      leaseAges([lease("cp", "2026-11-22T03:25:37Z"), lease("w")], now).map((a) => [a.name, a.ageMs]),
      [
        ["cp", 83_000],
        ["w", Number.POSITIVE_INFINITY],
      ],
    );
    // What the lab showed: heartbeats stopped, yet nobody marks the node NotReady.
    assert.equal(nodeReadiness(node("cp", "True", "KubeletReady")), "cp Ready=True (KubeletReady)");
  });

  it("shows the x509 line of kubectl's stderr, not its retry noise", () => {
    const stderr = [
      "E1122 03:25:41.1 memcache.go:265] couldn't get current server API group list: Get \"https://c:6443/api\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid",
      "Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-22T03:25:41Z is after 2026-11-22T03:25:38Z",
    ].join("\n");
    assert.match(keyErrorLine(stderr), /x509/);
    assert.ok(stderr.includes(X509_EXPIRED));
    assert.equal(keyErrorLine("error: something else\n"), "error: something else");
  });

  it("calls the cluster ready only with every node Ready and every kube-system pod ready or done", () => {
    assert.deepEqual(readinessProblems([node("cp", "True"), node("w", "True")], [pod("coredns", "Running", true), pod("job", "Succeeded", false)]), []);
    assert.deepEqual(readinessProblems([node("cp", "True"), node("w", "Unknown", "NodeStatusUnknown")], [pod("kube-proxy", "Running", false), pod("old", "Running", true, true)]), [
      "node w Ready=Unknown (NodeStatusUnknown)",
      "pod kube-system/kube-proxy Running, not ready",
      "pod kube-system/old terminating",
    ]);
    assert.deepEqual(readinessProblems([], []), ["no nodes"]);
  });

  it("runs pod commands only in running pods that are not being deleted", () => {
    assert.deepEqual(runningPods([pod("a", "Running", true), pod("b", "Pending", false), pod("c", "Running", true, true)]).map((p) => p.metadata?.name), ["a"]);
  });

  it("matches a command's output without its final newline, as `cat` prints it", () => {
    // ca-expiry's check of a file written before the fault: `cat /data/ledger` prints "run=<id>\n".
    assert.equal(outputMatches(/^run=42$/, "run=42\n"), true);
    assert.equal(outputMatches(/^run=42$/, "run=42\r\n"), true);
    assert.equal(outputMatches(/^run=42$/, "run=42"), true);
    assert.equal(outputMatches(/^run=42$/, "run=42\nrun=43\n"), false, "only the last newline is dropped");
    assert.equal(outputMatches(/^ok/, "ok\n"), true);
  });
});
