// The cluster preparation of the ca-expiry scenario: before kind creates the cluster, generate CAs
// that expire `settings.caValidity` from now into a private host directory and mount it as the
// control plane's /etc/kubernetes/pki (read-write: kubeadm writes its leaves next to them). Workers
// get nothing: they learn the CA through `kubeadm join` discovery, as in any kubeadm cluster.

import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { dockerRuntime } from "../cluster/dockerRuntime.js";
import { withDeadline } from "../cluster/withDeadline.js";
import { parseDuration } from "../scenario/duration.js";
import type { ClusterPreparation } from "../scenario/kindTypes.js";
import type { MonoMs } from "../scenario/runResult.js";
import { writeShortLivedCas, type GeneratedAuthority } from "./shortLivedCa.js";

export const SHORT_LIVED_CA = "shortLivedCa";
export const PKI_DIR = "/etc/kubernetes/pki";

export interface ShortLivedCaOutput {
  authorities: Array<Pick<GeneratedAuthority, "file" | "commonName" | "notBefore" | "notAfter">>;
  /** The CAs' common NotAfter, as a wall-clock instant and on the run's monotonic clock. */
  notAfter: Date;
  notAfterMono: MonoMs;
  validityMs: number;
}

export const shortLivedCaPreparation: ClusterPreparation = {
  name: SHORT_LIVED_CA,
  summary: "generate kubeadm's CAs valid for settings.caValidity and mount them as the control plane's /etc/kubernetes/pki",
  async prepare(requirements, context) {
    const validity = context.settings.caValidity;
    if (validity === undefined) throw new Error("settings.caValidity is not set: give the scenario e.g. `settings: { caValidity: 10m }`");
    const validityMs = parseDuration(validity);
    // 0700: kubeadm writes every private key of the cluster in here.
    const dir = await mkdtemp(path.join(tmpdir(), `gameday-pki-${context.runId}-`));
    await chmod(dir, 0o700);
    try {
      const authorities = await writeShortLivedCas({ dir, validityMs });
      const notAfter = authorities[0]!.notAfter;
      // Both clocks read together, so NotAfter lands on the run clock to the millisecond.
      const wall = new Date();
      const mono = context.now();
      const output: ShortLivedCaOutput = {
        authorities: authorities.map(({ file, commonName, notBefore, notAfter: end }) => ({ file, commonName, notBefore, notAfter: end })),
        notAfter,
        notAfterMono: mono + (notAfter.getTime() - wall.getTime()),
        validityMs,
      };
      return {
        requirements: { ...requirements, extraMounts: [...(requirements.extraMounts ?? []), { hostPath: dir, containerPath: PKI_DIR, roles: ["control-plane"] }] },
        output,
        detail: `CAs ${authorities.map((a) => a.file).join(", ")} valid until ${notAfter.toISOString()} (${validity})`,
        dispose: async () => {
          // The directory IS the control plane's /etc/kubernetes/pki (a bind mount), not a copy:
          // removing it under a kept cluster (--keep-cluster, training) deletes sa.key and every
          // CA, and leaves nothing to repair. So it goes only once no container mounts it.
          const users = await containersMounting(dir);
          if (users.length > 0) {
            context.log.warn(`kept ${dir}: it is the /etc/kubernetes/pki of ${users.join(", ")}; delete it after deleting the cluster`);
            return;
          }
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  },
};

/** Names of the containers (running or not) that bind-mount `dir`. */
async function containersMounting(dir: string): Promise<string[]> {
  const runtime = await dockerRuntime();
  const list = await withDeadline(runtime.container.dockerode.listContainers({ all: true }), 30_000, "listing containers that mount the CA directory");
  return list.filter((c) => c.Mounts?.some((m) => m.Source === dir)).map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ""));
}
