// `nodeRestore:` — cleanup's undo for nodeFile, networkdStaticConfig and routingChange: files put
// back (or removed when they were created), then every address, route and rule the first saved
// "before" snapshot had and the node lacks now re-added (routingRestorePlan.ts), then the run's
// backup folder removed. Idempotent: with nothing backed up it does nothing, and re-adding uses
// `ip route replace`. Stop whatever would undo the restore (e.g. systemd-networkd) before it.

import { readRoutingSnapshot, parseSnapshotOutput } from "../detectors/routingSnapshotReader.js";
import type { StepKind } from "../scenario/kindTypes.js";
import { nodesToChange, runOnNode } from "./faultAccess.js";
import { dropBackupScript, listSnapshotsScript, restoreFilesScript, splitSavedSnapshots } from "./nodeBackup.js";
import { planRestore } from "./routingRestorePlan.js";


const ACTION = "restore a node";
export interface NodeRestoreParams {
  node: string;
}

export const nodeRestoreStep: StepKind<NodeRestoreParams> = {
  kind: "nodeRestore",
  summary: "Undo this run's node changes: restore backed-up files, re-add removed addresses/routes/rules, drop the backup.",
  shorthand: "node",
  defaultTimeoutMs: 60_000,
  paramsSchema: { type: "object", additionalProperties: false, required: ["node"], properties: { node: { type: "string" } } },
  describe: (params) => `restore what this run changed on ${params.node}`,
  async run(params, context) {
    const nodes = await nodesToChange(context, params.node, ACTION);
    const reports = await Promise.all(
      nodes.map(async (node) => {
        const done: string[] = [];
        const files = (await runOnNode(node, restoreFilesScript(context.runId), "restoring files", context.timeoutMs)).trim();
        if (files && files !== "nothing to restore") done.push(...files.split("\n"));
        const saved = splitSavedSnapshots(await runOnNode(node, listSnapshotsScript(context.runId), "listing saved snapshots", context.timeoutMs));
        // The earliest snapshot is the state before the run touched routing at all.
        const first = [...saved.keys()].sort()[0];
        if (first !== undefined) {
          const plan = planRestore(parseSnapshotOutput(saved.get(first)!), await readRoutingSnapshot(node, context.timeoutMs));
          const failures: string[] = [];
          for (const argv of plan.commands) {
            const result = await node.exec(argv, { timeoutMs: context.timeoutMs });
            if (result.exitCode === 0) done.push(argv.slice(1).join(" "));
            else failures.push(`${argv.join(" ")}: ${result.stderr.trim()}`);
          }
          done.push(...plan.skipped.map((entry) => `skipped ${entry}`));
          if (failures.length > 0) throw new Error(`on ${node.name} some routing could not be restored (backup kept in place): ${failures.join("; ")}`);
        }
        await runOnNode(node, dropBackupScript(context.runId), "removing the backup", context.timeoutMs);
        return `${node.name}: ${done.length ? done.join("; ") : "nothing to restore"}`;
      }),
    );
    return { detail: reports.join(" | ") };
  },
};
