// `gameday repair <what>`: remediation modules plug their subcommands in here instead of editing
// the CLI. Each module declares its arguments/options on its own commander subcommand and returns
// an exit code.
import type { Command } from "commander";

import type { CliIO } from "./cliIO.js";
import type { ExitCodeValue } from "./exitCodes.js";

export interface RepairModule {
  /** Subcommand name, e.g. "helm-release". */
  name: string;
  /** One line for `gameday repair --help`. */
  summary: string;
  /** Declares arguments and options on the subcommand (every repair should offer --dry-run). */
  define(command: Command): void;
  run(input: { args: string[]; options: Record<string, unknown>; io: CliIO }): Promise<ExitCodeValue>;
}

export class RepairRegistry {
  private readonly modules = new Map<string, RepairModule>();

  register(module: RepairModule): this {
    if (!/^[a-z][a-z0-9-]*$/.test(module.name)) throw new Error(`repair name "${module.name}" must be lower-case words joined by '-'`);
    if (this.modules.has(module.name)) throw new Error(`repair "${module.name}" is registered twice`);
    this.modules.set(module.name, module);
    return this;
  }

  list(): RepairModule[] {
    return [...this.modules.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
