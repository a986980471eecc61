// `npm run test:crash`: kills real `gameday run`s on purpose and checks what they leave behind.
// Each case starts the crash fixture (test/fixtures/scenarios/crash), waits for the line that marks
// a phase, and sends SIGKILL or SIGINT there:
//   - SIGINT: the run must end on its own (rc 3 or 130), write its four reports, and delete its
//     cluster — nothing of it may remain once it has exited;
//   - SIGKILL: nothing can clean up, so the next run (the next case, or a last full run) must reap
//     the dead run's cluster in one line, and afterwards no node container or volume of it, nor
//     its state record or kubeconfig, may remain.
// Runs use a state directory of their own, so they never see (or reap) another run's clusters.
// Not part of `npm test`: about ten cluster starts, 10–15 minutes on 2 cores.
import { spawn } from "node:child_process";
import { access, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { execa } from "execa";

import { repoRoot } from "../../harness/cluster/repoRoot.js";
import type { ClusterRecord } from "../../harness/cluster/stateStore.js";

type Signal = "SIGKILL" | "SIGINT";

interface CrashCase {
  signal: Signal;
  phase: string;
  /** The output line after which the signal is sent. */
  marker: RegExp;
}

const CASES: CrashCase[] = [
  { signal: "SIGKILL", phase: "nodes starting", marker: /kind:\s+• Preparing nodes/ },
  { signal: "SIGKILL", phase: "kubeadm init", marker: /kind:\s+• Starting control-plane/ },
  { signal: "SIGKILL", phase: "setup", marker: /── setup/ },
  { signal: "SIGKILL", phase: "fault", marker: /── fault/ },
  { signal: "SIGKILL", phase: "remediate", marker: /── remediate/ },
  { signal: "SIGINT", phase: "kubeadm init", marker: /kind:\s+• Starting control-plane/ },
  { signal: "SIGINT", phase: "setup", marker: /── setup/ },
  { signal: "SIGINT", phase: "fault", marker: /── fault/ },
  { signal: "SIGINT", phase: "remediate", marker: /── remediate/ },
];

/** How long a run may take to reach a phase marker (a cluster start on a loaded 2-core host included). */
const MARKER_DEADLINE_MS = 6 * 60_000;
/** How long an interrupted run may take to clean up and exit. */
const EXIT_DEADLINE_MS = 5 * 60_000;
const REPORTS = ["junit.xml", "result.json", "summary.md", "report.html"];

interface RunOutcome {
  exitCode: number | null;
  output: string;
  cluster?: string;
  markerAfterMs?: number;
  exitedAfterSignalMs?: number;
}

interface Row {
  crash: CrashCase;
  rc: string;
  afterSignal: string;
  reports: string;
  reapedBy: string;
  reapTime: string;
  leftovers: string;
  ok: boolean;
}

const root = repoRoot();
const cli = join(root, "dist", "harness", "cli", "main.js");
const fixture = join(root, "test", "fixtures", "scenarios", "crash");

/** Starts a run; sends `signal` once `marker` appears (if given); resolves when the process has exited. */
function runGameday(env: NodeJS.ProcessEnv, reports: string, crash?: CrashCase): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [cli, "run", fixture, "--offline", "--reports", reports], { env, stdio: ["ignore", "pipe", "pipe"] });
    const started = performance.now();
    const outcome: RunOutcome = { exitCode: null, output: "" };
    let signalledAt: number | undefined;
    const markerTimer = crash
      ? setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`case ${crash.signal} at ${crash.phase}: no line matching ${crash.marker} within ${MARKER_DEADLINE_MS / 1000}s`));
        }, MARKER_DEADLINE_MS)
      : undefined;
    let exitTimer: NodeJS.Timeout | undefined;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      outcome.output += text;
      outcome.cluster ??= /creating cluster (gameday-\S+)/.exec(outcome.output)?.[1];
      if (crash && signalledAt === undefined && crash.marker.test(outcome.output)) {
        clearTimeout(markerTimer);
        signalledAt = performance.now();
        outcome.markerAfterMs = signalledAt - started;
        child.kill(crash.signal);
        exitTimer = setTimeout(() => child.kill("SIGKILL"), EXIT_DEADLINE_MS);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(markerTimer);
      clearTimeout(exitTimer);
      outcome.exitCode = code ?? (signal === "SIGKILL" ? 137 : null);
      if (signalledAt !== undefined) outcome.exitedAfterSignalMs = performance.now() - signalledAt;
      resolve(outcome);
    });
  });
}

/** What is left of a cluster: node containers (running or not), volumes it had, its record and kubeconfig. */
async function leftovers(cluster: string, volumes: string[], stateDir: string): Promise<string[]> {
  const found: string[] = [];
  const containers = await execa("docker", ["ps", "-a", "--filter", `label=io.x-k8s.kind.cluster=${cluster}`, "--format", "{{.Names}}"]);
  found.push(...containers.stdout.split("\n").filter(Boolean).map((n) => `container ${n}`));
  for (const volume of volumes) {
    const inspected = await execa("docker", ["volume", "inspect", volume], { reject: false });
    if (inspected.exitCode === 0) found.push(`volume ${volume}`);
  }
  for (const file of [join(stateDir, "clusters", `${cluster}.json`), join(stateDir, "kubeconfig", `${cluster}.yaml`)]) {
    if (await exists(file)) found.push(`file ${file}`);
  }
  return found;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The volumes the dead run's record names (kind mounts /var as an anonymous volume), read before the reap removes the record. */
async function recordedVolumes(stateDir: string, cluster: string): Promise<string[]> {
  try {
    const record = JSON.parse(await readFile(join(stateDir, "clusters", `${cluster}.json`), "utf8")) as ClusterRecord;
    return record.volumes;
  } catch {
    return [];
  }
}

/** Node containers' volumes right now (the record has none while kind is still creating). */
async function currentVolumes(cluster: string): Promise<string[]> {
  const ids = await execa("docker", ["ps", "-a", "-q", "--filter", `label=io.x-k8s.kind.cluster=${cluster}`]);
  const volumes: string[] = [];
  for (const id of ids.stdout.split("\n").filter(Boolean)) {
    const mounts = await execa("docker", ["inspect", "--format", "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}", id], { reject: false });
    volumes.push(...mounts.stdout.split(/\s+/).filter(Boolean));
  }
  return volumes;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? "—" : `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), "gameday-crash-"));
  const stateDir = join(work, "state");
  const env = { ...process.env, KUBE_GAMEDAY_STATE: stateDir };
  const rows: Row[] = [];
  let pendingDead: { row: Row; cluster: string; volumes: string[] } | undefined;

  const settleDead = async (reaper: RunOutcome, reaperName: string) => {
    if (!pendingDead) return;
    const { row, cluster, volumes } = pendingDead;
    pendingDead = undefined;
    const line = new RegExp(`reaped cluster ${cluster} left by run \\S+ \\(pid \\d+, gone\\) in ([\\d.]+)s`).exec(reaper.output);
    row.reapedBy = line ? reaperName : `${reaperName}: no reap line`;
    row.reapTime = line ? `${line[1]} s` : "—";
    const left = await leftovers(cluster, volumes, stateDir);
    row.leftovers = left.length ? left.join(", ") : "none";
    row.ok = row.ok && line !== null && left.length === 0;
  };

  for (const [index, crash] of CASES.entries()) {
    const reports = join(work, `case-${index + 1}`);
    console.error(`case ${index + 1}/${CASES.length}: ${crash.signal} at ${crash.phase} …`);
    const outcome = await runGameday(env, reports, crash);
    await settleDead(outcome, `case ${index + 1}`);
    const row: Row = { crash, rc: String(outcome.exitCode), afterSignal: seconds(outcome.exitedAfterSignalMs), reports: "—", reapedBy: "—", reapTime: "—", leftovers: "—", ok: true };
    rows.push(row);
    if (!outcome.cluster) {
      row.leftovers = "no cluster named in the output";
      row.ok = false;
      continue;
    }
    if (crash.signal === "SIGINT") {
      const written = await Promise.all(REPORTS.map((file) => exists(join(reports, file))));
      row.reports = `${written.filter(Boolean).length}/${REPORTS.length}`;
      const left = await leftovers(outcome.cluster, await recordedVolumes(stateDir, outcome.cluster), stateDir);
      row.leftovers = left.length ? left.join(", ") : "none";
      row.ok = (outcome.exitCode === 3 || outcome.exitCode === 130) && written.every(Boolean) && left.length === 0;
    } else {
      const volumes = [...new Set([...(await recordedVolumes(stateDir, outcome.cluster)), ...(await currentVolumes(outcome.cluster))])];
      pendingDead = { row, cluster: outcome.cluster, volumes };
    }
  }
  // A last run goes all the way, reaping whatever a killed run left, and must pass.
  console.error("last run: to the end (it reaps what a killed run left, if any) …");
  const last = await runGameday(env, join(work, "last"));
  await settleDead(last, "last run");
  const lastOk = last.exitCode === 0;

  console.log("| signal | phase | rc | exit after signal | reports | reaped by | reap time | leftovers | ok |");
  console.log("| --- | --- | ---: | ---: | --- | --- | ---: | --- | --- |");
  for (const row of rows) {
    console.log(`| ${row.crash.signal} | ${row.crash.phase} | ${row.rc} | ${row.afterSignal} | ${row.reports} | ${row.reapedBy} | ${row.reapTime} | ${row.leftovers} | ${row.ok ? "ok" : "FAILED"} |`);
  }
  console.log(`last run (to the end): rc ${last.exitCode}${lastOk ? "" : " — FAILED"}; reports and logs in ${work}`);
  return rows.every((r) => r.ok) && lastOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
