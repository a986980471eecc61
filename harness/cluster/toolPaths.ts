// The harness runs only the kind/helm/kubectl binaries pinned by the host bootstrap, never whatever
// happens to be on PATH: versions decide behaviour (Helm's release handling, kind's node config).
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

import { HarnessError } from "./harnessError.js";
import { repoRoot } from "./repoRoot.js";

export type ToolName = "kind" | "helm" | "kubectl";

export const TOOL_NAMES: readonly ToolName[] = ["kind", "helm", "kubectl"];

export const BOOTSTRAP_COMMAND = "bash clusters/bootstrap/ensure-host.sh";

export class ToolNotFoundError extends HarnessError {
  constructor(
    readonly tool: ToolName,
    readonly expectedPath: string,
    reason: string,
  ) {
    super("infrastructure", `${tool} is not available at ${expectedPath} (${reason})`, {
      hint: `run \`${BOOTSTRAP_COMMAND}\` from the repository root to install the pinned tools, or point KUBE_GAMEDAY_TOOLS_DIR at a directory that holds them`,
    });
  }
}

/** Directory holding the pinned binaries: $KUBE_GAMEDAY_TOOLS_DIR, else <repoRoot>/.tools/bin. */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.KUBE_GAMEDAY_TOOLS_DIR;
  if (override !== undefined && override !== "") return isAbsolute(override) ? override : resolve(override);
  return join(repoRoot(), ".tools", "bin");
}

/** Absolute path of an executable pinned tool; throws ToolNotFoundError when it is missing. */
export async function resolveTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = join(toolsDir(env), name);
  try {
    await access(path, constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ToolNotFoundError(name, path, code === "ENOENT" ? "missing" : `not executable: ${code ?? String(err)}`);
  }
  return path;
}
