import assert from "node:assert/strict";

import type { ClusterRequirements } from "../../../harness/cluster/clusterHandle.js";
import { buildKindConfig, InvalidRequirementsError } from "../../../harness/cluster/kindConfig.js";

function build(requirements: ClusterRequirements) {
  return buildKindConfig({ name: "gameday-test-0001", image: "kindest/node:v1.34.4", requirements, hostPorts: new Map() });
}

describe("kind config: extraMounts limited to node roles", () => {
  it("mounts a control-plane-only directory (a CA with its key) on control planes and never on workers", () => {
    const config = build({
      controlPlanes: 1,
      workers: 2,
      extraMounts: [
        { hostPath: "/tmp/ca", containerPath: "/etc/kubernetes/pki", roles: ["control-plane"] },
        { hostPath: "/tmp/all", containerPath: "/opt/all" },
      ],
    });
    const byRole = config.nodes.map((node) => [node.role, (node.extraMounts ?? []).map((m) => m.containerPath)]);
    assert.deepEqual(byRole, [
      ["control-plane", ["/etc/kubernetes/pki", "/opt/all"]],
      ["worker", ["/opt/all"]],
      ["worker", ["/opt/all"]],
    ]);
    // The role filter is the harness's business: kind must not see an unknown field.
    for (const node of config.nodes) for (const mount of node.extraMounts ?? []) assert.equal("roles" in mount, false);
  });

  it("gives a node no extraMounts key when no mount applies to its role", () => {
    const config = build({ controlPlanes: 1, workers: 1, extraMounts: [{ hostPath: "/tmp/w", containerPath: "/w", roles: ["worker"] }] });
    assert.equal(config.nodes[0]?.extraMounts, undefined);
    assert.deepEqual(config.nodes[1]?.extraMounts, [{ hostPath: "/tmp/w", containerPath: "/w" }]);
  });

  it("refuses a role that is not a node role", () => {
    const bad = { controlPlanes: 1, workers: 0, extraMounts: [{ hostPath: "/a", containerPath: "/b", roles: ["etcd"] }] } as unknown as ClusterRequirements;
    assert.throws(() => build(bad), (error: unknown) => error instanceof InvalidRequirementsError && /role "etcd"/.test(error.message));
  });
});
