// `routingChange:` — runs a command on one node (e.g. `systemctl restart systemd-networkd`) and
// records exactly what it did to the node's routing: `ip route`/`ip rule`/`ip addr` before, then
// sampled every 200 ms for an observation window after it, diffed onto the timeline and into the
// step's output. The "before" snapshot is saved on the node first (nodeBackup.ts) so `nodeRestore:`
// can put back whatever the command removed.
//
// Why a window of samples rather than one "after" snapshot: what the command removes may be put
// back by someone else within seconds (kindnet re-adds its routes every 10 s), and a command such
// as a daemon start acts after it returns. An entry counts as removed when any sample lacks it;
// additions and attribute changes are read from the last sample. `settle` (optional) runs first.

import { describeDiff, diffOverWindow, nothingRemoved, summarizeDiff } from "../detectors/routingDiff.js";
import { parseSnapshotOutput, SNAPSHOT_SCRIPT } from "../detectors/routingSnapshotReader.js";
import { parseDuration } from "../scenario/duration.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { saveSnapshotScript, splitSavedSnapshots } from "./nodeBackup.js";

const SAMPLE_EVERY_S = 0.2;

/** Snapshots every 200 ms for the window, each after a "=== <n>" line (the format splitSavedSnapshots reads). */
export function samplingScript(windowMs: number): string {
  const count = Math.max(1, Math.ceil(windowMs / (SAMPLE_EVERY_S * 1000)));
  return `i=0; while [ $i -lt ${count} ]; do i=$((i+1)); echo "=== $i"; ${SNAPSHOT_SCRIPT}; sleep ${SAMPLE_EVERY_S}; done`;
}


const ACTION = "change a node's routing";
export interface RoutingChangeParams {
  node: string;
  command: string;
  settle?: string;
  /** Observation window after the command, e.g. "3s" (default 3s), sampled every 200 ms. */
  observe?: string;
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
      observe: { type: "string", pattern: "^\\s*(\\d+(\\.\\d+)?(ms|s|m))+\\s*$", description: "observation window after the command (default 3s)" },
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
    const observeMs = parseDuration(params.observe ?? "3s");
    const samples = [...splitSavedSnapshots(await runOnNode(node, samplingScript(observeMs), "sampling routes and rules", context.timeoutMs)).values()].map(parseSnapshotOutput);
    const settledAfterMs = context.now() - started;
    const diff = diffOverWindow(before, samples);
    const lines = describeDiff(diff);
    const summary = summarizeDiff(diff);
    context.timeline.record("note", `${context.stepId}.diff`, `${node.name}, ${samples.length} samples over ${Math.round(settledAfterMs)} ms after the command: ${summary}${lines.length ? `\n${lines.join("\n")}` : ""}`);
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
