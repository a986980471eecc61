// The offline kit's lock file (clusters/images/kit.lock, written by the kit build): KEY=VALUE lines
// naming the versions and the node image every cluster is made from.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { HarnessError } from "./harnessError.js";
import { repoRoot } from "./repoRoot.js";

export const KIT_BUILD_COMMAND = "npm run kit";

export interface KitLock {
  /** Every key of the file, as written. */
  values: Readonly<Record<string, string>>;
  nodeImage?: string;
  kubernetesVersion?: string;
  kindVersion?: string;
  helmVersion?: string;
}

export class KitLockError extends HarnessError {
  constructor(message: string, cause?: unknown) {
    super("infrastructure", message, { hint: `build the offline kit with \`${KIT_BUILD_COMMAND}\` (it writes clusters/images/kit.lock)`, cause });
  }
}

export function kitLockPath(): string {
  return join(repoRoot(), "clusters", "images", "kit.lock");
}

/** Parses KEY=VALUE lines; blank lines and lines starting with # are ignored. */
export function parseKitLock(text: string, source = "kit.lock"): KitLock {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new KitLockError(`${source}:${index + 1}: expected KEY=VALUE, got "${line}"`);
    values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  const lock: KitLock = { values };
  if (values.NODE_IMAGE) lock.nodeImage = values.NODE_IMAGE;
  if (values.KUBERNETES_VERSION) lock.kubernetesVersion = values.KUBERNETES_VERSION;
  if (values.KIND_VERSION) lock.kindVersion = values.KIND_VERSION;
  if (values.HELM_VERSION) lock.helmVersion = values.HELM_VERSION;
  return lock;
}

export async function readKitLock(path = kitLockPath()): Promise<KitLock> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new KitLockError(`cannot read the kit lock ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, err);
  }
  return parseKitLock(text, path);
}
