// Test helper: a throwaway scenario folder anywhere on disk (the loader must not assume the repo).

import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function scenarioFolder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gameday-scenario-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A minimal valid scenario; tests change one thing at a time. */
export const MINIMAL = `name: minimal
title: Minimal
story: A scenario with the least a scenario needs.
fault:
  - delete: { kind: Pod, selector: app=web }
expect:
  - endpointsEmpty: web
    within: 30s
`;
