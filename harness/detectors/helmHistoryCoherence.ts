// What "`helm history` is coherent" means after a repair, as a pure rule over
// `helm history <release> -o json`: every revision once, exactly one deployed and it is the newest,
// nothing left pending, and (optionally) at least N revisions — a restore that silently dropped
// history would otherwise pass.

export interface HistoryEntry {
  revision: number;
  status: string;
  chart?: string;
  description?: string;
}

export interface CoherenceVerdict {
  coherent: boolean;
  detail: string;
}

export function parseHelmHistory(json: string): HistoryEntry[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error("helm history -o json did not print a list");
  return parsed.map((entry: unknown, index) => {
    const record = entry as Record<string, unknown>;
    if (typeof record.revision !== "number" || typeof record.status !== "string") throw new Error(`helm history entry ${index} has no revision/status`);
    return {
      revision: record.revision,
      status: record.status,
      ...(typeof record.chart === "string" ? { chart: record.chart } : {}),
      ...(typeof record.description === "string" ? { description: record.description } : {}),
    };
  });
}

export function historyCoherence(entries: HistoryEntry[], minRevisions = 1): CoherenceVerdict {
  const sorted = [...entries].sort((a, b) => a.revision - b.revision);
  const summary = sorted.map((entry) => `v${entry.revision} ${entry.status}`).join(", ") || "no revisions";
  const problems: string[] = [];
  if (sorted.length < minRevisions) problems.push(`${sorted.length} revision(s), expected at least ${minRevisions}`);
  const revisions = sorted.map((entry) => entry.revision);
  if (new Set(revisions).size !== revisions.length) problems.push("a revision appears twice");
  const deployed = sorted.filter((entry) => entry.status === "deployed");
  if (deployed.length !== 1) problems.push(`${deployed.length} deployed revisions, expected exactly one`);
  else if (deployed[0] !== sorted[sorted.length - 1]) problems.push(`the deployed revision v${deployed[0]!.revision} is not the newest`);
  const pending = sorted.filter((entry) => entry.status.startsWith("pending"));
  if (pending.length > 0) problems.push(`pending: ${pending.map((entry) => `v${entry.revision}`).join(", ")}`);
  return problems.length === 0 ? { coherent: true, detail: summary } : { coherent: false, detail: `${problems.join("; ")} (${summary})` };
}
