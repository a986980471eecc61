// Optional kit-wide kind settings (clusters/kind/base.yaml, owned by the offline kit): top-level
// fields every cluster needs on this kind of host, e.g. a kubeadm patch selecting the etcd image
// the kit built, or containerd settings. Absent file: no base.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { parse } from "yaml";

import { HarnessError } from "./harnessError.js";
import { repoRoot } from "./repoRoot.js";

export class KindBaseConfigError extends HarnessError {
  constructor(path: string, detail: string, cause?: unknown) {
    super("infrastructure", `${path}: ${detail}`, { hint: "fix or remove the kit's base kind config", cause });
  }
}

export function kindBaseConfigPath(): string {
  return join(repoRoot(), "clusters", "kind", "base.yaml");
}

export async function readKindBaseConfig(path = kindBaseConfigPath()): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new KindBaseConfigError(path, `cannot read: ${String(err)}`, err);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new KindBaseConfigError(path, `not valid YAML: ${(err as Error).message}`, err);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new KindBaseConfigError(path, "expected a kind Cluster config (a mapping)");
  const config = value as Record<string, unknown>;
  if (config.kind !== undefined && config.kind !== "Cluster") throw new KindBaseConfigError(path, `kind must be "Cluster", got ${String(config.kind)}`);
  return config;
}
