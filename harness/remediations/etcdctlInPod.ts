// Runs etcdctl inside the cluster's etcd pod, the way an operator does with
// `kubectl exec -n kube-system etcd-<node> -- etcdctl …`: through the API server's exec
// subresource, so it needs no node access and works wherever etcd runs as a kubeadm static pod.
// The etcd image carries etcdctl, and the pod mounts the etcd PKI the flags below point at.

import { Writable } from "node:stream";
import { Exec, type V1Pod, type V1Status } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/kubeClients.js";
import { kubeJsonRequest } from "../kube/kubeRawRequest.js";
import { toKubeApiError } from "../kube/kubeApiError.js";
import { DeadlineExceededError } from "../kube/deadline.js";

/** kubeadm's etcd static pod: client URL on localhost, certificates under /etc/kubernetes/pki/etcd. */
const ETCDCTL_CONNECTION = [
  "--endpoints=https://127.0.0.1:2379",
  "--cacert=/etc/kubernetes/pki/etcd/ca.crt",
  "--cert=/etc/kubernetes/pki/etcd/server.crt",
  "--key=/etc/kubernetes/pki/etcd/server.key",
  "--command-timeout=20s",
];

export class EtcdPodNotFoundError extends Error {
  readonly category = "infrastructure" as const;
  constructor(detail: string) {
    super(`no running etcd pod in kube-system (${detail}): this needs a kubeadm-style control plane (kind, kubeadm); on a managed control plane use an API-level backup instead`);
    this.name = "EtcdPodNotFoundError";
  }
}

export async function findEtcdPod(kube: KubeClients, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  let pods: V1Pod[];
  try {
    const list = (await kubeJsonRequest(kube.config, "/api/v1/namespaces/kube-system/pods?labelSelector=component%3Detcd", options)) as { items?: V1Pod[] };
    pods = list.items ?? [];
  } catch (error) {
    throw toKubeApiError("list etcd pods in kube-system", error);
  }
  const running = pods.find((pod) => pod.status?.phase === "Running");
  if (!running?.metadata?.name) throw new EtcdPodNotFoundError(pods.length === 0 ? "none labelled component=etcd" : `${pods.length} found, none Running`);
  return running.metadata.name;
}

/** Runs `etcdctl <args>` in the etcd container and returns its stdout; rejects on a non-zero exit. */
export async function etcdctlInPod(kube: KubeClients, pod: string, args: string[], options: { timeoutMs: number }): Promise<string> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const sink = (chunks: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
  const command = ["etcdctl", ...ETCDCTL_CONNECTION, ...args];
  const what = `etcdctl ${args.join(" ")} in kube-system/${pod}`;
  return new Promise<string>((resolve, reject) => {
    let socket: { close(): void } | undefined;
    const timer = setTimeout(() => {
      socket?.close();
      reject(new DeadlineExceededError(what, options.timeoutMs, Buffer.concat(stderr).toString("utf8").trim() || undefined));
    }, options.timeoutMs);
    const finish = (status: V1Status) => {
      clearTimeout(timer);
      // The status arrives on the error channel before the last stdout frames may be flushed;
      // the socket's close (below) is what ends the output, so resolve there for success.
      if (status.status !== "Success") {
        reject(new Error(`${what} failed: ${status.message ?? "non-zero exit"} ${Buffer.concat(stderr).toString("utf8").trim()}`.trim()));
      }
    };
    new Exec(kube.config)
      .exec("kube-system", pod, "etcd", command, sink(stdout), sink(stderr), null, false, finish)
      .then(
        (ws) => {
          socket = ws;
          ws.on("close", () => {
            clearTimeout(timer);
            resolve(Buffer.concat(stdout).toString("utf8"));
          });
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(toKubeApiError(`exec into kube-system/${pod}`, error));
        },
      );
  });
}
