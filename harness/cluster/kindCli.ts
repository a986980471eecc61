// The kind CLI, run through execa with a deadline on every call. Progress lines kind prints on
// stderr are forwarded as they come; error messages are built from stderr only, because stdout of
// `kind get kubeconfig` holds credentials and must never end up in a message or a report.
import { execa, type ResultPromise } from "execa";

import { HarnessError } from "./harnessError.js";
import { resolveTool } from "./toolPaths.js";

export class KindCommandError extends HarnessError {
  constructor(
    readonly args: string[],
    detail: string,
    cause?: unknown,
  ) {
    super("infrastructure", `kind ${args.join(" ")} failed: ${detail}`, {
      hint: "run `gameday doctor`; if nodes were left behind, `gameday clean` removes them",
      cause,
    });
  }
}

export interface KindRunOptions {
  timeoutMs: number;
  /** Standard input, e.g. a cluster config given as `--config -`. */
  input?: string;
  /** Receives each stderr line as kind prints it. */
  onProgress?: (line: string) => void;
  /** Docker network the nodes join (kind reads KIND_EXPERIMENTAL_DOCKER_NETWORK). */
  network?: string;
}

const STDERR_TAIL_LINES = 15;

export class KindCli {
  constructor(private readonly kindPath?: string) {}

  async run(args: string[], options: KindRunOptions): Promise<string> {
    const kind = this.kindPath ?? (await resolveTool("kind"));
    const env: Record<string, string> = {};
    if (options.network) env.KIND_EXPERIMENTAL_DOCKER_NETWORK = options.network;
    const child: ResultPromise = execa(kind, args, {
      timeout: options.timeoutMs,
      // SIGTERM first so kind can stop its docker calls; SIGKILL if it ignores it.
      forceKillAfterDelay: 5_000,
      env,
      input: options.input ?? "",
      stdout: "pipe",
      stderr: "pipe",
      reject: false,
      stripFinalNewline: true,
    });
    const tail: string[] = [];
    let partial = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString("utf8")).split(/\r?\n/);
      partial = lines.pop() ?? "";
      for (const line of lines) this.keep(line, tail, options.onProgress);
    });
    const result = await child;
    if (partial !== "") this.keep(partial, tail, options.onProgress);
    if (result.timedOut) throw new KindCommandError(args, `no result within ${Math.round(options.timeoutMs / 1000)}s${tailText(tail)}`);
    if (result.failed) {
      const how = result.exitCode !== undefined ? `exit code ${result.exitCode}` : (result.signal ?? "did not start");
      const notStarted = result.exitCode === undefined && !result.signal ? `: ${(result.shortMessage ?? "").split("\n")[0]}` : "";
      throw new KindCommandError(args, `${how}${notStarted}${tailText(tail)}`);
    }
    return typeof result.stdout === "string" ? result.stdout : "";
  }

  private keep(line: string, tail: string[], onProgress?: (line: string) => void): void {
    const clean = line.trimEnd();
    if (clean === "") return;
    tail.push(clean);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    onProgress?.(clean);
  }

  async clusters(timeoutMs: number): Promise<string[]> {
    const out = await this.run(["get", "clusters"], { timeoutMs });
    return out
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("No kind clusters"));
  }

  async version(timeoutMs: number): Promise<string> {
    return (await this.run(["version"], { timeoutMs })).trim();
  }
}

function tailText(tail: string[]): string {
  return tail.length === 0 ? "" : `\n${tail.map((l) => `  | ${l}`).join("\n")}`;
}
