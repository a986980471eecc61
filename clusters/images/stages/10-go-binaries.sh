# stage: go-* — every binary the kit needs, built from the Go module proxy with the module graphs
# pinned by clusters/images/go/*/go.{mod,sum}; pause, a small C program, from the Kubernetes module.
# Sourced by build.sh. Sets BIN_<NAME> to each stage's bin directory.

# go_build MODULE_DIR LDFLAGS PACKAGE...: builds static binaries into $OUT/bin.
go_build() {
  local dir=$1 ldflags=$2; shift 2
  mkdir -p "$OUT/bin"
  cd "$KIT_DIR/go/$dir"
  go mod download
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$OUT/bin/" "$@"
  ls -l "$OUT/bin"
}

kube_version_ldflags() {
  local v=$KUBERNETES_VERSION minor; minor=$(echo "$v" | cut -d. -f2)
  local p flags=""
  # Without these, kubeadm and kubelet report v0.0.0 and kubeadm refuses to pick images.
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    flags+=" -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}

build_kubectl() {
  go_build kubernetes "$(kube_version_ldflags)" k8s.io/kubernetes/cmd/kubectl
  output_mentions "\"gitVersion\": \"$KUBERNETES_VERSION\"" "$OUT/bin/kubectl" version --client -o json
}
build_kubernetes() {
  go_build kubernetes "$(kube_version_ldflags)" \
    k8s.io/kubernetes/cmd/kubeadm k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kube-proxy \
    ./cmd/kindnetd
  [ "$("$OUT/bin/kubeadm" version -o short)" = "$KUBERNETES_VERSION" ]
}
build_etcd() {
  go_build etcd "" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3
  # go names a /v3 package's binary after the element before it: "server" is etcd itself.
  mv "$OUT/bin/server" "$OUT/bin/etcd"
  output_mentions "${ETCD_VERSION#v}" "$OUT/bin/etcd" --version
}
build_coredns() {
  go_build coredns "" github.com/coredns/coredns
  output_mentions "${COREDNS_VERSION#v}" "$OUT/bin/coredns" -version
}
build_helm() {
  go_build helm "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" helm.sh/helm/v3/cmd/helm
  output_mentions "$HELM_VERSION" "$OUT/bin/helm" version --short
}
build_kind() {
  go_build kind "" sigs.k8s.io/kind
  output_mentions "$KIND_VERSION" "$OUT/bin/kind" version
}
build_local_path_provisioner() {
  go_build local-path-provisioner "-X main.VERSION=$LOCAL_PATH_PROVISIONER_VERSION" github.com/rancher/local-path-provisioner
}
build_crictl() {
  # In the node image, as in kind's: the tool runbooks (and the ca-expiry hints) use on a node.
  go_build crictl "-X sigs.k8s.io/cri-tools/pkg/version.Version=${CRICTL_VERSION#v}" sigs.k8s.io/cri-tools/cmd/crictl
  output_mentions "${CRICTL_VERSION#v}" "$OUT/bin/crictl" --version
}
build_pause() {
  # pause.c ships in the Kubernetes module (build/pause/linux); containerd's sandbox_image runs it.
  local src; src=$(cd "$KIT_DIR/go/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
  [ -f "$src" ] || { cd "$KIT_DIR/go/kubernetes" && go mod download k8s.io/kubernetes; }
  mkdir -p "$OUT/bin"
  command -v gcc >/dev/null || apt_install gcc libc6-dev
  gcc -Os -static -Wall -Werror -DVERSION="v$PAUSE_VERSION" -o "$OUT/bin/pause" "$src"
  strip "$OUT/bin/pause"
}

# Verifications (run_stage): every binary a stage leaves runs and reports the locked version. They
# run after every build, and again on a cached stage whose files changed since (or that no
# verification ever passed), so a missing, truncated or foreign binary is rebuilt, not trusted.
verify_kind() { output_mentions "$KIND_VERSION" "$OUT/bin/kind" version; }
verify_helm() { output_mentions "$HELM_VERSION" "$OUT/bin/helm" version --short; }
verify_kubectl() { output_mentions "$KUBERNETES_VERSION" "$OUT/bin/kubectl" version --client; }
verify_kubernetes() {
  output_mentions "$KUBERNETES_VERSION" "$OUT/bin/kubeadm" version -o short
  local b
  for b in kubelet kube-apiserver kube-controller-manager kube-scheduler kube-proxy; do
    output_mentions "$KUBERNETES_VERSION" "$OUT/bin/$b" --version
  done
  # The kit's kindnetd has no version flag: run bare, it exits asking for its downward-API settings.
  [[ $(env -u HOST_IP "$OUT/bin/kindnetd" 2>&1 || true) == *"is not an IP address"* ]]
}
verify_etcd() {
  output_mentions "${ETCD_VERSION#v}" "$OUT/bin/etcd" --version
  output_mentions "${ETCD_VERSION#v}" "$OUT/bin/etcdctl" version
}
verify_coredns() { output_mentions "${COREDNS_VERSION#v}" "$OUT/bin/coredns" -version; }
verify_local_path_provisioner() { output_mentions "$LOCAL_PATH_PROVISIONER_VERSION" "$OUT/bin/local-path-provisioner" --version; }
verify_pause() { output_mentions "$PAUSE_VERSION" "$OUT/bin/pause" -v; }
verify_crictl() { output_mentions "${CRICTL_VERSION#v}" "$OUT/bin/crictl" --version; }

# go_stage NAME BUILD_FN VERIFY_FN "LOCK_VARS" [MODULE_DIR]: one cached stage, keyed on its lock
# values, its recipe (the function bodies) and its wrapper module; leaves its bin dir in STAGE_BIN.
go_stage() {
  local name=$1 fn=$2 verify=$3 vars=$4 module=${5:-} key
  RECIPE=$(declare -f "$fn" go_build kube_version_ldflags)
  # shellcheck disable=SC2086 # vars is a list of names
  key=$(stage_key "$name" $vars RECIPE ${module:+-- "go/$module"})
  run_stage "$name" "$key" "$fn" "$verify"
  STAGE_BIN=$(stage_dir "$name" "$key")/bin
}
# The tools the harness drives come first: `build.sh --tools` stops after them.
go_stage go-kind build_kind verify_kind KIND_VERSION kind; BIN_KIND=$STAGE_BIN
go_stage go-helm build_helm verify_helm HELM_VERSION helm; BIN_HELM=$STAGE_BIN
go_stage go-kubectl build_kubectl verify_kubectl KUBERNETES_VERSION kubernetes; BIN_KUBECTL=$STAGE_BIN
# The harness and its users call kind, helm and kubectl from the project-local tools directory:
# hard links (a copy across file systems), not symlinks, so a tool keeps working when another
# checkout's build prunes the cache entry it came from.
mkdir -p "$TOOLS_BIN"
for tool in "$BIN_KIND/kind" "$BIN_HELM/helm" "$BIN_KUBECTL/kubectl"; do
  rm -f "$TOOLS_BIN/${tool##*/}"
  ln "$tool" "$TOOLS_BIN/${tool##*/}" 2>/dev/null || cp "$tool" "$TOOLS_BIN/${tool##*/}"
done
[ "$TOOLS_ONLY" = 1 ] && return 0

go_stage go-kubernetes build_kubernetes verify_kubernetes KUBERNETES_VERSION kubernetes; BIN_KUBERNETES=$STAGE_BIN
go_stage go-etcd build_etcd verify_etcd ETCD_VERSION etcd; BIN_ETCD=$STAGE_BIN
go_stage go-coredns build_coredns verify_coredns COREDNS_VERSION coredns; BIN_COREDNS=$STAGE_BIN
go_stage go-local-path-provisioner build_local_path_provisioner verify_local_path_provisioner LOCAL_PATH_PROVISIONER_VERSION local-path-provisioner; BIN_LOCAL_PATH=$STAGE_BIN
go_stage pause build_pause verify_pause "KUBERNETES_VERSION PAUSE_VERSION"; BIN_PAUSE=$STAGE_BIN
go_stage go-crictl build_crictl verify_crictl CRICTL_VERSION crictl; BIN_CRICTL=$STAGE_BIN

export BIN_KUBECTL BIN_KUBERNETES BIN_ETCD BIN_COREDNS BIN_HELM BIN_KIND BIN_LOCAL_PATH BIN_PAUSE BIN_CRICTL
