// Since when has a condition held? For polled checks whose samples are shared between observers
// (a detector polling all through the expect phase, a recovery check started later): the start of
// the current run of equal verdicts, so a recovery check that starts after the routes came back
// still reports the instant they did — its time-to-recover is measured, not "at most".
// Pure; the history is kept by whoever samples.

export interface VerdictSample {
  at: number;
  verdict: boolean;
}

/** Keeps samples in time order, bounded (the oldest go first). */
export class VerdictHistory {
  private readonly samples: VerdictSample[] = [];

  constructor(private readonly limit = 2_000) {}

  add(sample: VerdictSample): void {
    let index = this.samples.length;
    while (index > 0 && this.samples[index - 1]!.at > sample.at) index -= 1;
    this.samples.splice(index, 0, sample);
    if (this.samples.length > this.limit) this.samples.splice(0, this.samples.length - this.limit);
  }

  /** The earliest instant of the run of samples, ending with the latest, that all have the latest's verdict. */
  streakStart(): number | undefined {
    const last = this.samples[this.samples.length - 1];
    if (!last) return undefined;
    let start = last.at;
    for (let i = this.samples.length - 1; i >= 0 && this.samples[i]!.verdict === last.verdict; i -= 1) start = this.samples[i]!.at;
    return start;
  }
}
