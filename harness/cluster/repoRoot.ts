// Finds the repository root from this module's own location, so the harness works the same from
// harness/ (sources run directly) and from dist/harness/ (compiled), whatever the working directory.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "kube-gameday";

let cached: string | undefined;

/** Absolute path of the kube-gameday checkout this module belongs to. */
export function repoRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    // dist/ holds no package.json, so the first one found walking up is the checkout's own;
    // checking the name guards against a checkout vendored inside another npm project.
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`kube-gameday: no package.json named "${PACKAGE_NAME}" above ${fileURLToPath(import.meta.url)}; is the checkout complete?`);
    }
    dir = parent;
  }
}

function readPackageName(manifest: string): string | undefined {
  const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
  if (typeof parsed === "object" && parsed !== null && "name" in parsed && typeof parsed.name === "string") return parsed.name;
  return undefined;
}
