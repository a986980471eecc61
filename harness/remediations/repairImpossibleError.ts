// A repair that must not proceed (nothing to repair from, or it would make things worse): the
// message says why and what to do instead. Counts as bad input for the CLI's exit code, since
// retrying the same command cannot help.

export class RepairImpossibleError extends Error {
  readonly category = "input" as const;
  constructor(reason: string, readonly hint: string) {
    // The CLI prints the hint on its own line ("next: …"); the message is the reason alone.
    super(reason);
    this.name = "RepairImpossibleError";
  }
}
