// Proof that the offline image kit makes a real multi-node kind cluster work on this host:
// 1 control plane + 2 workers from the kit's node image, every node and kube-system pod Ready,
// Service DNS and cross-node traffic through the kit's CNI, a local-path volume bound, crictl on
// the nodes, no image pull attempted anywhere — and, once deleted, nothing of the cluster left in Docker.
import assert from "node:assert/strict";

import type { CoreV1Event, V1Node, V1Pod } from "@kubernetes/client-node";

import type { ClusterHandle } from "../../harness/cluster/clusterHandle.js";
import { dockerRuntime } from "../../harness/cluster/dockerRuntime.js";
import { clusterVolumes, labelledContainers } from "../../harness/cluster/kindClusterRemover.js";
import { KindProvider } from "../../harness/cluster/kindProvider.js";
import { createKubeClients, type KubeClients } from "../../harness/kube/kubeClients.js";
import { parseManifestDocuments } from "../../harness/kube/manifestDocuments.js";
import { serverSideApply } from "../../harness/kube/serverSideApply.js";
import { waitForObjects } from "../../harness/kube/watchObjects.js";

const NS = "kit-proof";
const MINUTE = 60_000;

function nodeReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
function podReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

// The workload: busybox httpd answering with the serving pod's name, one replica per worker.
const workload = (serverNode: string, clientNode: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: echo, namespace: ${NS}}
spec:
  replicas: 1
  selector: {matchLabels: {app: echo}}
  template:
    metadata: {labels: {app: echo}}
    spec:
      nodeName: ${serverNode}
      containers:
      - name: httpd
        image: docker.io/library/busybox:1.35.0
        command: ["sh", "-c", "mkdir -p /www && echo \\"served-by $HOSTNAME\\" > /www/index.html && exec httpd -f -p 8080 -h /www"]
        ports: [{containerPort: 8080}]
        readinessProbe: {httpGet: {path: /index.html, port: 8080}, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata: {name: echo, namespace: ${NS}}
spec:
  selector: {app: echo}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: ${NS}}
spec:
  nodeName: ${clientNode}
  restartPolicy: Never
  containers:
  - name: wget
    image: docker.io/library/busybox:1.35.0
    # Retries cover the seconds between the Service getting its endpoint and DNS/kube-proxy catching
    # up. The deadline is timeout(1): this busybox's wget crashes when given -T.
    command: ["sh", "-c", "for i in $(seq 30); do timeout 5 wget -q -O - http://echo.${NS}.svc.cluster.local/ && exit 0; sleep 2; done; exit 1"]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: ${NS}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 16Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: writer, namespace: ${NS}}
spec:
  restartPolicy: Never
  containers:
  - name: write
    image: docker.io/library/busybox:1.35.0
    command: ["sh", "-c", "echo kept > /data/proof && cat /data/proof"]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
`;

describe("offline image kit: a real kind cluster", function () {
  let provider: KindProvider;
  let cluster: ClusterHandle | undefined;
  let clients: KubeClients;
  let createdMs = 0;

  before(async function () {
    provider = new KindProvider({ onProgress: (line) => console.error(`      ${line}`) });
    const t0 = performance.now();
    cluster = await provider.acquire(
      { controlPlanes: 1, workers: 2, dedicated: true },
      { runId: `kit-proof-${Date.now()}`, offline: true, timeoutMs: 10 * MINUTE },
    );
    createdMs = performance.now() - t0;
    console.error(`      kind create cluster ${cluster.name}: ${seconds(createdMs)}`);
    clients = createKubeClients(cluster.kubeconfigPath, cluster.contextName);
  });

  after(async function () {
    if (!cluster) return;
    const name = cluster.name;
    await provider.release(cluster, { keep: process.env.KUBE_GAMEDAY_KEEP_CLUSTER === "1", timeoutMs: 3 * MINUTE });
    if (process.env.KUBE_GAMEDAY_KEEP_CLUSTER === "1") return;
    const runtime = await dockerRuntime();
    assert.deepEqual(await labelledContainers(runtime, name, 30_000), [], `containers of ${name} left behind`);
    assert.deepEqual(await clusterVolumes(runtime, name, 30_000), [], `volumes of ${name} left behind`);
  });

  it("brings every node Ready", async function () {
    const t0 = performance.now();
    await waitForObjects(
      clients,
      { apiVersion: "v1", kind: "Node" },
      (nodes) => {
        const ready = (nodes as V1Node[]).filter(nodeReady).length;
        return { done: nodes.length === 3 && ready === 3, detail: `${ready}/${nodes.length} nodes Ready` };
      },
      { timeoutMs: 5 * MINUTE, what: "3 nodes Ready" },
    );
    console.error(`      all nodes Ready ${seconds(createdMs + performance.now() - t0)} after kind create started`);
  });

  it("brings every kube-system pod Ready", async function () {
    const detail = await waitForObjects(
      clients,
      { apiVersion: "v1", kind: "Pod", namespace: "kube-system" },
      (pods) => {
        const notReady = (pods as V1Pod[]).filter((p) => !podReady(p)).map((p) => `${p.metadata?.name} (${p.status?.phase})`);
        // kube-system of a 3-node kind cluster: etcd, apiserver, controller-manager, scheduler, 2 coredns, 3 kube-proxy, 3 kindnet.
        return { done: pods.length >= 12 && notReady.length === 0, detail: `${pods.length} pods, not ready: ${notReady.join(", ") || "none"}` };
      },
      { timeoutMs: 5 * MINUTE, what: "kube-system pods Ready" },
    );
    console.error(`      ${detail}`);
  });

  it("serves a Service by DNS name to a client pod on another node, and binds a local-path volume", async function () {
    // The control-plane role label has an empty value: test for its presence, not its truth.
    const nodes = (await clients.core.listNode()).items.filter((n) => !("node-role.kubernetes.io/control-plane" in (n.metadata?.labels ?? {})));
    assert.equal(nodes.length, 2, "two worker nodes");
    const [server, client] = nodes.map((n) => n.metadata!.name!);
    await serverSideApply(clients, parseManifestDocuments(workload(server!, client!), "clusterKit.test.ts"), { timeoutMs: MINUTE });

    const t0 = performance.now();
    const pods = await waitForObjects(
      clients,
      { apiVersion: "v1", kind: "Pod", namespace: NS },
      (objects) => {
        const byName = new Map((objects as V1Pod[]).map((p) => [p.metadata?.name ?? "", p.status?.phase]));
        const finished = (name: string) => ["Succeeded", "Failed"].includes(byName.get(name) ?? "");
        return { done: finished("client") && finished("writer"), detail: [...byName].map(([n, p]) => `${n}=${p}`).join(" ") };
      },
      { timeoutMs: 4 * MINUTE, what: "client and writer pods finished" },
    );
    console.error(`      ${pods} in ${seconds(performance.now() - t0)}`);
    assert.match(pods, /client=Succeeded/, "the client pod reached the Service");
    assert.match(pods, /writer=Succeeded/, "the writer pod wrote to its volume");

    const answer = await clients.core.readNamespacedPodLog({ name: "client", namespace: NS });
    assert.match(answer, /^served-by echo-/m, "the client got the echo pod's answer across nodes");
    const pvc = await clients.core.readNamespacedPersistentVolumeClaim({ name: "data", namespace: NS });
    assert.equal(pvc.status?.phase, "Bound");
    const written = await clients.core.readNamespacedPodLog({ name: "writer", namespace: NS });
    assert.equal(written.trim(), "kept");
  });

  it("carries crictl on every node, talking to the node's containerd", async function () {
    // Runbooks (and the ca-expiry hints) reach for crictl on a node, as on any kind node.
    for (const node of await cluster!.nodes()) {
      const listed = await node.exec(["crictl", "ps", "-o", "json"], { timeoutMs: MINUTE });
      assert.equal(listed.exitCode, 0, `crictl ps on ${node.name}: ${listed.stderr}`);
      const names = (JSON.parse(listed.stdout) as { containers: Array<{ metadata: { name: string } }> }).containers.map((c) => c.metadata.name);
      assert.ok(names.includes("kube-proxy"), `crictl ps on ${node.name} lists kube-proxy (saw ${names.join(", ")})`);
    }
  });

  it("never tried to pull an image", async function () {
    const events: CoreV1Event[] = (await clients.core.listEventForAllNamespaces()).items;
    const pulls = events.filter((e) => /ErrImagePull|ImagePullBackOff|Pulling image/.test(`${e.reason} ${e.message}`));
    assert.deepEqual(pulls.map((e) => `${e.involvedObject.namespace}/${e.involvedObject.name}: ${e.message}`), []);
    assert.ok(events.length > 0, "events were listed (the check saw the cluster)");
  });
});
