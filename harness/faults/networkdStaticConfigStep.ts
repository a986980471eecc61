// `networkdStaticConfig:` — gives a node's interface a systemd-networkd .network file with the
// address and gateway it has right now (networkdNetworkFile.ts), backed up like nodeFile. This is
// the precondition of the incident: a node whose uplink is "managed" by networkd.

import { parseAddresses, parseRoutes } from "../detectors/routingSnapshot.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { networkFileFor } from "./networkdNetworkFile.js";
import { writeWithBackupScript } from "./nodeBackup.js";


const ACTION = "write a systemd-networkd .network file on a node";
export interface NetworkdStaticConfigParams {
  node: string;
  /** Default eth0 (a kind node's uplink). */
  interface?: string;
  /** Default /etc/systemd/network/10-<interface>.network. */
  path?: string;
}

export const networkdStaticConfigStep: StepKind<NetworkdStaticConfigParams> = {
  kind: "networkdStaticConfig",
  summary: "Write a systemd-networkd .network file pinning a node interface's current address and gateway (backed up; undo with nodeRestore).",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node"],
    properties: { node: { type: "string" }, interface: { type: "string" }, path: { type: "string", pattern: "^/" } },
  },
  describe: (params) => `pin ${params.interface ?? "eth0"} of ${params.node} in a systemd-networkd .network file`,
  async run(params, context) {
    const iface = params.interface ?? "eth0";
    const path = params.path ?? `/etc/systemd/network/10-${iface}.network`;
    const nodes = await nodesToChange(context, params.node, ACTION);
    const files = await Promise.all(
      nodes.map(async (node) => {
        const read = (argv: string) => runOnNode(node, argv, `reading ${iface}`, context.timeoutMs);
        const [addresses, routes4, routes6] = await Promise.all([
          read(`ip -j addr show dev ${iface}`),
          // Unfiltered: iproute2 leaves out the fields a filter names (dev, table), and the builder matches on them.
          read("ip -4 -d -j route show table main"),
          read("ip -6 -d -j route show table main 2>/dev/null || true"),
        ]);
        const content = networkFileFor(iface, parseAddresses(addresses), [...parseRoutes(routes4, "inet"), ...parseRoutes(routes6, "inet6")]);
        await runOnNode(node, writeWithBackupScript(context.runId, path, "0644"), `writing ${path}`, context.timeoutMs, content);
        return { node: node.name, content };
      }),
    );
    const settings = (content: string) => content.split("\n").filter((line) => /^(Address|Gateway)=/.test(line)).join(", ");
    return { detail: files.map((file) => `${file.node}:${path}: ${settings(file.content)}`).join("; "), output: Object.fromEntries(files.map((f) => [f.node, f.content])) };
  },
};
