// `networkdStaticConfig:` — hands a node's interface to systemd-networkd the way a real node has it:
// a .network file with the address and gateway it has right now (networkdNetworkFile.ts), and the
// link marked as initialized in udev's database. Both files are backed up like nodeFile's.
//
// Why the udev mark: a kind node runs no udevd. Where /sys is writable when networkd starts (as on
// a real node), networkd waits for udev to initialize each link and would leave eth0 "pending"
// forever; the mark (the link's entry in /run/udev/data, all "initialized" means to networkd)
// ends that wait. It also keeps the real node's order: networkd configures the link only after it
// has read the routes and rules already present — which it then removes as foreign. (With /sys
// read-only, as kind keeps it, networkd skips udev and configures the link before reading them,
// removing nothing; the scenario's fault makes /sys writable for the start.)

import { parseAddresses, parseRoutes } from "../detectors/routingSnapshot.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { networkFileFor } from "./networkdNetworkFile.js";
import { writeWithBackupScript } from "./nodeBackup.js";

export interface NetworkdStaticConfigParams {
  node: string;
  /** Default eth0 (a kind node's uplink). */
  interface?: string;
  /** Default /etc/systemd/network/10-<interface>.network. */
  path?: string;
  /** KeepConfiguration= in the file; networkd's default when absent. */
  keepConfiguration?: string;
}

const ACTION = "write a systemd-networkd .network file on a node";

export const networkdStaticConfigStep: StepKind<NetworkdStaticConfigParams> = {
  kind: "networkdStaticConfig",
  summary: "Give a node interface to systemd-networkd: a .network file with its current address and gateway, the link marked udev-initialized (backed up; undo with nodeRestore).",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node"],
    properties: {
      node: { type: "string" },
      interface: { type: "string" },
      path: { type: "string", pattern: "^/" },
      keepConfiguration: { enum: ["no", "static", "dynamic-on-stop", "dynamic", "yes"] },
    },
  },
  describe: (params) => `pin ${params.interface ?? "eth0"} of ${params.node} in a systemd-networkd .network file`,
  async run(params, context) {
    const iface = params.interface ?? "eth0";
    const path = params.path ?? `/etc/systemd/network/10-${iface}.network`;
    const nodes = await nodesToChange(context, params.node, ACTION);
    const files = await Promise.all(
      nodes.map(async (node) => {
        const read = (script: string) => runOnNode(node, script, `reading ${iface}`, context.timeoutMs);
        const [addresses, routes4, routes6, ifindex] = await Promise.all([
          read(`ip -j addr show dev ${iface}`),
          // Unfiltered: iproute2 leaves out the fields a filter names (dev, table), and the builder matches on them.
          read("ip -4 -d -j route show table main"),
          read("ip -6 -d -j route show table main 2>/dev/null || true"),
          read(`cat /sys/class/net/${iface}/ifindex`),
        ]);
        const content = networkFileFor(iface, parseAddresses(addresses), [...parseRoutes(routes4, "inet"), ...parseRoutes(routes6, "inet6")], {
          ...(params.keepConfiguration ? { keepConfiguration: params.keepConfiguration } : {}),
        });
        await runOnNode(node, writeWithBackupScript(context.runId, path, "0644"), `writing ${path}`, context.timeoutMs, content);
        const index = ifindex.trim();
        if (!/^\d+$/.test(index)) throw new Error(`${iface} on ${node.name} has no ifindex ("${index}"): is the interface name right?`);
        await runOnNode(node, writeWithBackupScript(context.runId, `/run/udev/data/n${index}`, "0644"), "marking the link udev-initialized", context.timeoutMs, "I:1\n");
        return { node: node.name, content };
      }),
    );
    const settings = (content: string) => content.split("\n").filter((line) => /^(Address|Gateway|KeepConfiguration)=/.test(line)).join(", ");
    return { detail: files.map((file) => `${file.node}:${path}: ${settings(file.content)}; link marked udev-initialized`).join("; "), output: Object.fromEntries(files.map((f) => [f.node, f.content])) };
  },
};
