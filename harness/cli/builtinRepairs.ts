// The repairs the CLI offers: `gameday repair <name>`, one module each from harness/cli (backed by
// harness/remediations). A repair that is announced before it works throws RepairNotImplementedError,
// which fixes the command's shape (arguments, --dry-run) and says plainly that it is not there yet.
import { HarnessError } from "../cluster/harnessError.js";
import { caRepair } from "./caRepair.js";
import { helmReleaseRepair } from "./helmReleaseRepair.js";
import { RepairRegistry } from "./repairRegistry.js";

export class RepairNotImplementedError extends HarnessError {
  constructor(name: string) {
    super("input", `gameday repair ${name} is not implemented yet`, { hint: "see the scenario's README for the manual runbook meanwhile" });
  }
}

export function builtinRepairs(): RepairRegistry {
  return new RepairRegistry().register(helmReleaseRepair).register(caRepair);
}
