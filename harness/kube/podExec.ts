// Runs a command in a pod's container through the API server (the exec subresource), with a
// deadline: client-node's Exec has none, so the socket is closed when time runs out. Used for
// probes that must start inside the pod network (a node's own address would take other routes).

import { Writable } from "node:stream";
import { Exec, type V1Status } from "@kubernetes/client-node";
import type { ExecResult } from "../cluster/clusterHandle.js";
import { abortReason, DeadlineExceededError } from "./deadline.js";
import type { KubeClients } from "./kubeClients.js";

export interface PodExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each piece of standard output as it arrives (for long-running commands that report as they go). */
  onStdout?: (chunk: string) => void;
}

/** The exit code a V1Status from the exec stream stands for (the API sends it as a string cause). */
export function exitCodeOf(status: V1Status): number {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : -1;
}

export function execInPod(kube: KubeClients, options: PodExecOptions): Promise<ExecResult> {
  const what = `exec in pod ${options.namespace}/${options.pod}: ${options.command.join(" ")}`;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const sink = (into: Buffer[], onChunk?: (chunk: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.push(Buffer.from(chunk));
        onChunk?.(Buffer.from(chunk).toString("utf8"));
        done();
      },
    });
  return new Promise<ExecResult>((resolve, reject) => {
    let status: V1Status | undefined;
    let socket: { close(): void } | undefined;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      socket?.close();
      if (error) return reject(error);
      if (!status) return reject(new Error(`${what}: the stream closed without an exit status (was the pod deleted or its node unreachable?)`));
      resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), exitCode: exitCodeOf(status) });
    };
    const timer = setTimeout(() => finish(new DeadlineExceededError(what, options.timeoutMs)), options.timeoutMs);
    const onAbort = () => finish(abortReason(options.signal, what));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    new Exec(kube.config)
      .exec(options.namespace, options.pod, options.container, options.command, sink(stdout, options.onStdout), sink(stderr), null, false, (s) => {
        status = s;
      })
      .then(
        (ws) => {
          socket = ws;
          if (settled) ws.close();
          ws.on("close", () => finish());
          ws.on("error", (error: Error) => finish(new Error(`${what}: ${error.message}`)));
        },
        (error: unknown) => finish(new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`)),
      );
  });
}
