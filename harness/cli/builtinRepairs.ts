// The repairs the CLI offers. Remediation modules (harness/remediations) replace the placeholders
// below with real modules as they land; until then each placeholder fixes the command's shape
// (arguments, --dry-run) and says plainly that it is not implemented.
import { HarnessError } from "../cluster/harnessError.js";
import { helmReleaseRepair } from "./helmReleaseRepair.js";
import { RepairRegistry, type RepairModule } from "./repairRegistry.js";

export class RepairNotImplementedError extends HarnessError {
  constructor(name: string) {
    super("input", `gameday repair ${name} is not implemented yet`, { hint: "see the scenario's README for the manual runbook meanwhile" });
  }
}

const caPlaceholder: RepairModule = {
  name: "ca",
  summary: "rotate an expiring or expired cluster CA (not implemented yet)",
  define: (command) => command.option("--dry-run", "show what would change, change nothing", false),
  run: async () => {
    throw new RepairNotImplementedError("ca");
  },
};

export function builtinRepairs(): RepairRegistry {
  return new RepairRegistry().register(helmReleaseRepair).register(caPlaceholder);
}
