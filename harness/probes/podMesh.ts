// The connectivity canary's plan and its reading, pure: which canary pod probes which (one source
// per node, every canary pod on every *other* node as a target), the shell loop a source runs, and
// how its output becomes per-path results. Cross-node only: traffic between pods of one node never
// leaves it, so it says nothing about the routes between nodes.

export interface MeshMember {
  pod: string;
  node: string;
  ip: string;
}

export interface MeshSource {
  from: MeshMember;
  targets: MeshMember[];
}

export interface MeshPath {
  fromNode: string;
  fromPod: string;
  toNode: string;
  toIp: string;
  ok: boolean;
  /** Why it failed, when it did. */
  reason?: string;
  /** The probe could not run from the source (exec failed): neither reachable nor proven broken. */
  unknown?: boolean;
}

export interface MeshRound {
  /** When the round started, on the run clock. */
  at: number;
  nodes: string[];
  paths: MeshPath[];
  /** Set when no cross-node path could be probed at all (fewer than two nodes with a canary pod). */
  unmeasurable?: string;
}

/** One source per node (the first pod by name, so the choice is stable across rounds). */
export function planMesh(members: MeshMember[]): MeshSource[] {
  const byNode = new Map<string, MeshMember>();
  for (const member of [...members].sort((a, b) => a.pod.localeCompare(b.pod))) {
    if (!byNode.has(member.node)) byNode.set(member.node, member);
  }
  const chosen = [...byNode.values()].sort((a, b) => a.node.localeCompare(b.node));
  return chosen.map((from) => ({ from, targets: chosen.filter((target) => target.node !== from.node) }));
}

const SAFE_IP = /^[0-9a-fA-F:.]+$/;
const SAFE_PATH = /^\/[-A-Za-z0-9._~/]*$/;

/**
 * A busybox sh loop: every target probed at once (so a round takes one timeout, not one per dead
 * target), one "ok <ip>" or "fail <ip>" line each.
 */
export function meshScript(targets: MeshMember[], port: number, path: string, timeoutSeconds: number): string {
  if (!SAFE_PATH.test(path)) throw new Error(`canary path "${path}" must start with / and use only URL-safe characters`);
  for (const target of targets) if (!SAFE_IP.test(target.ip)) throw new Error(`pod ${target.pod} has an unexpected IP "${target.ip}"`);
  const urls = targets.map((target) => `${target.ip.includes(":") ? `[${target.ip}]` : target.ip}`);
  return [
    `for t in ${urls.join(" ")}; do`,
    // `timeout` rather than wget's own -T: Debian's busybox 1.35 wget crashes (SIGSEGV) with -T.
    `  ( if timeout ${timeoutSeconds} wget -q -O /dev/null "http://$t:${port}${path}" 2>/dev/null; then echo "ok $t"; else echo "fail $t"; fi ) &`,
    "done; wait",
  ].join("\n");
}

/**
 * The same probe, repeated: `cycles` times, each cycle framed by "=== begin <n>" / "=== end <n>"
 * lines and followed by a pause, so one long-running exec reports continuously (see MeshCycleReader).
 */
export function meshLoopScript(targets: MeshMember[], port: number, path: string, timeoutSeconds: number, cycles: number, pauseSeconds: number): string {
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`cycles must be a positive integer, not ${cycles}`);
  return [`n=0; while [ $n -lt ${cycles} ]; do n=$((n+1)); echo "=== begin $n"`, meshScript(targets, port, path, timeoutSeconds), `echo "=== end $n"; sleep ${pauseSeconds}; done`].join("\n");
}

/** Reads meshLoopScript's output as it streams in: one callback per finished cycle, dated when its begin line arrived. */
export class MeshCycleReader {
  private buffer = "";
  private began: number | undefined;
  private lines: string[] = [];

  constructor(
    private readonly now: () => number,
    private readonly onCycle: (cycle: { at: number; output: string }) => void,
  ) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line.startsWith("=== begin ")) {
        this.began = this.now();
        this.lines = [];
      } else if (line.startsWith("=== end ")) {
        if (this.began !== undefined) this.onCycle({ at: this.began, output: this.lines.join("\n") });
        this.began = undefined;
      } else if (this.began !== undefined) {
        this.lines.push(line);
      }
      newline = this.buffer.indexOf("\n");
    }
  }
}

/** Per-target results from a source's output; a target without a line counts as failed. */
export function parseMeshOutput(source: MeshSource, output: string): MeshPath[] {
  const seen = new Map<string, boolean>();
  for (const line of output.split("\n")) {
    const match = /^(ok|fail) \[?([0-9a-fA-F:.]+)\]?$/.exec(line.trim());
    if (match) seen.set(match[2]!, match[1] === "ok");
  }
  return source.targets.map((target) => {
    const ok = seen.get(target.ip);
    const path: MeshPath = { fromNode: source.from.node, fromPod: source.from.pod, toNode: target.node, toIp: target.ip, ok: ok === true };
    if (ok === false) path.reason = "no answer";
    if (ok === undefined) path.reason = "not reported";
    return path;
  });
}

/** Every path of a source is unknown because the probe itself could not run there (not a network failure). */
export function failedSource(source: MeshSource, reason: string): MeshPath[] {
  return source.targets.map((target) => ({ fromNode: source.from.node, fromPod: source.from.pod, toNode: target.node, toIp: target.ip, ok: false, unknown: true, reason }));
}

/** Some path was probed and got no answer. */
export function hasFailingPath(paths: MeshPath[]): boolean {
  return paths.some((path) => !path.ok && !path.unknown);
}

/** Paths considered: all, or only those into one node. */
export function pathsInto(round: MeshRound, toNode?: string): MeshPath[] {
  return toNode === undefined ? round.paths : round.paths.filter((path) => path.toNode === toNode);
}

/** "3 nodes, 4/6 paths failing: kind-worker→kind-worker2 (no answer), …" */
export function describeRound(round: MeshRound, toNode?: string): string {
  if (round.unmeasurable) return round.unmeasurable;
  const paths = pathsInto(round, toNode);
  const failing = paths.filter((path) => !path.ok && !path.unknown);
  const unknown = paths.filter((path) => path.unknown);
  const scope = toNode === undefined ? `${round.nodes.length} nodes` : `into ${toNode}`;
  const list = (items: MeshPath[]) => items.map((path) => `${path.fromNode}→${path.toNode} ${path.toIp} (${path.reason ?? "failed"})`).join(", ");
  const notProbed = unknown.length > 0 ? `; ${unknown.length} not probed: ${list(unknown)}` : "";
  if (failing.length === 0) return `${scope}: ${paths.length - unknown.length}/${paths.length} cross-node paths answer${notProbed}`;
  return `${scope}: ${failing.length}/${paths.length} cross-node paths failing: ${list(failing)}${notProbed}`;
}
