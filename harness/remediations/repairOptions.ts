// What every release repair takes: dry run or not, where its pre-change backup goes, deadlines.

export interface RepairOptions {
  /** Print the change, change nothing (and take no backup). */
  dryRun: boolean;
  backupDir: string;
  /** Deadline of each API call. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Progress lines (what was backed up and changed). */
  log?: (line: string) => void;
}
