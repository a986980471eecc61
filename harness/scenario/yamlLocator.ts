// From a path in the parsed value (["expect", 0, "within"]) back to line:column in the YAML text,
// so validation errors point at what the author wrote. When the exact node is missing (a required
// field that is absent), the nearest existing ancestor is used.

import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type ValuePath = Array<string | number>;

export interface Position {
  line: number;
  column: number;
}

export class YamlLocator {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Position of the value at `path`; with `key: true`, of the key naming it (for "unknown field"). */
  positionOf(path: ValuePath, options: { key?: boolean } = {}): Position {
    let node: unknown = this.document.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (let index = 0; index < path.length; index += 1) {
      const part = path[index]!;
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) break;
        if (last && options.key && isNode(pair.key)) {
          best = pair.key;
          break;
        }
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(part)];
      } else {
        break;
      }
      if (isNode(node)) best = node;
      else break;
    }
    const offset = best?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }
}

/** "expect[0].within" for ["expect", 0, "within"]. */
export function formatPath(path: ValuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number" || /^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "range" in value;
}
