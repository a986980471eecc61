// `gameday clean`: runs the reaper and reports what it removed, skipped and could not remove.
import { dockerRuntime } from "../../cluster/dockerRuntime.js";
import { KindCli } from "../../cluster/kindCli.js";
import { reap } from "../../cluster/reaper.js";
import { StateStore } from "../../cluster/stateStore.js";
import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";

const CLEAN_TIMEOUT_MS = 10 * 60_000;

export async function cleanCommand(
  io: CliIO,
  options: { force: boolean; includeUnrecorded: boolean; dryRun: boolean },
  progress: (line: string) => void,
): Promise<ExitCodeValue> {
  const report = await reap({ store: new StateStore(), kind: new KindCli(), runtime: await dockerRuntime() }, { ...options, timeoutMs: CLEAN_TIMEOUT_MS, onProgress: progress });
  for (const item of report.wouldRemove) io.out(`would remove ${item}`);
  for (const name of report.removedClusters) io.out(`removed cluster ${name}`);
  for (const item of report.sweptObjects) io.out(`removed ${item}`);
  for (const name of report.removedNetworks) io.out(`removed network ${name}`);
  for (const { name, reason } of report.skipped) io.out(`kept ${name}: ${reason}`);
  for (const { name, error } of report.failures) io.err(`could not remove ${name}: ${error}`);
  const touched = report.wouldRemove.length + report.removedClusters.length + report.removedNetworks.length + report.skipped.length + report.failures.length;
  if (touched === 0) io.out("nothing to clean");
  return report.failures.length > 0 ? ExitCode.Infrastructure : ExitCode.Ok;
}
