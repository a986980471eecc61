// The repairs the CLI offers. Remediation modules (harness/remediations) replace the placeholders
// below with real modules as they land; until then each placeholder fixes the command's shape
// (arguments, --dry-run) and says plainly that it is not implemented.
import { HarnessError } from "../cluster/harnessError.js";
import { RepairRegistry, type RepairModule } from "./repairRegistry.js";

export class RepairNotImplementedError extends HarnessError {
  constructor(name: string) {
    super("input", `gameday repair ${name} is not implemented yet`, { hint: "see the scenario's README for the manual runbook meanwhile" });
  }
}

const helmReleasePlaceholder: RepairModule = {
  name: "helm-release",
  summary: "restore the release records of a Helm release whose secrets were deleted (not implemented yet)",
  define: (command) =>
    command
      .argument("<namespace/release>", "the release to repair, e.g. shop/web")
      .option("--dry-run", "show what would change, change nothing", false),
  run: async ({ args }) => {
    const target = args[0] ?? "";
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(target)) {
      throw new HarnessError("input", `"${target}" is not <namespace>/<release>`, { hint: "e.g. gameday repair helm-release shop/web" });
    }
    throw new RepairNotImplementedError("helm-release");
  },
};

const caPlaceholder: RepairModule = {
  name: "ca",
  summary: "rotate an expiring or expired cluster CA (not implemented yet)",
  define: (command) => command.option("--dry-run", "show what would change, change nothing", false),
  run: async () => {
    throw new RepairNotImplementedError("ca");
  },
};

export function builtinRepairs(): RepairRegistry {
  return new RepairRegistry().register(helmReleasePlaceholder).register(caPlaceholder);
}
