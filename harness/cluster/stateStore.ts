// Durable records of what the harness created, so `gameday clean` and crash recovery can find every
// cluster of every run, even one whose creation was interrupted. A record is written *before*
// `kind create` starts; a lease file (created exclusively) marks a cluster as in use by a live run.
import { homedir, hostname } from "node:os";
import { chmod, mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { LeaseReading } from "./deadRunRule.js";
import { HarnessError } from "./harnessError.js";

export interface RunOwner {
  runId: string;
  pid: number;
  host: string;
  /** ISO wall clock, display only. */
  since: string;
}

export interface ClusterRecord {
  version: 1;
  name: string;
  provider: "kind";
  /** creating: `kind create` may have left partial nodes; ready: usable; deleting: being removed. */
  state: "creating" | "ready" | "deleting";
  createdBy: RunOwner;
  /** Hash of everything that shapes the cluster (image, topology, mounts, patches): equal ⇒ interchangeable. */
  fingerprint: string;
  dedicated: boolean;
  /** The last user asked to keep it (--keep-cluster); kept clusters may be reused by later runs. */
  kept: boolean;
  image: string;
  kubernetesVersion?: string;
  /** Docker network the nodes are attached to. */
  network: string;
  /** node port → host port on 127.0.0.1. */
  hostPorts: Record<string, number>;
  /** Anonymous Docker volumes of the nodes (kind mounts /var as one), removed if kind leaves them. */
  volumes: string[];
  nodeCount: number;
  kubeconfigPath: string;
}

export class StateStoreError extends HarnessError {
  constructor(message: string, cause?: unknown) {
    super("infrastructure", message, {
      hint: "check permissions of the state directory (KUBE_GAMEDAY_STATE, default ~/.cache/kube-gameday/state)",
      cause,
    });
  }
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBE_GAMEDAY_STATE) return env.KUBE_GAMEDAY_STATE;
  const cache = env.KUBE_GAMEDAY_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "kube-gameday");
  return join(cache, "state");
}

export function currentOwner(runId: string): RunOwner {
  return { runId, pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

/** True when the owner is a process that still runs on this host (or one we cannot check). */
export function ownerIsAlive(owner: RunOwner): boolean {
  // A record from another host (shared home directory) cannot be checked: assume it is alive.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  return processIsAlive(owner.pid);
}

/** True when a process with this pid runs on this host (EPERM: it runs, as another user). */
export function processIsAlive(pid: number): boolean {
  // kill(0 or negative, …) addresses process groups, not a process: such a pid names nobody.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class StateStore {
  constructor(readonly dir: string = defaultStateDir()) {}

  private get clustersDir(): string {
    return join(this.dir, "clusters");
  }

  kubeconfigPath(name: string): string {
    return join(this.dir, "kubeconfig", `${name}.yaml`);
  }

  private recordPath(name: string): string {
    return join(this.clustersDir, `${name}.json`);
  }

  private leasePath(name: string): string {
    return join(this.clustersDir, `${name}.lease`);
  }

  async ensure(): Promise<void> {
    try {
      // Kubeconfigs hold client keys: the tree is private to the user.
      await mkdir(this.clustersDir, { recursive: true, mode: 0o700 });
      await mkdir(join(this.dir, "kubeconfig"), { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
    } catch (err) {
      throw new StateStoreError(`cannot create the state directory ${this.dir}: ${String(err)}`, err);
    }
  }

  async write(record: ClusterRecord): Promise<void> {
    await this.ensure();
    const path = this.recordPath(record.name);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(record, null, 2) + "\n", { mode: 0o600 });
      await rename(tmp, path); // atomic: a reader sees the old or the new record, never half of one
    } catch (err) {
      throw new StateStoreError(`cannot write ${path}: ${String(err)}`, err);
    }
  }

  async read(name: string): Promise<ClusterRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.recordPath(name), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new StateStoreError(`cannot read ${this.recordPath(name)}: ${String(err)}`, err);
    }
    return parseRecord(text, this.recordPath(name));
  }

  async list(): Promise<ClusterRecord[]> {
    let entries: string[];
    try {
      entries = await readdir(this.clustersDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new StateStoreError(`cannot list ${this.clustersDir}: ${String(err)}`, err);
    }
    const records: ClusterRecord[] = [];
    for (const entry of entries.filter((e) => e.endsWith(".json")).sort()) {
      const record = await this.read(entry.slice(0, -".json".length));
      if (record) records.push(record);
    }
    return records;
  }

  /** Names (without .yaml) of every kubeconfig file in the store. */
  async kubeconfigNames(): Promise<string[]> {
    try {
      return (await readdir(join(this.dir, "kubeconfig"))).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new StateStoreError(`cannot list ${join(this.dir, "kubeconfig")}: ${String(err)}`, err);
    }
  }

  /** Removes the record, its lease and its kubeconfig. */
  async remove(name: string): Promise<void> {
    for (const path of [this.recordPath(name), this.leasePath(name), this.kubeconfigPath(name)]) {
      try {
        await rm(path, { force: true });
      } catch (err) {
        throw new StateStoreError(`cannot remove ${path}: ${String(err)}`, err);
      }
    }
  }

  /**
   * Claims a cluster for a run. Exclusive creation makes two concurrent runs unable to claim the
   * same cluster; a lease whose owner is dead is broken and claimed again.
   */
  async claim(name: string, owner: RunOwner): Promise<boolean> {
    await this.ensure();
    const path = this.leasePath(name);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, "wx", 0o600);
        try {
          await handle.writeFile(JSON.stringify(owner) + "\n");
        } finally {
          await handle.close();
        }
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new StateStoreError(`cannot create ${path}: ${String(err)}`, err);
      }
      if (await this.liveHolder(name)) return false;
      await rm(path, { force: true }); // stale lease of a crashed run
    }
    return false;
  }

  /** The run holding `name`, if its process is still alive (a crashed run's lease holds nothing). */
  async liveHolder(name: string): Promise<RunOwner | undefined> {
    const holder = await this.leaseHolder(name);
    return holder && ownerIsAlive(holder) ? holder : undefined;
  }

  async leaseHolder(name: string): Promise<RunOwner | undefined> {
    const lease = await this.readLease(name);
    if (lease.state === "held") return lease.owner;
    // A lease torn by a crash between create and write: nobody holds it meaningfully.
    if (lease.state === "unreadable") return { runId: "unknown", pid: -1, host: hostname(), since: "" };
    return undefined;
  }

  /** The lease as it is on disk: free, held by a run, or there but unreadable (torn or not JSON). */
  async readLease(name: string): Promise<LeaseReading> {
    let text: string;
    try {
      text = await readFile(this.leasePath(name), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "free" };
      throw new StateStoreError(`cannot read ${this.leasePath(name)}: ${String(err)}`, err);
    }
    try {
      const owner = JSON.parse(text) as RunOwner;
      if (typeof owner?.pid !== "number" || typeof owner.host !== "string") return { state: "unreadable", why: `${this.leasePath(name)} names no run` };
      return { state: "held", owner };
    } catch {
      return { state: "unreadable", why: `${this.leasePath(name)} is not JSON` };
    }
  }

  async unclaim(name: string): Promise<void> {
    await rm(this.leasePath(name), { force: true });
  }
}

function parseRecord(text: string, path: string): ClusterRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StateStoreError(`${path} is not valid JSON; delete it after checking \`docker ps -a --filter label=io.x-k8s.kind.cluster\``, err);
  }
  if (typeof value !== "object" || value === null || (value as { version?: unknown }).version !== 1 || typeof (value as { name?: unknown }).name !== "string") {
    throw new StateStoreError(`${path} is not a kube-gameday cluster record (version 1)`);
  }
  return value as ClusterRecord;
}
