// Kubernetes manifests from YAML text (one file, several documents), with line-accurate errors.
// `${{ name }}` placeholders are replaced first, because manifests need the run's namespace or a
// variant's setting; the double braces keep shell `${VAR}` in ConfigMap scripts untouched.

import { LineCounter, parseAllDocuments } from "yaml";
import type { KubernetesObject } from "@kubernetes/client-node";
import { ScenarioFileError, type ScenarioIssue } from "../scenario/scenarioFileError.js";

export function parseManifestDocuments(text: string, file: string): KubernetesObject[] {
  const lineCounter = new LineCounter();
  // YAML 1.1, as kubectl reads manifests: `defaultMode: 0755` is octal 493 there, and a manifest
  // that works with `kubectl apply` must mean the same here (YAML 1.2 would read decimal 755).
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, version: "1.1" });
  const issues: ScenarioIssue[] = [];
  const objects: KubernetesObject[] = [];
  const list = Array.isArray(documents) ? documents : [];
  if (!Array.isArray(documents)) {
    issues.push({ problem: "the file is not a YAML stream", fix: "write Kubernetes objects as YAML documents separated by ---" });
  }
  for (const document of list) {
    for (const error of document.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      issues.push({ line: pos.line, column: pos.col, problem: error.message.split("\n")[0] ?? error.code, fix: "fix the YAML syntax at this position" });
    }
    if (document.errors.length > 0) continue;
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue; // an empty document between separators
    const start = document.contents?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(start);
    if (typeof value !== "object" || Array.isArray(value)) {
      issues.push({ line: pos.line, column: pos.col, problem: "a document is not a mapping", fix: "each document must be one Kubernetes object" });
      continue;
    }
    const object = value as KubernetesObject;
    if (object.kind === "List" && Array.isArray((value as { items?: unknown }).items)) {
      objects.push(...((value as { items: KubernetesObject[] }).items));
      continue;
    }
    const missing = ["apiVersion", "kind"].filter((key) => typeof (object as Record<string, unknown>)[key] !== "string");
    if (missing.length > 0 || typeof object.metadata?.name !== "string") {
      const fields = [...missing, ...(typeof object.metadata?.name !== "string" ? ["metadata.name"] : [])];
      issues.push({ line: pos.line, column: pos.col, problem: `object without ${fields.join(", ")}`, fix: "every object needs apiVersion, kind and metadata.name" });
      continue;
    }
    objects.push(object);
  }
  if (issues.length > 0) throw new ScenarioFileError(file, issues, text);
  return objects;
}
