// `gameday repair ca --cluster <name>`: the CA rotation runbook (harness/remediations/caRotation.ts)
// for a person at a terminal, on a kind cluster the harness created (it needs the node containers
// and the harness's kubeconfig for the cluster). --dry-run shows each action and whether it is
// still needed, and changes nothing. Running it again after success changes nothing either.

import type { Command } from "commander";

import { dockerRuntime } from "../cluster/dockerRuntime.js";
import { HarnessError } from "../cluster/harnessError.js";
import { KindClusterHandle } from "../cluster/kindClusterHandle.js";
import { StateStore } from "../cluster/stateStore.js";
import { withDeadline } from "../cluster/withDeadline.js";
import { createKubeClients } from "../kube/kubeClients.js";
import { uncheckedActions, type ActionStatus } from "../remediations/caActionAssessment.js";
import { rotateClusterCa } from "../remediations/caRotation.js";
import { describePlan, planCaRotation } from "../remediations/caRotationPlan.js";
import type { CliIO } from "./cliIO.js";
import { ExitCode, type ExitCodeValue } from "./exitCodes.js";
import type { RepairModule } from "./repairRegistry.js";

export interface CaRepairOptions {
  cluster?: string;
  dryRun?: boolean;
  kubeadmConfig?: string;
  showPlan?: boolean;
}

/** A dry run that could not check an action has not answered the question: it ends as an infrastructure error. */
export function repairExitCode(actions: ReadonlyArray<{ id: string; status: ActionStatus }>, io: Pick<CliIO, "err">): ExitCodeValue {
  const unchecked = uncheckedActions(actions);
  if (unchecked.length === 0) return ExitCode.Ok;
  io.err(`could not check ${unchecked.length} action(s) (${unchecked.join(", ")}): the answer above is incomplete — see "could not check" for the error`);
  return ExitCode.Infrastructure;
}

export const caRepair: RepairModule = {
  name: "ca",
  summary: "rotate an expired or expiring cluster CA on every node (kubeadm), then refresh everything that trusted the old one",
  define: (command: Command) =>
    command
      .requiredOption("--cluster <name>", "kind cluster the harness created (see `docker ps --filter label=io.x-k8s.kind.cluster`)")
      .option("--dry-run", "check each action and say whether it would run; change nothing", false)
      .option("--kubeadm-config <path>", "kubeadm configuration on the nodes (default /kind/kubeadm.conf, written by kind)")
      .option("--show-plan", "print the runbook's actions and commands, touch nothing", false),
  run: async ({ options, io }) => {
    const opts = options as CaRepairOptions;
    const record = await new StateStore().read(opts.cluster ?? "");
    if (!record) {
      throw new HarnessError("input", `no harness-created cluster named ${opts.cluster}`, { hint: "pass the name of a cluster `gameday run --keep-cluster` or training mode left running" });
    }
    const cluster = new KindClusterHandle(() => dockerRuntime(), record, false);
    const nodes = await withDeadline(cluster.nodes(), 30_000, `list the nodes of ${cluster.name}`);
    if (opts.showPlan) {
      io.out(describePlan(planCaRotation(nodes, { kubeadmConfig: opts.kubeadmConfig ?? "/kind/kubeadm.conf", stamp: "<time>" })));
      return ExitCode.Ok;
    }
    const kube = createKubeClients(cluster.kubeconfigPath, cluster.contextName, 30_000);
    const report = await rotateClusterCa(
      { nodes, kubeconfigPath: cluster.kubeconfigPath, contextName: cluster.contextName, kube },
      { dryRun: opts.dryRun === true, ...(opts.kubeadmConfig ? { kubeadmConfig: opts.kubeadmConfig } : {}), log: (line) => io.err(line) },
    );
    for (const action of report.actions) io.out(`${action.status.padEnd(15)} ${action.id}: ${action.detail}`);
    if (report.backups.length) io.out(`${opts.dryRun ? "would back up" : "backups"}: ${report.backups.join(", ")}`);
    if (!opts.dryRun && report.newCaNotAfter) io.out(`the cluster CA is now valid until ${report.newCaNotAfter.toISOString()}; kubeconfig: ${cluster.kubeconfigPath}`);
    return repairExitCode(report.actions, io);
  },
};
