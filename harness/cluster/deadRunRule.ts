// Whether a recorded cluster was left behind by a run that is gone, so that a new run may delete it
// before it starts its own (on a 2-core host a dead run's three nodes starve the next cluster).
// Pure, so every rule is unit-tested; the provider reads the lease and asks the kernel about pids.
//
// Only what is provably abandoned goes: never a cluster kept with --keep-cluster, never one whose
// lease cannot be read (a run may be writing it this very moment), never one of another host (its
// pids mean nothing here), never this run's, never one whose run still lives.

import type { ClusterRecord, RunOwner } from "./stateStore.js";

export type LeaseReading = { state: "free" } | { state: "held"; owner: RunOwner } | { state: "unreadable"; why: string };

export interface HostFacts {
  host: string;
  pid: number;
  isAlive(pid: number): boolean;
}

export type DeadRunDecision = { reap: true; owner: RunOwner } | { reap: false; reason: string };

export function deadRunDecision(record: ClusterRecord, lease: LeaseReading, facts: HostFacts): DeadRunDecision {
  if (record.kept) return { reap: false, reason: "kept with --keep-cluster" };
  if (lease.state === "unreadable") return { reap: false, reason: `its lease cannot be read (${lease.why})` };
  // The lease names the run using the cluster now (a later run may have reused a kept one); with no
  // lease, the run that created it is the one that should have deleted it.
  const owner = lease.state === "held" ? lease.owner : record.createdBy;
  if (owner.host !== facts.host) return { reap: false, reason: `recorded by a run on another host (${owner.host})` };
  if (owner.pid === facts.pid) return { reap: false, reason: "this run's own cluster" };
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return { reap: false, reason: `its run's pid (${owner.pid}) cannot be checked` };
  if (facts.isAlive(owner.pid)) return { reap: false, reason: `run ${owner.runId} (pid ${owner.pid}) is still running` };
  return { reap: true, owner };
}
