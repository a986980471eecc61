import assert from "node:assert/strict";

import { parse } from "yaml";

import type { ClusterRequirements } from "../../../harness/cluster/clusterHandle.js";
import { buildKindConfig, InvalidRequirementsError, renderKindConfig } from "../../../harness/cluster/kindConfig.js";

const IMAGE = "kindest/node:v1.34.4";
const NAME = "gameday-test-0001";

function build(requirements: ClusterRequirements, hostPorts: Array<[number, number]> = [], base?: Record<string, unknown>) {
  return buildKindConfig({ name: NAME, image: IMAGE, requirements, hostPorts: new Map(hostPorts), ...(base ? { base } : {}) });
}

describe("kind config from cluster requirements", () => {
  it("makes one node per control plane and worker, all on the chosen image", () => {
    const config = build({ controlPlanes: 1, workers: 2 });
    assert.deepEqual(
      config.nodes.map((n) => [n.role, n.image]),
      [
        ["control-plane", IMAGE],
        ["worker", IMAGE],
        ["worker", IMAGE],
      ],
    );
    assert.equal(config.name, NAME);
    assert.equal(config.kind, "Cluster");
    assert.equal(config.apiVersion, "kind.x-k8s.io/v1alpha4");
  });

  it("binds the API server and every port mapping to 127.0.0.1 only", () => {
    const config = build({ controlPlanes: 1, workers: 1, hostPorts: [80, 443] }, [
      [80, 38080],
      [443, 38443],
    ]);
    assert.equal(config.networking.apiServerAddress, "127.0.0.1");
    const [cp, worker] = config.nodes;
    assert.deepEqual(cp?.extraPortMappings, [
      { containerPort: 80, hostPort: 38080, listenAddress: "127.0.0.1", protocol: "TCP" },
      { containerPort: 443, hostPort: 38443, listenAddress: "127.0.0.1", protocol: "TCP" },
    ]);
    assert.deepEqual(cp?.labels, { "ingress-ready": "true" });
    assert.equal(worker?.extraPortMappings, undefined, "ports are mapped once, on the first control plane");
  });

  it("puts port mappings on the first of several control planes only", () => {
    const config = build({ controlPlanes: 3, workers: 0, hostPorts: [80] }, [[80, 40000]]);
    assert.equal(config.nodes.filter((n) => n.extraPortMappings !== undefined).length, 1);
    assert.ok(config.nodes[0]?.extraPortMappings);
  });

  it("refuses a requested node port that got no host port", () => {
    assert.throws(() => build({ controlPlanes: 1, workers: 0, hostPorts: [80] }), InvalidRequirementsError);
  });

  it("mounts extra files on every node and keeps read-only", () => {
    const config = build({
      controlPlanes: 1,
      workers: 1,
      extraMounts: [{ hostPath: "/tmp/ca", containerPath: "/etc/kubernetes/pki", readOnly: true }],
    });
    for (const node of config.nodes) assert.deepEqual(node.extraMounts, [{ hostPath: "/tmp/ca", containerPath: "/etc/kubernetes/pki", readOnly: true }]);
  });

  it("rejects relative mount paths, which kind would resolve against its own directory", () => {
    assert.throws(() => build({ controlPlanes: 1, workers: 0, extraMounts: [{ hostPath: "pki", containerPath: "/pki" }] }), /must be absolute/);
    assert.throws(() => build({ controlPlanes: 1, workers: 0, extraMounts: [{ hostPath: "/pki", containerPath: "pki" }] }), /must be absolute/);
  });

  it("appends the scenario's kubeadm patches after the kit's base patches", () => {
    const config = build({ controlPlanes: 1, workers: 0, kubeadmConfigPatches: ["kind: ClusterConfiguration\ncertificatesDir: /x\n"] }, [], {
      kubeadmConfigPatches: ["kind: ClusterConfiguration\netcd:\n  local:\n    imageTag: 3.5.30\n"],
      containerdConfigPatches: ["[plugins]\n"],
      nodes: [{ role: "worker" }],
      name: "not-this-one",
    });
    assert.deepEqual(config.kubeadmConfigPatches, ["kind: ClusterConfiguration\netcd:\n  local:\n    imageTag: 3.5.30\n", "kind: ClusterConfiguration\ncertificatesDir: /x\n"]);
    assert.deepEqual(config.containerdConfigPatches, ["[plugins]\n"]);
    assert.equal(config.nodes.length, 1, "the base config's nodes are ignored");
    assert.equal(config.name, NAME);
  });

  it("keeps the base networking but forces the loopback API server address", () => {
    const config = build({ controlPlanes: 1, workers: 0 }, [], { networking: { apiServerAddress: "0.0.0.0", podSubnet: "10.9.0.0/16" } });
    assert.deepEqual(config.networking, { apiServerAddress: "127.0.0.1", podSubnet: "10.9.0.0/16" });
  });

  it("rejects impossible topologies and port lists", () => {
    assert.throws(() => build({ controlPlanes: 0, workers: 1 }), /controlPlanes/);
    assert.throws(() => build({ controlPlanes: 1, workers: -1 }), /workers/);
    assert.throws(() => build({ controlPlanes: 1.5, workers: 0 }), /controlPlanes/);
    assert.throws(() => build({ controlPlanes: 1, workers: 0, hostPorts: [80, 80] }, [[80, 1]]), /twice/);
    assert.throws(() => build({ controlPlanes: 1, workers: 0, hostPorts: [70000] }, [[70000, 1]]), /port number/);
  });

  it("refuses cluster names outside the harness's gameday- namespace", () => {
    assert.throws(() => buildKindConfig({ name: "kind", image: IMAGE, requirements: { controlPlanes: 1, workers: 0 }, hostPorts: new Map() }), /gameday-/);
  });

  it("renders YAML that kind reads back as the same config", () => {
    const config = build({ controlPlanes: 1, workers: 1, hostPorts: [443], kubeadmConfigPatches: ["a: 1\n"] }, [[443, 41443]]);
    assert.deepEqual(parse(renderKindConfig(config)), JSON.parse(JSON.stringify(config)));
  });
});
