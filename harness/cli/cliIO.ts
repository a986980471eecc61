// Where the CLI writes: results on stdout, progress and errors on stderr (so `gameday list --json`
// can be piped while progress still shows). Injected, so tests capture both.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};
