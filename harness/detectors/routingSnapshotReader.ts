// Reads a node's routing snapshot with one exec: five `ip -j` listings separated by marker lines,
// so a single round trip gives a consistent-enough picture (a few milliseconds apart) and an
// address family the kernel lacks shows up as an empty section instead of a failed command.

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { parseAddresses, parseLinks, parseRoutes, parseRules, RoutingParseError, type RoutingSnapshot } from "./routingSnapshot.js";

const SECTIONS = {
  routes4: "ip -4 -d -j route show table all",
  routes6: "ip -6 -d -j route show table all",
  rules4: "ip -4 -d -j rule show",
  rules6: "ip -6 -d -j rule show",
  addresses: "ip -j addr show",
} as const;

type Section = keyof typeof SECTIONS;
const MARK = "### kube-gameday ";

/** The shell script the node runs; each listing may fail alone (e.g. no IPv6) without hiding the others. */
export const SNAPSHOT_SCRIPT = Object.entries(SECTIONS)
  .map(([name, command]) => `echo '${MARK}${name}'; ${command} 2>/dev/null || true; echo`)
  .join("; ");

/** Splits the script's output into its sections; every section must be present. */
export function splitSnapshotOutput(output: string): Record<Section, string> {
  const sections: Partial<Record<Section, string>> = {};
  let current: Section | undefined;
  const lines: string[] = [];
  const flush = () => {
    if (current) sections[current] = lines.join("\n");
    lines.length = 0;
  };
  for (const line of output.split("\n")) {
    if (line.startsWith(MARK)) {
      flush();
      const name = line.slice(MARK.length).trim();
      if (!(name in SECTIONS)) throw new RoutingParseError("the snapshot", `unknown section "${name}"`);
      current = name as Section;
    } else if (current) {
      lines.push(line);
    }
  }
  flush();
  const missing = (Object.keys(SECTIONS) as Section[]).filter((name) => sections[name] === undefined);
  if (missing.length > 0) throw new RoutingParseError("the snapshot", `sections missing: ${missing.join(", ")} (was the output cut short?)`);
  return sections as Record<Section, string>;
}

export function parseSnapshotOutput(output: string): RoutingSnapshot {
  const sections = splitSnapshotOutput(output);
  return {
    routes: [...parseRoutes(sections.routes4, "inet"), ...parseRoutes(sections.routes6, "inet6")],
    rules: [...parseRules(sections.rules4, "inet"), ...parseRules(sections.rules6, "inet6")],
    addresses: parseAddresses(sections.addresses),
    links: parseLinks(sections.addresses),
  };
}

export async function readRoutingSnapshot(node: NodeHandle, timeoutMs: number): Promise<RoutingSnapshot> {
  const result = await node.exec(["sh", "-c", SNAPSHOT_SCRIPT], { timeoutMs });
  if (result.exitCode !== 0) {
    throw new Error(`reading routes and rules on node ${node.name} exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim().slice(-300)}; check that iproute2 is installed in the node image`);
  }
  return parseSnapshotOutput(result.stdout);
}
