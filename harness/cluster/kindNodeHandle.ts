// A kind node container, reached through testcontainers' runtime client. The container is looked
// up by name *and* checked to carry its cluster's kind label before anything runs in it, so a
// same-named container of someone else is never touched.
import { PassThrough, type Duplex } from "node:stream";

import type { ContainerRuntimeClient } from "testcontainers";

import type { ExecOptions, ExecResult, NodeHandle } from "./clusterHandle.js";
import { HarnessError } from "./harnessError.js";
import { KIND_CLUSTER_LABEL } from "./kindLabels.js";
import { DeadlineExceededError, withDeadline } from "./withDeadline.js";

export class NodeAccessError extends HarnessError {
  constructor(message: string, cause?: unknown) {
    super("infrastructure", message, { hint: "check the node container with `docker ps -a --filter label=io.x-k8s.kind.cluster`", cause });
  }
}

// Grace between the in-node `timeout` and the harness-side deadline, so the node normally ends the
// command itself (freeing its resources) before the harness gives up waiting.
const KILL_GRACE_S = 2;
// GNU timeout exits 124 when it stops the command; busybox's exits with 128+signal (TERM or KILL).
const TIMEOUT_EXIT_CODES = new Set([124, 128 + 15, 128 + 9]);

export class KindNodeHandle implements NodeHandle {
  constructor(
    private readonly runtime: ContainerRuntimeClient,
    readonly clusterName: string,
    readonly name: string,
    readonly role: "control-plane" | "worker",
  ) {}

  async exec(argv: string[], options: ExecOptions): Promise<ExecResult> {
    if (argv.length === 0) throw new NodeAccessError(`exec on ${this.name}: empty command`);
    const container = await this.container(options.timeoutMs);
    // Docker's exec API has no deadline or kill, so the node's own `timeout` ends the command.
    const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    const wrapped = ["timeout", "-k", String(KILL_GRACE_S), String(seconds), ...argv];
    const what = `exec on node ${this.name}: ${argv.join(" ")}`;
    const started = performance.now();
    const run = options.stdin === undefined ? this.runtime.container.exec(container, wrapped) : this.execWithStdin(container.id, wrapped, options.stdin);
    const result = await withDeadline(run, options.timeoutMs + (KILL_GRACE_S + 3) * 1000, what);
    if (TIMEOUT_EXIT_CODES.has(result.exitCode) && performance.now() - started >= options.timeoutMs - 50) {
      throw new DeadlineExceededError(what, options.timeoutMs);
    }
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  }

  async restart(options: { timeoutMs: number }): Promise<void> {
    const container = await this.container(options.timeoutMs);
    const deadline = performance.now() + options.timeoutMs;
    // Stop timeout 0: the container is killed, not shut down, as a power cut would.
    await withDeadline(this.runtime.container.restart(container, { timeout: 0 }), options.timeoutMs, `restarting node ${this.name}`);
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) throw new DeadlineExceededError(`node ${this.name} running again after restart`, options.timeoutMs);
      const info = await withDeadline(this.runtime.container.inspect(container), left, `inspecting node ${this.name}`);
      if (info.State.Running && !info.State.Restarting) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, left)));
    }
  }

  async readFile(path: string, options: { timeoutMs: number }): Promise<string> {
    const result = await this.exec(["cat", "--", path], options);
    if (result.exitCode !== 0) throw new NodeAccessError(`cannot read ${path} on node ${this.name}: ${result.stderr.trim() || `exit code ${result.exitCode}`}`);
    return result.stdout;
  }

  private async container(timeoutMs: number) {
    const container = this.runtime.container.getById(this.name);
    const info = await withDeadline(this.runtime.container.inspect(container), timeoutMs, `inspecting node ${this.name}`).catch((err: unknown) => {
      throw err instanceof HarnessError ? err : new NodeAccessError(`node container ${this.name} cannot be inspected: ${String(err)}`, err);
    });
    const owner = info.Config.Labels?.[KIND_CLUSTER_LABEL];
    if (owner !== this.clusterName) {
      throw new NodeAccessError(`container ${this.name} does not belong to kind cluster ${this.clusterName} (label ${KIND_CLUSTER_LABEL}=${owner ?? "<none>"}); refusing to touch it`);
    }
    return container;
  }

  /** testcontainers' exec cannot feed stdin, so this path talks to dockerode (which it wraps). */
  private async execWithStdin(containerId: string, cmd: string[], stdin: string): Promise<ExecResult> {
    const docker = this.runtime.container.dockerode;
    const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
    const stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
    const out = new PassThrough();
    const err = new PassThrough();
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    out.on("data", (c: Buffer) => stdout.push(c));
    err.on("data", (c: Buffer) => stderr.push(c));
    docker.modem.demuxStream(stream, out, err);
    const ended = new Promise<void>((resolve, reject) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", reject);
    });
    stream.end(stdin);
    await ended;
    const inspected = await exec.inspect();
    return { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), exitCode: inspected.ExitCode ?? -1 };
  }
}
