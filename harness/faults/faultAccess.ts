// The gate every node-changing step passes first (the shared fault guard, then a deadline-bound
// node lookup), and the one way those steps run a script on a node: a non-zero exit is an error
// that carries the script's own output.

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { assertFaultsAllowed } from "../cluster/faultGuard.js";
import { withDeadline } from "../kube/deadline.js";
import type { RunContext } from "../scenario/kindTypes.js";
import { selectNodes } from "./nodeExecStep.js";

export async function nodesToChange(context: RunContext, selector: string, action: string): Promise<NodeHandle[]> {
  assertFaultsAllowed(context.cluster, action);
  return selectNodes(await withDeadline(context.cluster.nodes(), 30_000, "list cluster nodes", context.signal), selector);
}

/** Runs a shell script on a node and fails with its output when it exits non-zero. */
export async function runOnNode(node: NodeHandle, script: string, what: string, timeoutMs: number, stdin?: string): Promise<string> {
  const result = await node.exec(["sh", "-c", script], { timeoutMs, ...(stdin !== undefined ? { stdin } : {}) });
  if (result.exitCode !== 0) {
    const output = (result.stderr || result.stdout).trim();
    throw new Error(`${what} on node ${node.name} exited ${result.exitCode}: ${output.length > 400 ? `…${output.slice(-400)}` : output}`);
  }
  return result.stdout;
}
