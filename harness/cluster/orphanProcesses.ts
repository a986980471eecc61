// Processes a dead run left running: a SIGKILLed run's `kind create cluster` carries on without
// its parent and would keep starting nodes while the next run deletes them. Every kind and kubectl
// call of the harness names the cluster's own kubeconfig file on its command line, which makes
// them findable in /proc; nothing else is ever matched. Without /proc (macOS) there is nothing to
// find, and the removal that follows may then have to race kind.

import { readdir, readFile } from "node:fs/promises";

import { pause } from "../kube/deadline.js";
import { processIsAlive } from "./stateStore.js";

/** Pids (other than this process) whose command line has `argument` as one of its words. */
export async function processesNaming(argument: string, procDir = "/proc"): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir(procDir);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = (await readFile(`${procDir}/${entry}/cmdline`, "utf8")).split("\0");
      if (argv.includes(argument)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read: nothing to stop.
    }
  }
  return pids;
}

/** Stops the given processes: SIGTERM, then SIGKILL for those still there after `graceMs`. Returns those signalled. */
export async function stopProcesses(pids: number[], graceMs = 5_000): Promise<number[]> {
  const signalled = pids.filter((pid) => {
    try {
      process.kill(pid, "SIGTERM");
      return true;
    } catch {
      return false; // already gone
    }
  });
  const deadline = performance.now() + graceMs;
  while (signalled.some(processIsAlive) && performance.now() < deadline) await pause(100);
  for (const pid of signalled.filter(processIsAlive)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone in the meantime
    }
  }
  return signalled;
}
