// A scenario file that cannot be used, with every problem found pinned to file:line:column, the
// field, and what to write instead. The CLI prints `.format()` and no stack trace: the reader is a
// scenario author, and a stack trace into the loader tells them nothing about their file.

export interface ScenarioIssue {
  /** 1-based; absent when the problem concerns the file as a whole (empty, unreadable). */
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. "expect[0].within"; absent for file-level problems. */
  field?: string;
  problem: string;
  fix: string;
}

export class ScenarioFileError extends Error {
  /** For the CLI's exit codes (see harness/cluster/errorCategory.ts): the user's file is wrong. */
  readonly category = "input" as const;
  readonly hint = "fix the scenario file as each `fix:` line says";

  /** Issues in file order (file-level ones first), as a reader goes through the file. */
  readonly issues: ScenarioIssue[];

  constructor(
    readonly file: string,
    issues: ScenarioIssue[],
    /** The file's text, for source excerpts in `.format()`; absent for unreadable files. */
    readonly source?: string,
  ) {
    const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    super(summary(file, sorted));
    this.name = "ScenarioFileError";
    this.issues = sorted;
  }

  /** Human-readable, multi-line, one block per issue, with the offending line and a caret. */
  format(): string {
    const lines = this.source?.split(/\r?\n/);
    const blocks = this.issues.map((issue) => {
      const where = issue.line ? `${this.file}:${issue.line}:${issue.column ?? 1}` : this.file;
      const field = issue.field ? `${issue.field}: ` : "";
      const out = [`${where}: ${field}${issue.problem}`];
      const text = issue.line && lines ? lines[issue.line - 1] : undefined;
      if (text !== undefined && issue.line) {
        const gutter = String(issue.line);
        out.push(`  ${gutter} | ${visibleTabs(text)}`);
        out.push(`  ${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, (issue.column ?? 1) - 1))}^`);
      }
      out.push(`  fix: ${issue.fix}`);
      return out.join("\n");
    });
    const count = this.issues.length === 1 ? "1 problem" : `${this.issues.length} problems`;
    return `${count} in ${this.file}\n\n${blocks.join("\n\n")}\n`;
  }
}

function summary(file: string, issues: ScenarioIssue[]): string {
  const first = issues[0];
  if (!first) return `${file}: invalid scenario`;
  const where = first.line ? `${file}:${first.line}:${first.column ?? 1}` : file;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return `${where}: ${first.field ? `${first.field}: ` : ""}${first.problem}${more}`;
}

/** Tabs are a classic YAML mistake; show them so the caret lines up and the reader sees them. */
function visibleTabs(text: string): string {
  return text.replace(/\t/g, "→");
}
