// Run ids name report folders and clusters: sortable by start time, unique enough for one host.
import { randomBytes } from "node:crypto";

export function newRunId(now: Date = new Date(), suffix: string = randomBytes(2).toString("hex")): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  return `${stamp}-${suffix}`; // e.g. 20260801-120000-3fa9
}
