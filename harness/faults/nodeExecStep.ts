// `nodeExec:` — runs a command inside kind node containers (not in a pod): restart
// systemd-networkd, delete ip rules, read /etc/kubernetes/pki. Nodes are chosen by name or role.

import { assertFaultsAllowed } from "../cluster/faultGuard.js";
import type { NodeHandle } from "../cluster/clusterHandle.js";
import { withDeadline } from "../kube/deadline.js";
import type { StepKind } from "../scenario/kindTypes.js";

export interface NodeExecParams {
  /** A node name, or "all", "workers", "control-plane", or "first-worker". */
  node: string;
  /** argv, or one string run with `sh -c`. */
  command: string | string[];
  stdin?: string;
  /** Exit codes that count as success (default [0]). */
  okExitCodes?: number[];
}

export const nodeExecStep: StepKind<NodeExecParams> = {
  kind: "nodeExec",
  summary: "Run a command inside cluster node containers (by name or role).",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node", "command"],
    properties: {
      node: { type: "string", description: "node name, or all | workers | control-plane | first-worker" },
      command: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] },
      stdin: { type: "string" },
      okExitCodes: { type: "array", items: { type: "integer" } },
    },
  },
  describe: (params) => `on ${params.node}: ${Array.isArray(params.command) ? params.command.join(" ") : params.command}`,
  async run(params, context) {
    assertFaultsAllowed(context.cluster, `run a command on node ${params.node}`);
    const nodes = selectNodes(await withDeadline(context.cluster.nodes(), Math.min(context.timeoutMs, 30_000), "list cluster nodes", context.signal), params.node);
    const argv = Array.isArray(params.command) ? params.command : ["sh", "-c", params.command];
    const ok = params.okExitCodes ?? [0];
    const results = await Promise.all(
      nodes.map(async (node) => {
        const result = await node.exec(argv, { timeoutMs: context.timeoutMs, ...(params.stdin !== undefined ? { stdin: params.stdin } : {}) });
        if (!ok.includes(result.exitCode)) {
          throw new Error(`on node ${node.name}, \`${argv.join(" ")}\` exited ${result.exitCode}: ${tail(result.stderr || result.stdout)}`);
        }
        return { node: node.name, stdout: result.stdout };
      }),
    );
    return { detail: `ran on ${results.map((r) => r.node).join(", ")}`, output: Object.fromEntries(results.map((r) => [r.node, r.stdout])) };
  },
};

export function selectNodes(nodes: NodeHandle[], selector: string): NodeHandle[] {
  if (nodes.length === 0) throw new Error("this cluster gives no node access (existing clusters cannot exec on nodes): use a kind cluster");
  const workers = nodes.filter((node) => node.role === "worker").sort((a, b) => a.name.localeCompare(b.name));
  let chosen: NodeHandle[];
  switch (selector) {
    case "all":
      chosen = nodes;
      break;
    case "workers":
      chosen = workers;
      break;
    case "first-worker":
      chosen = workers.slice(0, 1);
      break;
    case "control-plane":
      chosen = nodes.filter((node) => node.role === "control-plane");
      break;
    default:
      chosen = nodes.filter((node) => node.name === selector);
  }
  if (chosen.length === 0) {
    throw new Error(`no node matches "${selector}": nodes are ${nodes.map((n) => `${n.name} (${n.role})`).join(", ")}`);
  }
  return chosen;
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 300 ? `…${trimmed.slice(-300)}` : trimmed;
}
