// A scenario folder may bring its own step and check kinds in `steps.ts` (or `steps.js`/`steps.mjs`):
//
//   import type { KindRegistry } from "kube-gameday/harness/scenario/kindRegistry.js";
//   export default function register(registry: KindRegistry): void {
//     registry.addStep({ kind: "corruptRelease", ... });
//     registry.addCheck({ kind: "helmOrphanRelease", ... });
//   }
//
// How the module is found, in order:
//   1. steps.js / steps.mjs in the folder: imported as is (ship this for full freedom).
//   2. steps.ts of a scenario inside this repository: the copy our `npm run build` compiled to
//      dist/<same path>/steps.js, if it is at least as new as the source.
//   3. any other steps.ts: transpiled at load time with the `typescript` package (types are
//      stripped, not checked) into node_modules/.cache/kube-gameday/, so bare imports resolve to
//      the harness's own dependencies; relative imports are rewritten to the scenario folder and
//      must name .js/.mjs files. Keep such a steps.ts self-contained, or ship steps.js.

import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { KindRegistry } from "./kindRegistry.js";
import { ScenarioFileError } from "./scenarioFileError.js";

/** The repository (or installed package) root: this file is <root>/dist/harness/scenario/localKinds.js. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const LOCAL_KINDS_BASENAMES = ["steps.js", "steps.mjs", "steps.ts"] as const;

/** Loads the folder's local kinds into `registry`; returns the file used, or undefined if there is none. */
export async function loadLocalKinds(dir: string, registry: KindRegistry): Promise<string | undefined> {
  const source = LOCAL_KINDS_BASENAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
  if (!source) return undefined;
  const moduleFile = source.endsWith(".ts") ? await compiledModuleFor(source) : source;
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(moduleFile).href)) as { default?: unknown };
  } catch (error) {
    throw new ScenarioFileError(source, [
      {
        problem: `cannot load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
        fix: "fix the module so `node` can import it (relative imports must name .js files); see harness/scenario/localKinds.ts",
      },
    ]);
  }
  if (typeof loaded.default !== "function") {
    throw new ScenarioFileError(source, [
      { problem: "has no default export function", fix: "export default function register(registry) { registry.addStep(...); registry.addCheck(...) }" },
    ]);
  }
  try {
    await (loaded.default as (registry: KindRegistry) => unknown)(registry);
  } catch (error) {
    throw new ScenarioFileError(source, [
      { problem: `register() failed: ${error instanceof Error ? error.message : String(error)}`, fix: "fix the kinds it registers" },
    ]);
  }
  return source;
}

async function compiledModuleFor(tsFile: string): Promise<string> {
  const relative = path.relative(PACKAGE_ROOT, tsFile);
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
    const compiled = path.join(PACKAGE_ROOT, "dist", relative.replace(/\.ts$/, ".js"));
    if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(tsFile).mtimeMs) return compiled;
  }
  return transpileToCache(tsFile);
}

async function transpileToCache(tsFile: string): Promise<string> {
  let ts: typeof import("typescript");
  try {
    ts = (await import("typescript")).default;
  } catch {
    throw new ScenarioFileError(tsFile, [
      { problem: "needs the `typescript` package to be loaded, and it is not installed", fix: "run `npm install typescript`, or ship a compiled steps.js next to it" },
    ]);
  }
  const text = await readFile(tsFile, "utf8");
  const output = ts.transpileModule(text, {
    fileName: tsFile,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  const syntax = output.diagnostics?.[0];
  if (syntax) {
    const where = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    throw new ScenarioFileError(
      tsFile,
      [
        {
          ...(where ? { line: where.line + 1, column: where.character + 1 } : {}),
          problem: ts.flattenDiagnosticMessageText(syntax.messageText, " "),
          fix: "fix the TypeScript syntax",
        },
      ],
      text,
    );
  }
  const dir = path.dirname(tsFile);
  // Relative imports would resolve against the cache folder; point them back at the scenario folder.
  const code = output.outputText.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']+)\2/g,
    (_, prefix: string, quote: string, specifier: string) => `${prefix}${quote}${pathToFileURL(path.resolve(dir, specifier)).href}${quote}`,
  );
  const hash = createHash("sha256").update(tsFile).update(code).digest("hex").slice(0, 16);
  const cacheDir = path.join(PACKAGE_ROOT, "node_modules", ".cache", "kube-gameday", "steps");
  await mkdir(cacheDir, { recursive: true });
  const target = path.join(cacheDir, `${hash}.mjs`);
  if (!existsSync(target)) await writeFile(target, code);
  return target;
}
