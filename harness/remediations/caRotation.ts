// Runs the CA rotation runbook (caRotationPlan.ts) on a cluster the harness can reach node by node.
// Every action first looks whether it is still needed — so a second run, or a run after a person
// did part of the work, changes nothing that is already right — and a dry run only looks. Each
// node is backed up before its first change. Every wait has a deadline and says what it waited for.

import { X509Certificate } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";

import type { NodeHandle } from "../cluster/clusterHandle.js";
import { certificatesInPem, type CertificateFacts } from "../detectors/certificateFacts.js";
import { CA_FILES } from "../faults/clusterCaExpiry.js";
import { certificatesOfBundle, readNodeCertificates, splitListing, listingCommand } from "../detectors/nodePkiReader.js";
import { inventory, issuerOf } from "../detectors/pkiInventory.js";
import { pause } from "../kube/deadline.js";
import type { KubeClients } from "../kube/kubeClients.js";
import { kubeRawRequest } from "../kube/kubeRawRequest.js";
import { formatDuration } from "../scenario/duration.js";
import { assessmentOutcome, type ActionStatus, type Assessment } from "./caActionAssessment.js";
import { BACKUP_DIR, backupPath, MANIFESTS, PAUSED_MANIFESTS, PKI, planCaRotation, STATIC_POD_CONTAINERS, type RotationAction } from "./caRotationPlan.js";
import { rewriteAdminKubeconfig } from "./kubeconfigRewrite.js";
import { rolloutComplete, staleWorkloads, type ControllerRef } from "./staleWorkloads.js";

export interface CaRotationTarget {
  nodes: NodeHandle[];
  /** The harness's kubeconfig for this cluster: rewritten with the new credentials. */
  kubeconfigPath: string;
  contextName: string;
  /** API clients built from that kubeconfig; reloaded in place once it is rewritten. */
  kube: KubeClients;
}

export interface CaRotationOptions {
  dryRun: boolean;
  kubeadmConfig?: string;
  /** A CA with less than this left is replaced (default 365 days). */
  minCaResidualMs?: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

export type { ActionStatus } from "./caActionAssessment.js";

export interface CaRotationReport {
  actions: Array<{ id: string; status: ActionStatus; detail: string }>;
  backups: string[];
  /** When the new CA files were written (from ca.crt's mtime on the control plane). */
  rotatedAt?: Date;
  newCaNotAfter?: Date;
}

const DAY_MS = 86_400_000;
const NODE_CMD_TIMEOUT_MS = 120_000;
const WAIT_STEP_MS = 2_000;
/** How long a real run keeps asking an API server that does not answer before it stops (see apiProblemAfterGrace). */
const API_GRACE_MS = 30_000;

export class CaRotationError extends Error {
  constructor(action: string, problem: string, next: string) {
    super(`${action}: ${problem} — ${next}`);
    this.name = "CaRotationError";
  }
}

export async function rotateClusterCa(target: CaRotationTarget, options: CaRotationOptions): Promise<CaRotationReport> {
  return new CaRotation(target, options).run();
}

class CaRotation {
  private readonly cfg: string;
  private readonly minCaResidualMs: number;
  private readonly backedUp = new Set<string>();
  private readonly report: CaRotationReport = { actions: [], backups: [] };
  private readonly stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  /** Dry run: why the API could not be used with today's credentials, once that is known. */
  private apiProblemSeen: string | undefined;
  /** Dry run: the pki action would replace the CA, so later checks against today's CA mean nothing. */
  private caReplaced = false;

  constructor(
    private readonly target: CaRotationTarget,
    private readonly options: CaRotationOptions,
  ) {
    this.cfg = options.kubeadmConfig ?? "/kind/kubeadm.conf";
    this.minCaResidualMs = options.minCaResidualMs ?? 365 * DAY_MS;
  }

  private get cp(): NodeHandle {
    return this.target.nodes.find((n) => n.role === "control-plane")!;
  }

  private node(name: string): NodeHandle {
    const node = this.target.nodes.find((n) => n.name === name);
    if (!node) throw new CaRotationError(name, "node not found", "check `docker ps` for the cluster's node containers");
    return node;
  }

  async run(): Promise<CaRotationReport> {
    const plan = planCaRotation(this.target.nodes, { kubeadmConfig: this.cfg, stamp: this.stamp });
    await this.preflight();
    for (const action of plan) {
      if (action.kind === "backup") continue; // taken lazily, right before a node's first change
      this.options.signal?.throwIfAborted();
      if (this.options.dryRun && this.caReplaced) {
        // Judged against the CA that a real run replaces first, every later check would mislead.
        this.record(action, "would run", `after the new CA exists${action.commands.length ? `: ${action.commands.join(" && ")}` : ""}`);
        if (action.node) this.noteBackup(action.node);
        continue;
      }
      const outcome = assessmentOutcome(action.id, await this.assess(action), this.options.dryRun);
      if (outcome.next === "skip") {
        this.record(action, outcome.status, outcome.detail);
        continue;
      }
      if (this.options.dryRun) {
        if (action.kind === "pki") this.caReplaced = true;
        this.record(action, "would run", `${outcome.why}${action.commands.length ? `: ${action.commands.join(" && ")}` : ""}`);
        if (action.node) this.noteBackup(action.node);
        continue;
      }
      if (action.node) await this.backup(action.node);
      const started = performance.now();
      this.options.log(`ca rotation: ${action.id}: ${action.summary}`);
      const detail = await this.apply(action);
      this.record(action, "done", `${detail} (${formatDuration(performance.now() - started)})`);
    }
    const ca = (await this.currentAuthorities()).find((c) => c.source.endsWith("/pki/ca.crt"));
    if (ca) this.report.newCaNotAfter = ca.notAfter;
    return this.report;
  }

  private record(action: RotationAction, status: ActionStatus, detail: string): void {
    this.report.actions.push({ id: action.id, status, detail });
    this.options.log(`ca rotation: ${action.id}: ${status} — ${detail}`);
  }

  // ── checks ─────────────────────────────────────────────────────────────────────────────

  private async preflight(): Promise<void> {
    const probe = await this.exec(this.cp, ["sh", "-c", `test -f ${this.cfg} && command -v kubeadm && test -f ${PKI}/sa.key`], 20_000, false);
    if (probe.exitCode !== 0) {
      throw new CaRotationError("preflight", `${this.cp.name} lacks ${this.cfg}, kubeadm or ${PKI}/sa.key`, "pass --kubeadm-config with the cluster's kubeadm configuration (a saved kubeadm-config ConfigMap); without sa.key every service-account token would break");
    }
  }

  private async currentAuthorities(): Promise<CertificateFacts[]> {
    return (await readNodeCertificates(this.cp, 20_000, CA_FILES)).filter((c) => c.isCA);
  }

  private async currentCaPem(): Promise<string> {
    return this.cp.readFile(`${PKI}/ca.crt`, { timeoutMs: 20_000 });
  }

  /** Whether the action is still needed, or why that could not be checked (the API unreachable). */
  private async assess(action: RotationAction): Promise<Assessment> {
    const now = Date.now();
    switch (action.kind) {
      case "pki": {
        const authorities = await this.currentAuthorities();
        const short = authorities.filter((c) => c.notAfter.getTime() - now < this.minCaResidualMs);
        if (authorities.length < 3) return { needed: true, why: `only ${authorities.length} of 3 CAs present` };
        if (short.length > 0) return { needed: true, why: `${short.map((c) => `${c.subject} expires ${c.notAfter.toISOString()}`).join(", ")}` };
        const leaves = await this.nodeCerts(this.cp, [`${PKI}/*.crt`, `${PKI}/etcd/*.crt`]);
        const broken = inventory(leaves).filter((e) => !e.cert.isCA && !e.chainComplete);
        return broken.length ? { needed: true, why: `leaves not signed by a current CA: ${broken.map((e) => e.cert.source).join(", ")}` } : { needed: false, why: `CAs valid until ${authorities[0]!.notAfter.toISOString()}, every leaf signed by them` };
      }
      case "kubeconfigs": {
        const bad = await this.kubeconfigsNotTrusting(this.cp, ["admin", "super-admin", "controller-manager", "scheduler", "kubelet"]);
        return bad.length ? { needed: true, why: `${bad.join(", ")} not on the current CA` } : { needed: false, why: "every kubeconfig trusts and is signed by the current CA" };
      }
      case "static-pods": {
        const rotatedAt = await this.caWrittenAt();
        const containers = await this.staticPodContainers();
        const old = containers.filter((c) => c.createdAt < rotatedAt).map((c) => c.name);
        const missing = STATIC_POD_CONTAINERS.filter((name) => !containers.some((c) => c.name === name));
        if (old.length + missing.length === 0) return { needed: false, why: "every control-plane container started after the current CA was written" };
        return { needed: true, why: `${[...old.map((n) => `${n} started before the current CA`), ...missing.map((n) => `${n} not running`)].join(", ")}` };
      }
      case "kubelet-client":
      case "rejoin-worker": {
        const node = this.node(action.node!);
        const problems = await this.kubeletTrustProblems(node);
        return problems.length ? { needed: true, why: problems.join(", ") } : { needed: false, why: "the kubelet trusts the current CA and its client certificate is signed by it" };
      }
      case "harness-kubeconfig": {
        const trusted = this.target.kube.config.getCurrentCluster()?.caData;
        const current = await this.currentCaPem();
        const ok = trusted !== undefined && sameCertificate(Buffer.from(trusted, "base64").toString("utf8"), current);
        return ok ? { needed: false, why: "already trusts the current CA" } : { needed: true, why: "trusts a CA that is no longer the cluster's" };
      }
      case "cluster-info": {
        const apiProblem = await this.apiProblemAfterGrace();
        if (apiProblem) return { couldNotCheck: apiProblem };
        const ca = await this.clusterInfoCa();
        const current = await this.currentCaPem();
        return sameCertificate(ca, current) ? { needed: false, why: "cluster-info carries the current CA" } : { needed: true, why: "cluster-info carries the old CA: joining nodes would trust it" };
      }
      case "root-ca-published": {
        const apiProblem = await this.apiProblemAfterGrace();
        if (apiProblem) return { couldNotCheck: apiProblem };
        const stale = await this.staleRootCaNamespaces();
        return stale.length ? { needed: true, why: `kube-root-ca.crt still old in ${stale.length} namespace(s): ${stale.slice(0, 5).join(", ")}` } : { needed: false, why: "every namespace's kube-root-ca.crt holds the current CA" };
      }
      case "workloads": {
        const apiProblem = await this.apiProblemAfterGrace();
        if (apiProblem) return { couldNotCheck: apiProblem };
        const stale = await this.staleControllers();
        const orphanNote = stale.orphans.length ? `; pods without a controller to restart (recreate them yourself): ${stale.orphans.join(", ")}` : "";
        return stale.controllers.length ? { needed: true, why: `${stale.controllers.map(refName).join(", ")} have pods older than the CA${orphanNote}` } : { needed: false, why: `no controller has pods older than the CA${orphanNote}` };
      }
      default:
        return { needed: true, why: "always" };
    }
  }

  /** Why the API cannot be used with the harness's kubeconfig right now, or undefined when it can. */
  private async apiProblem(): Promise<string | undefined> {
    if (this.apiProblemSeen) return this.apiProblemSeen;
    try {
      await this.target.kube.core.listNamespace({ limit: 1, timeoutSeconds: 5 });
      return undefined;
    } catch (error) {
      const problem = `the API server did not answer with the harness's kubeconfig (${error instanceof Error ? error.message : String(error)})`;
      // A dry run keeps today's credentials throughout: once they fail, asking again changes nothing.
      if (this.options.dryRun) this.apiProblemSeen = `${problem}; a real run rewrites the kubeconfig before these checks`;
      return this.apiProblemSeen ?? problem;
    }
  }

  /**
   * A real run has just restarted the control plane, so a refused connection may be a blip: it asks
   * again for a while before it calls the API unreachable. A dry run asks once.
   */
  private async apiProblemAfterGrace(): Promise<string | undefined> {
    let problem = await this.apiProblem();
    if (this.options.dryRun) return problem;
    const deadline = performance.now() + API_GRACE_MS;
    while (problem && performance.now() < deadline) {
      await pause(WAIT_STEP_MS, this.options.signal);
      problem = await this.apiProblem();
    }
    return problem && `${problem}, still after ${formatDuration(API_GRACE_MS)}`;
  }

  private async nodeCerts(node: NodeHandle, globs: string[]): Promise<CertificateFacts[]> {
    return [...(await readNodeCertificates(node, 20_000, globs)), ...(await this.currentAuthorities())];
  }

  /** Kubeconfigs (by base name) whose CA data is not the current CA or whose client cert it did not sign. */
  private async kubeconfigsNotTrusting(node: NodeHandle, names: string[]): Promise<string[]> {
    const result = await this.exec(node, listingCommand(names.map((n) => `/etc/kubernetes/${n}.conf`)), 20_000);
    const bundle = splitListing(node.name, result.stdout);
    const authorities = await this.currentAuthorities();
    const caPem = await this.currentCaPem();
    const bad: string[] = [];
    for (const name of names) {
      const file = bundle.files.find((f) => f.path === `/etc/kubernetes/${name}.conf`);
      if (!file) {
        bad.push(`${name}.conf (missing)`);
        continue;
      }
      const certs = certificatesOfBundle({ node: node.name, files: [file] });
      const trusted = certs.filter((c) => c.source.includes("#cluster:"));
      const clients = certs.filter((c) => c.source.includes("#user:"));
      const trustsCurrent = trusted.some((c) => sameCertificate(c.x509.toString(), caPem));
      const signed = clients.every((c) => issuerOf(c, authorities) !== undefined);
      if (!trustsCurrent || !signed) bad.push(`${name}.conf`);
    }
    return bad;
  }

  private async kubeletTrustProblems(node: NodeHandle): Promise<string[]> {
    const caPem = await this.currentCaPem();
    const authorities = await this.currentAuthorities();
    const problems: string[] = [];
    const local = await this.exec(node, ["cat", `${PKI}/ca.crt`], 20_000, false);
    if (local.exitCode !== 0 || !sameCertificate(local.stdout, caPem)) problems.push(`${node.name}:${PKI}/ca.crt is not the current CA`);
    const client = await this.exec(node, ["cat", "/var/lib/kubelet/pki/kubelet-client-current.pem"], 20_000, false);
    const cert = client.exitCode === 0 ? certificatesInPem(client.stdout, "kubelet-client-current.pem")[0] : undefined;
    if (!cert) problems.push("no kubelet client certificate");
    else if (!issuerOf(cert, authorities)) problems.push("the kubelet client certificate is signed by another CA");
    const badConf = await this.kubeconfigsNotTrusting(node, ["kubelet"]);
    if (badConf.length) problems.push(`${node.name}:/etc/kubernetes/kubelet.conf does not trust the current CA`);
    return problems;
  }

  private async caWrittenAt(): Promise<Date> {
    const result = await this.exec(this.cp, ["stat", "-c", "%Y", `${PKI}/ca.crt`], 20_000);
    const at = new Date(Number(result.stdout.trim()) * 1000);
    this.report.rotatedAt = at;
    return at;
  }

  /** The control-plane processes running on the node and when each started (from ps; no crictl needed). */
  private async staticPodContainers(): Promise<Array<{ name: string; createdAt: Date }>> {
    const result = await this.exec(this.cp, ["ps", "-eo", "etimes=,comm="], 20_000);
    const now = Date.now();
    return parseProcesses(result.stdout)
      .map((p) => ({ name: STATIC_POD_CONTAINERS.find((name) => name.startsWith(p.comm) && p.comm.length >= Math.min(name.length, 15)) ?? "", createdAt: new Date(now - p.elapsedSeconds * 1000) }))
      .filter((p) => p.name !== "");
  }

  private async clusterInfoCa(): Promise<string> {
    const cm = await this.target.kube.core.readNamespacedConfigMap({ name: "cluster-info", namespace: "kube-public" });
    const data = /certificate-authority-data:\s*(\S+)/.exec(cm.data?.kubeconfig ?? "")?.[1];
    return data ? Buffer.from(data, "base64").toString("utf8") : "";
  }

  private async staleRootCaNamespaces(): Promise<string[]> {
    const current = await this.currentCaPem();
    const list = await this.target.kube.core.listConfigMapForAllNamespaces({ fieldSelector: "metadata.name=kube-root-ca.crt", timeoutSeconds: 20 });
    return list.items.filter((cm) => !sameCertificate(cm.data?.["ca.crt"] ?? "", current)).map((cm) => cm.metadata?.namespace ?? "?");
  }

  private async staleControllers() {
    const rotatedAt = await this.caWrittenAt();
    const pods = await this.target.kube.core.listPodForAllNamespaces({ timeoutSeconds: 20 });
    const replicaSets = await this.target.kube.apps.listReplicaSetForAllNamespaces({ timeoutSeconds: 20 });
    return staleWorkloads(pods.items, replicaSets.items, rotatedAt);
  }

  // ── changes ────────────────────────────────────────────────────────────────────────────

  private noteBackup(node: string): void {
    const file = backupPath(this.stamp, node);
    if (!this.report.backups.includes(`${node}:${file}`)) this.report.backups.push(`${node}:${file}`);
  }

  private async backup(nodeName: string): Promise<void> {
    if (this.backedUp.has(nodeName)) return;
    const file = backupPath(this.stamp, nodeName);
    const backup = planCaRotation(this.target.nodes, { kubeadmConfig: this.cfg, stamp: this.stamp }).find((a) => a.id === `backup@${nodeName}`)!;
    await this.shell(this.node(nodeName), backup.commands[0]!, "backup", "check free space on the node (df -h /var/lib)");
    this.backedUp.add(nodeName);
    this.noteBackup(nodeName);
    this.options.log(`ca rotation: backed up ${nodeName} to ${file}`);
  }

  private async apply(action: RotationAction): Promise<string> {
    switch (action.kind) {
      case "pki": {
        const before = await this.shell(this.cp, `sha256sum ${PKI}/sa.key ${PKI}/sa.pub`, action.id, "sa.key/sa.pub must exist");
        for (const command of action.commands) await this.shell(this.cp, command, action.id, `restore the backup (tar -xzf ${backupPath(this.stamp, this.cp.name)} -C /) and run the command by hand to see why`);
        const after = await this.shell(this.cp, `sha256sum ${PKI}/sa.key ${PKI}/sa.pub`, action.id, "sa.key/sa.pub must exist");
        if (before !== after) throw new CaRotationError(action.id, "sa.key or sa.pub changed", `restore them from ${backupPath(this.stamp, this.cp.name)}, or every service-account token is invalid`);
        const ca = (await this.currentAuthorities()).find((c) => c.source.endsWith("/pki/ca.crt"));
        return `new CA valid until ${ca?.notAfter.toISOString() ?? "?"}; sa.key kept`;
      }
      case "kubeconfigs":
        for (const command of action.commands) await this.shell(this.cp, command, action.id, "run the command by hand on the node to see why");
        return "admin, super-admin, controller-manager, scheduler, kubelet.conf rewritten";
      case "static-pods": {
        const rotatedAt = await this.caWrittenAt();
        await this.shell(this.cp, action.commands[0]!, action.id, `the manifests are in ${PAUSED_MANIFESTS}: move them back to ${MANIFESTS}`);
        await this.until(action.id, 180_000, async () => {
          const running = await this.staticPodContainers();
          return { done: running.length === 0, detail: running.length ? `still running: ${running.map((c) => c.name).join(", ")}` : "all stopped" };
        });
        await this.shell(this.cp, action.commands[1]!, action.id, `move the manifests from ${PAUSED_MANIFESTS} back to ${MANIFESTS} by hand`);
        await this.until(action.id, 180_000, async () => {
          const running = await this.staticPodContainers();
          const fresh = STATIC_POD_CONTAINERS.filter((name) => running.some((c) => c.name === name && c.createdAt >= rotatedAt));
          return { done: fresh.length === STATIC_POD_CONTAINERS.length, detail: `running again: ${fresh.join(", ") || "none yet"}` };
        });
        await this.until(action.id, 180_000, async () => {
          const r = await this.exec(this.cp, ["kubectl", "--kubeconfig=/etc/kubernetes/admin.conf", "--request-timeout=5s", "get", "--raw=/readyz"], 20_000, false);
          return { done: r.exitCode === 0, detail: r.exitCode === 0 ? "readyz ok" : r.stderr.trim().split("\n").pop() ?? "" };
        });
        return "etcd, kube-apiserver, kube-controller-manager, kube-scheduler restarted; /readyz ok with the new admin.conf";
      }
      case "kubelet-client": {
        const node = this.node(action.node!);
        await this.shell(node, `${action.commands[0]} && ${action.commands[1]}`, action.id, "check `journalctl -u kubelet` on the node");
        await this.waitKubeletClient(node, action.id);
        await this.shell(node, `${action.commands[2]} && ${action.commands[3]}`, action.id, "check `journalctl -u kubelet` on the node");
        return "kubelet restarted; client certificate re-issued by the new CA; kubelet.conf points at the rotating certificate";
      }
      case "harness-kubeconfig": {
        const adminConf = await this.cp.readFile("/etc/kubernetes/admin.conf", { timeoutMs: 20_000 });
        const previous = await readFile(this.target.kubeconfigPath, "utf8");
        // Kept with the node backups rather than beside the file: a copy holding a client key must
        // not outlive the cluster on the host (the provider deletes only the kubeconfig it knows).
        const backup = `${BACKUP_DIR}/${this.stamp}-harness-kubeconfig.yaml`;
        await this.exec(this.cp, ["sh", "-c", `umask 077 && mkdir -p ${BACKUP_DIR} && cat > ${backup}`], 20_000, true, previous);
        this.report.backups.push(`${this.cp.name}:${backup}`);
        await writeFile(this.target.kubeconfigPath, rewriteAdminKubeconfig(adminConf, previous, this.target.contextName), { mode: 0o600 });
        // The API clients read credentials on every request, so reloading the shared config suffices.
        this.target.kube.config.loadFromFile(this.target.kubeconfigPath);
        this.target.kube.config.setCurrentContext(this.target.contextName);
        await this.until(action.id, 60_000, async () => {
          const problem = await this.apiProblem();
          return { done: problem === undefined, detail: problem ?? "API reachable with the new credentials" };
        });
        return `rewritten (previous copy on ${this.cp.name}:${backup})`;
      }
      case "cluster-info": {
        const cm = await this.target.kube.core.readNamespacedConfigMap({ name: "cluster-info", namespace: "kube-public" });
        const current = Buffer.from(await this.currentCaPem()).toString("base64");
        const kubeconfig = (cm.data?.kubeconfig ?? "").replace(/(certificate-authority-data:\s*)\S+/, `$1${current}`);
        const body = JSON.stringify({ data: { kubeconfig } });
        const response = await kubeRawRequest(this.target.kube.config, "/api/v1/namespaces/kube-public/configmaps/cluster-info", {
          method: "PATCH",
          body,
          headers: { "Content-Type": "application/merge-patch+json" },
          timeoutMs: 20_000,
        });
        if (response.status >= 300) throw new CaRotationError(action.id, `PATCH cluster-info → ${response.status} ${response.body.slice(0, 200)}`, "check that the admin credentials work (kubectl auth can-i patch configmaps -n kube-public)");
        return "cluster-info now carries the new CA";
      }
      case "rejoin-worker": {
        const node = this.node(action.node!);
        await this.shell(node, action.commands[0]!, action.id, "run `kubeadm reset -f` on the node by hand to see why");
        // kubeadm join refuses a name whose Node is still Ready ("a Node with name … and status
        // Ready already exists"). Nobody marked it NotReady while the CA was expired (the node
        // lifecycle controller was locked out too), so wait for the restarted controller-manager to
        // notice the stopped kubelet (node-monitor-grace-period) — keeping the Node and its pods,
        // which deleting it would throw away.
        await this.until(action.id, 180_000, async () => {
          const ready = (await this.target.kube.core.readNode({ name: node.name })).status?.conditions?.find((c) => c.type === "Ready");
          return { done: ready?.status !== "True", detail: `waiting for the control plane to mark ${node.name} not Ready after its reset (Ready=${ready?.status ?? "?"})` };
        });
        await this.shell(node, action.commands[1]!, action.id, "check that kube-public/cluster-info is signed again (jws-kubeconfig-* keys) and the bootstrap token in the kubeadm config still exists", 300_000);
        await this.waitKubeletClient(node, action.id);
        await this.until(action.id, 180_000, async () => {
          const n = await this.target.kube.core.readNode({ name: node.name });
          const ready = n.status?.conditions?.find((c) => c.type === "Ready");
          return { done: ready?.status === "True", detail: `Ready=${ready?.status ?? "?"} ${ready?.reason ?? ""}` };
        });
        return `${node.name} joined again and Ready`;
      }
      case "root-ca-published":
        await this.until(action.id, 180_000, async () => {
          const stale = await this.staleRootCaNamespaces();
          return { done: stale.length === 0, detail: stale.length ? `still old in ${stale.join(", ")}` : "all current" };
        });
        return "every kube-root-ca.crt holds the new CA";
      case "workloads": {
        const stale = await this.staleControllers();
        const restartedAt = new Date().toISOString();
        for (const ref of stale.controllers) await this.restart(ref, restartedAt);
        await this.until(action.id, 300_000, async () => {
          const pending: string[] = [];
          for (const ref of stale.controllers) if (!(await this.rolledOut(ref))) pending.push(refName(ref));
          return { done: pending.length === 0, detail: pending.length ? `rolling out: ${pending.join(", ")}` : "all rolled out" };
        });
        return `restarted ${stale.controllers.map(refName).join(", ")}${stale.orphans.length ? `; not restartable (recreate them): ${stale.orphans.join(", ")}` : ""}`;
      }
      default:
        throw new CaRotationError(action.id, `no implementation for ${action.kind}`, "this is a harness bug");
    }
  }

  private async waitKubeletClient(node: NodeHandle, id: string): Promise<void> {
    const authorities = await this.currentAuthorities();
    await this.until(id, 180_000, async () => {
      const r = await this.exec(node, ["cat", "/var/lib/kubelet/pki/kubelet-client-current.pem"], 20_000, false);
      const cert = r.exitCode === 0 ? certificatesInPem(r.stdout, "kubelet-client-current.pem")[0] : undefined;
      const ok = cert !== undefined && issuerOf(cert, authorities) !== undefined;
      return { done: ok, detail: cert ? `kubelet client certificate issued by ${cert.issuer}, valid until ${cert.notAfter.toISOString()}` : "no kubelet client certificate yet" };
    });
  }

  private async restart(ref: ControllerRef, at: string): Promise<void> {
    const body = JSON.stringify({ spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": at } } } } });
    const response = await kubeRawRequest(this.target.kube.config, `/apis/apps/v1/namespaces/${ref.namespace}/${ref.kind.toLowerCase()}s/${ref.name}`, {
      method: "PATCH",
      body,
      headers: { "Content-Type": "application/strategic-merge-patch+json" },
      timeoutMs: 20_000,
    });
    if (response.status >= 300) throw new CaRotationError(`restart ${refName(ref)}`, `PATCH → ${response.status} ${response.body.slice(0, 200)}`, "restart it by hand: kubectl rollout restart");
  }

  private async rolledOut(ref: ControllerRef): Promise<boolean> {
    const response = await kubeRawRequest(this.target.kube.config, `/apis/apps/v1/namespaces/${ref.namespace}/${ref.kind.toLowerCase()}s/${ref.name}`, { timeoutMs: 20_000 });
    if (response.status === 404) return true; // deleted meanwhile: nothing left holding the old CA
    return response.status === 200 && rolloutComplete(ref.kind, JSON.parse(response.body) as Parameters<typeof rolloutComplete>[1]);
  }

  private async until(what: string, timeoutMs: number, probe: () => Promise<{ done: boolean; detail: string }>): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let last = "not checked yet";
    for (;;) {
      try {
        const outcome = await probe();
        last = outcome.detail;
        if (outcome.done) return;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      if (performance.now() >= deadline) throw new CaRotationError(what, `not done within ${formatDuration(timeoutMs)} (last: ${last})`, "inspect the node (journalctl -u kubelet, crictl ps -a) and run the repair again: it resumes where it stopped");
      await pause(Math.min(WAIT_STEP_MS, Math.max(0, deadline - performance.now())), this.options.signal);
    }
  }

  private async shell(node: NodeHandle, command: string, action: string, next: string, timeoutMs = NODE_CMD_TIMEOUT_MS): Promise<string> {
    const result = await this.exec(node, ["sh", "-c", `set -eu; ${command}`], timeoutMs, false);
    if (result.exitCode !== 0) throw new CaRotationError(action, `\`${command}\` on ${node.name} exited ${result.exitCode}: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" | ")}`, next);
    return result.stdout;
  }

  private async exec(node: NodeHandle, argv: string[], timeoutMs: number, mustSucceed = true, stdin?: string) {
    const result = await node.exec(argv, { timeoutMs, ...(stdin !== undefined ? { stdin } : {}) });
    if (mustSucceed && result.exitCode !== 0) throw new CaRotationError(`on ${node.name}`, `\`${argv.join(" ")}\` exited ${result.exitCode}: ${result.stderr.trim()}`, "check the node container is running (docker ps)");
    return result;
  }
}

function refName(ref: ControllerRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** Same certificate, whatever the PEM formatting (trailing newlines, several blocks: first one). */
export function sameCertificate(a: string, b: string): boolean {
  const first = (pem: string) => /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const [x, y] = [first(a), first(b)];
  if (!x || !y) return false;
  return new X509Certificate(x).fingerprint256 === new X509Certificate(y).fingerprint256;
}

/** `ps -eo etimes=,comm=` lines → processes (comm is cut to 15 characters by the kernel). */
export function parseProcesses(output: string): Array<{ comm: string; elapsedSeconds: number }> {
  return output
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\S+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ elapsedSeconds: Number(m[1]), comm: m[2]! }));
}
