// `gameday doctor`: is this host ready for a run? Each check says ok/warn/fail and, when not ok,
// the one command that fixes it. Exit 0 when nothing failed, 3 otherwise.
import { statfs } from "node:fs/promises";

import { execa } from "execa";

import { dockerRuntime } from "../../cluster/dockerRuntime.js";
import { KIT_BUILD_COMMAND, readKitLock, type KitLock } from "../../cluster/kitLock.js";
import { nodeImagePresent } from "../../cluster/nodeImage.js";
import { StateStore } from "../../cluster/stateStore.js";
import { BOOTSTRAP_COMMAND, resolveTool, type ToolName } from "../../cluster/toolPaths.js";
import type { CliIO } from "../cliIO.js";
import { ExitCode, type ExitCodeValue } from "../exitCodes.js";
import { parseHelmVersion, parseKindVersion, parseKubectlVersion, sameVersion } from "../toolVersions.js";

export interface DoctorCheck {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  fix?: string;
}

const TOOL_TIMEOUT_MS = 15_000;
const GIB = 1024 ** 3;
// A node image plus a few clusters' /var volumes; below this, kind fails in confusing ways.
const DISK_FAIL_GIB = 5;
const DISK_WARN_GIB = 20;

const VERSION_ARGS: Record<ToolName, { args: string[]; parse: (out: string) => string | undefined; lockKey: string[] }> = {
  kind: { args: ["version"], parse: parseKindVersion, lockKey: ["KIND_VERSION"] },
  helm: { args: ["version", "--short"], parse: parseHelmVersion, lockKey: ["HELM_VERSION"] },
  kubectl: { args: ["version", "--client", "-o", "json"], parse: parseKubectlVersion, lockKey: ["KUBECTL_VERSION", "KUBERNETES_VERSION"] },
};

async function toolCheck(tool: ToolName, lock: KitLock | undefined): Promise<DoctorCheck> {
  let path: string;
  try {
    path = await resolveTool(tool);
  } catch (err) {
    return { name: tool, status: "fail", detail: (err as Error).message, fix: BOOTSTRAP_COMMAND };
  }
  const spec = VERSION_ARGS[tool];
  const result = await execa(path, spec.args, { timeout: TOOL_TIMEOUT_MS, reject: false });
  const version = spec.parse(String(result.stdout ?? ""));
  if (result.failed || version === undefined) {
    return { name: tool, status: "fail", detail: `${path} ${spec.args.join(" ")} gave no version (exit ${result.exitCode ?? "none"}${result.timedOut ? ", timed out" : ""})`, fix: BOOTSTRAP_COMMAND };
  }
  const key = spec.lockKey.find((k) => lock?.values[k] !== undefined);
  const pinned = key ? lock?.values[key] : undefined;
  if (pinned === undefined) return { name: tool, status: "warn", detail: `${version} at ${path}; the kit lock pins no version to compare` };
  if (!sameVersion(version, pinned)) return { name: tool, status: "fail", detail: `${version} at ${path}, but ${key}=${pinned}`, fix: BOOTSTRAP_COMMAND };
  return { name: tool, status: "ok", detail: `${version} (pinned)` };
}

async function diskCheck(name: string, path: string): Promise<DoctorCheck> {
  const stats = await statfs(path);
  const free = (stats.bavail * stats.bsize) / GIB;
  const detail = `${free.toFixed(1)} GiB free on ${path}`;
  if (free < DISK_FAIL_GIB) return { name, status: "fail", detail, fix: "free disk space (`docker system prune` removes unused images and volumes)" };
  if (free < DISK_WARN_GIB) return { name, status: "warn", detail, fix: "a few clusters and the kit need ~20 GiB" };
  return { name, status: "ok", detail };
}

export async function runDoctorChecks(): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let lock: KitLock | undefined;
  try {
    lock = await readKitLock();
    checks.push({ name: "kit lock", status: "ok", detail: `Kubernetes ${lock.kubernetesVersion ?? "?"}, node image ${lock.nodeImage ?? "?"}` });
  } catch (err) {
    checks.push({ name: "kit lock", status: "fail", detail: (err as Error).message, fix: KIT_BUILD_COMMAND });
  }

  let dockerRoot: string | undefined;
  try {
    const runtime = await dockerRuntime(10_000);
    const info = (await runtime.container.dockerode.info()) as { ServerVersion?: string; DockerRootDir?: string; DefaultRuntime?: string };
    dockerRoot = info.DockerRootDir;
    checks.push({ name: "docker engine", status: "ok", detail: `${info.ServerVersion ?? "?"} (default runtime ${info.DefaultRuntime ?? "?"})` });
    const image = lock?.nodeImage;
    if (image) {
      const present = await nodeImagePresent(runtime, image);
      checks.push(present ? { name: "node image", status: "ok", detail: `${image} is present` } : { name: "node image", status: "fail", detail: `${image} is not in the local engine`, fix: KIT_BUILD_COMMAND });
    }
  } catch (err) {
    checks.push({ name: "docker engine", status: "fail", detail: (err as Error).message, fix: "bash clusters/bootstrap/ensure-docker.sh" });
  }

  for (const tool of ["kind", "helm", "kubectl"] as const) checks.push(await toolCheck(tool, lock));

  const store = new StateStore();
  await store.ensure();
  checks.push(await diskCheck("disk (state)", store.dir));
  if (dockerRoot) {
    try {
      checks.push(await diskCheck("disk (docker)", dockerRoot));
    } catch (err) {
      // The engine's root may live elsewhere (remote engine, rootless): say so rather than guess.
      checks.push({ name: "disk (docker)", status: "warn", detail: `cannot read free space of ${dockerRoot}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    }
  }

  // A cluster a live run holds (its lease names a running process) is not left over: say so, and
  // do not send the user to `gameday clean` in the middle of someone's run.
  const inUse: string[] = [];
  const leftover: string[] = [];
  for (const record of await store.list()) {
    const holder = await store.liveHolder(record.name);
    if (holder) inUse.push(`${record.name} (run ${holder.runId}, pid ${holder.pid})`);
    else leftover.push(record.name);
  }
  if (inUse.length > 0) checks.push({ name: "clusters in use", status: "ok", detail: `${inUse.length} held by a live run: ${inUse.join(", ")}` });
  if (leftover.length > 0) {
    checks.push({ name: "leftover clusters", status: "warn", detail: `${leftover.length} recorded, no live run holds them: ${leftover.join(", ")}`, fix: "gameday clean" });
  }
  return checks;
}

export async function doctorCommand(io: CliIO): Promise<ExitCodeValue> {
  const checks = await runDoctorChecks();
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) {
    const mark = c.status === "ok" ? "ok  " : c.status === "warn" ? "WARN" : "FAIL";
    io.out(`${mark}  ${c.name.padEnd(width)}  ${c.detail}${c.fix && c.status !== "ok" ? `\n      ${" ".repeat(width)}  fix: ${c.fix}` : ""}`);
  }
  return checks.some((c) => c.status === "fail") ? ExitCode.Infrastructure : ExitCode.Ok;
}
