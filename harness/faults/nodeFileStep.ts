// `nodeFile:` — writes a file on nodes (a config drop-in, a .network file), backing up what was
// there first (see nodeBackup.ts); `nodeRestore:` in cleanup puts it back or removes it.

import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { writeWithBackupScript } from "./nodeBackup.js";


const ACTION = "write a file on a node";
export interface NodeFileParams {
  node: string;
  path: string;
  content: string;
  /** Octal, default 0644. */
  mode?: string;
}

export const nodeFileStep: StepKind<NodeFileParams> = {
  kind: "nodeFile",
  summary: "Write a file on node containers, backing up the original first (undo with nodeRestore).",
  defaultTimeoutMs: 30_000,
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node", "path", "content"],
    properties: {
      node: { type: "string", description: "node name, or all | workers | control-plane | first-worker" },
      path: { type: "string", pattern: "^/" },
      content: { type: "string" },
      mode: { type: "string", pattern: "^[0-7]{3,4}$" },
    },
  },
  describe: (params) => `write ${params.path} on ${params.node}`,
  async run(params, context) {
    const nodes = await nodesToChange(context, params.node, ACTION);
    const script = writeWithBackupScript(context.runId, params.path, params.mode ?? "0644");
    await Promise.all(nodes.map((node) => runOnNode(node, script, `writing ${params.path}`, context.timeoutMs, params.content)));
    return { detail: `wrote ${params.path} (${params.content.split("\n").filter((l) => l.trim() && !l.startsWith("#")).join("; ")}) on ${nodes.map((n) => n.name).join(", ")}` };
  },
};
