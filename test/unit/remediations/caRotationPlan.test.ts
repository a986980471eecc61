import assert from "node:assert/strict";

import { describePlan, planCaRotation, UnsupportedTopologyError } from "../../../harness/remediations/caRotationPlan.js";

const nodes = [
  { name: "c-worker2", role: "worker" as const },
  { name: "c-control-plane", role: "control-plane" as const },
  { name: "c-worker", role: "worker" as const },
];

describe("CA rotation plan", () => {
  const plan = planCaRotation(nodes, { kubeadmConfig: "/kind/kubeadm.conf", stamp: "20261122T030000Z" });
  const ids = plan.map((a) => a.id);

  it("backs every node up first, then replaces the control plane's PKI before anything trusts it", () => {
    assert.deepEqual(ids.slice(0, 3), ["backup@c-control-plane", "backup@c-worker", "backup@c-worker2"]);
    const at = (id: string) => ids.indexOf(id);
    assert.ok(at("pki@c-control-plane") < at("kubeconfigs@c-control-plane"));
    assert.ok(at("kubeconfigs@c-control-plane") < at("static-pods@c-control-plane"));
    assert.ok(at("static-pods@c-control-plane") < at("kubelet-client@c-control-plane"), "the kubelet's CSR needs a controller-manager with the new CA");
    assert.ok(at("cluster-info") < at("rejoin@c-worker"), "workers join with the CA cluster-info carries");
    assert.ok(at("rejoin@c-worker2") < at("root-ca-published"));
    assert.equal(ids.at(-1), "workloads", "restarts come last, once every namespace has the new kube-root-ca.crt");
  });

  it("keeps sa.key (and sa.pub, which the pattern does not touch) when it deletes the old PKI", () => {
    const pki = plan.find((a) => a.kind === "pki")!;
    assert.match(pki.commands[0]!, /! -name sa\.key/);
    assert.doesNotMatch(pki.commands[0]!, /\.pub/);
    assert.equal(pki.commands[1], "kubeadm init phase certs all --config /kind/kubeadm.conf");
  });

  it("re-joins each worker with kind's own join configuration", () => {
    const rejoin = plan.find((a) => a.id === "rejoin@c-worker")!;
    assert.deepEqual(rejoin.commands, ["kubeadm reset -f", "kubeadm join --config /kind/kubeadm.conf --skip-phases=preflight"]);
  });

  it("refuses more than one control plane, and none, with a way forward", () => {
    assert.throws(
      () => planCaRotation([...nodes, { name: "c-control-plane2", role: "control-plane" }], { kubeadmConfig: "x", stamp: "s" }),
      (error: unknown) => error instanceof UnsupportedTopologyError && /one control plane only/.test(error.message),
    );
    assert.throws(() => planCaRotation([{ name: "w", role: "worker" }], { kubeadmConfig: "x", stamp: "s" }), UnsupportedTopologyError);
  });

  it("prints every action with its commands for the dry run", () => {
    const text = describePlan(plan);
    assert.match(text, /^1\. backup@c-control-plane: /);
    assert.match(text, /\$ kubeadm init phase kubeconfig all --config \/kind\/kubeadm\.conf/);
    assert.match(text, /\/var\/lib\/gameday-ca-backups\/20261122T030000Z-c-worker\.tar\.gz/);
  });
});
