// `routingChange:` — runs a command on one node (e.g. `systemctl restart systemd-networkd`) and
// records exactly what it did to the node's routing: `ip route`/`ip rule`/`ip addr` before and
// after, diffed, on the timeline and in the step's output. The "before" snapshot is saved on the
// node first (nodeBackup.ts) so `nodeRestore:` can put back whatever the command removed.
//
// `settle` is a command that returns once the change has taken effect (for networkd:
// systemd-networkd-wait-online for the interface), so the "after" snapshot shows the command's
// work and not a half-applied state. The CNI may already be re-adding routes by then; the diff
// still shows them as removed when they were, because it is taken before the CNI's next reconcile.

import { describeDiff, diffRouting, nothingRemoved, summarizeDiff } from "../detectors/routingDiff.js";
import { parseSnapshotOutput, SNAPSHOT_SCRIPT } from "../detectors/routingSnapshotReader.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { saveSnapshotScript } from "./nodeBackup.js";


const ACTION = "change a node's routing";
export interface RoutingChangeParams {
  node: string;
  command: string;
  settle?: string;
  /** Fail the step when the command removed nothing (a replay that changed nothing proves nothing), or when it removed something. */
  expectRemoved?: boolean;
}

export interface RoutingChangeOutput {
  node: string;
  diff: string[];
  summary: string;
  removedSomething: boolean;
}

export const routingChangeStep: StepKind<RoutingChangeParams> = {
  kind: "routingChange",
  summary: "Run a command on one node and record the routes/rules/addresses it changed (snapshots before and after, diffed; before saved for nodeRestore).",
  defaultTimeoutMs: 60_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node", "command"],
    properties: {
      node: { type: "string" },
      command: { type: "string" },
      settle: { type: "string", description: "shell command that returns once the change took effect" },
      expectRemoved: { type: "boolean" },
    },
  },
  describe: (params) => `on ${params.node}: ${params.command} (routing recorded before/after)`,
  async run(params, context) {
    const nodes = await nodesToChange(context, params.node, ACTION);
    if (nodes.length !== 1) throw new Error(`routingChange changes one node, and "${params.node}" selects ${nodes.length}: name one node, e.g. first-worker`);
    const node = nodes[0]!;
    const snapshot = () => runOnNode(node, SNAPSHOT_SCRIPT, "reading routes and rules", context.timeoutMs);
    const beforeText = await snapshot();
    const before = parseSnapshotOutput(beforeText);
    await runOnNode(node, saveSnapshotScript(context.runId, `before-${String(Math.round(context.now())).padStart(10, "0")}-${context.stepId}`), "saving the routing snapshot", context.timeoutMs, beforeText);
    const started = context.now();
    await runOnNode(node, params.command, `\`${params.command}\``, context.timeoutMs);
    if (params.settle) await runOnNode(node, params.settle, `settling (\`${params.settle}\`)`, context.timeoutMs);
    const settledAfterMs = context.now() - started;
    const after = parseSnapshotOutput(await snapshot());
    const diff = diffRouting(before, after);
    const lines = describeDiff(diff);
    const summary = summarizeDiff(diff);
    context.timeline.record("note", `${context.stepId}.diff`, `${node.name} after ${Math.round(settledAfterMs)} ms: ${summary}${lines.length ? `\n${lines.join("\n")}` : ""}`);
    context.log.info(`${node.name}: ${summary}${lines.map((line) => `\n    ${line}`).join("")}`);
    const output: RoutingChangeOutput = { node: node.name, diff: lines, summary, removedSomething: !nothingRemoved(diff) };
    if (params.expectRemoved === true && nothingRemoved(diff)) {
      throw new Error(`\`${params.command}\` removed nothing on ${node.name} (${summary}): the replay did not happen; check the node's config (is the .network file matching the interface? \`networkctl status\` on the node)`);
    }
    if (params.expectRemoved === false && !nothingRemoved(diff)) {
      throw new Error(`\`${params.command}\` removed routing state on ${node.name} although it should not have: ${lines.filter((line) => line.startsWith("-")).join("; ")}`);
    }
    return { detail: `${node.name}: ${summary}${lines.length ? ` — ${lines.join("; ")}` : ""}`, output };
  },
};
