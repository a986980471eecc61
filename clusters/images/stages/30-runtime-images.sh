# stage: runtime images — the images kubeadm and the node's manifests run, tagged exactly as
# upstream publishes them so that the same manifests work online (pulled) and offline (built).
# Built with Docker's classic builder from scratch: no base image is ever pulled.
# Sourced by build.sh. Sets RUNTIME_IMAGES (the list the node image preloads).

# A minimal filesystem for static binaries: users, CA bundle, /tmp — what distroless gives.
static_base_dir() {
  local dir="$KIT_CACHE/static-base"
  rm -rf "$dir" && mkdir -p "$dir/etc/ssl/certs" "$dir/tmp"
  chmod 1777 "$dir/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$dir/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$dir/etc/group"
  printf 'hosts: files dns\n' > "$dir/etc/nsswitch.conf"
  # The CA bundle comes from the node root filesystem, which has ca-certificates installed.
  tar -xf "$ROOTFS_NODE_TAR" ./etc/ssl/certs/ca-certificates.crt --to-stdout > "$dir/etc/ssl/certs/ca-certificates.crt"
  echo "$dir"
}

# context_key DIR: what a build context holds, cheaply. Small files by content; large ones (stage
# outputs: binaries, root filesystem tarballs, hard-linked from a cache directory that is replaced
# whenever they are rebuilt) by name, size and modification time, so a warm run hashes no gigabytes.
context_key() {
  (cd "$1" && find . -type f -print0 | sort -z | while IFS= read -r -d '' f; do
    if [ "$(stat -c %s "$f")" -gt 1048576 ]; then stat -c '%n %s %Y' "$f"; else sha256sum "$f"; fi
  done) | sha256sum | cut -c1-16
}

# build_image TAG CONTEXT_DIR DOCKERFILE_TEXT: builds TAG unless an image built from the same
# inputs is already there; the key covers the Dockerfile and every file of the context.
build_image() {
  local tag=$1 context=$2 dockerfile=$3
  printf '%s\n' "$dockerfile" > "$context/Dockerfile"
  local key; key=$(context_key "$context")
  if image_current "$tag" "$key"; then log "image $tag: cached"; return 0; fi
  local t0; t0=$(date +%s)
  # The classic builder needs no base image and no registry; its deprecation notice is noise, so
  # its output is shown only when the build fails.
  local output
  if ! output=$(DOCKER_BUILDKIT=0 timeout 900 docker build -q --label "io.kube-gameday.kit-key=$key" -t "$tag" "$context" 2>&1); then
    printf '%s\n' "$output" >&2
    die "image $tag failed to build (context $context)"
  fi
  verify_image "$tag" "$key"
  log "image $tag: built in $(( $(date +%s) - t0 ))s ($(docker image inspect --format '{{.Size}}' "$tag" | numfmt --to=iec))"
}

# context NAME FILE...: a fresh build context holding the given files under their base names;
# hard links where it can (no copy of large files), copies across filesystems.
context() {
  local dir="$KIT_CACHE/contexts/$1"; shift
  rm -rf "$dir" && mkdir -p "$dir"
  for f in "$@"; do cp -al "$f" "$dir/" 2>/dev/null || cp -a "$f" "$dir/"; done
  echo "$dir"
}

STATIC_BASE=$(static_base_dir)
static_image() { # TAG BINARY_DIR BINARY... : static binaries in /usr/local/bin over the static base
  local tag=$1 bindir=$2; shift 2
  local files=(); for b in "$@"; do files+=("$bindir/$b"); done
  local ctx; ctx=$(context "$(echo "$tag" | tr '/:' '__')" "${files[@]}")
  cp -a "$STATIC_BASE" "$ctx/base"
  build_image "$tag" "$ctx" "FROM scratch
COPY base/ /
COPY $* /usr/local/bin/
ENV PATH=/usr/local/bin:/usr/bin:/bin"
}

REG=registry.k8s.io
static_image "$REG/kube-apiserver:$KUBERNETES_VERSION" "$BIN_KUBERNETES" kube-apiserver
static_image "$REG/kube-controller-manager:$KUBERNETES_VERSION" "$BIN_KUBERNETES" kube-controller-manager
static_image "$REG/kube-scheduler:$KUBERNETES_VERSION" "$BIN_KUBERNETES" kube-scheduler
static_image "$REG/etcd:$ETCD_IMAGE_TAG" "$BIN_ETCD" etcd etcdctl

ctx=$(context coredns "$BIN_COREDNS/coredns"); cp -a "$STATIC_BASE" "$ctx/base"
build_image "$REG/coredns/coredns:$COREDNS_VERSION" "$ctx" 'FROM scratch
COPY base/ /
COPY coredns /coredns
EXPOSE 53 53/udp
ENTRYPOINT ["/coredns"]'

ctx=$(context pause "$BIN_PAUSE/pause")
build_image "$REG/pause:$PAUSE_VERSION" "$ctx" 'FROM scratch
COPY pause /pause
USER 65535:65535
ENTRYPOINT ["/pause"]'

# kube-proxy and kindnetd program iptables and routes: they need the Debian network tools.
ctx=$(context kube-proxy "$ROOTFS_NET_TAR" "$BIN_KUBERNETES/kube-proxy")
build_image "$REG/kube-proxy:$KUBERNETES_VERSION" "$ctx" 'FROM scratch
ADD rootfs.tar /
COPY kube-proxy /usr/local/bin/kube-proxy'

ctx=$(context kindnetd "$ROOTFS_NET_TAR" "$BIN_KUBERNETES/kindnetd")
build_image "$KINDNETD_IMAGE" "$ctx" 'FROM scratch
ADD rootfs.tar /
COPY kindnetd /bin/kindnetd
CMD ["/bin/kindnetd"]'

ctx=$(context local-path-provisioner "$BIN_LOCAL_PATH/local-path-provisioner"); cp -a "$STATIC_BASE" "$ctx/base"
build_image "docker.io/rancher/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION" "$ctx" 'FROM scratch
COPY base/ /
COPY local-path-provisioner /usr/bin/local-path-provisioner
ENTRYPOINT ["local-path-provisioner"]'

# busybox from Debian's busybox-static (in the net rootfs): the storage helper and the scenario
# workload image — httpd with CGI for scriptable endpoints, wget for client calls.
ctx=$(context busybox)
mkdir -p "$ctx/root/bin" "$ctx/root/tmp" "$ctx/root/etc"
tar -C "$ctx" -xf "$ROOTFS_NET_TAR" ./bin/busybox 2>/dev/null || tar -C "$ctx" -xf "$ROOTFS_NET_TAR" ./usr/bin/busybox
find "$ctx" -maxdepth 3 -name busybox -type f -exec mv {} "$ctx/root/bin/busybox" \;
rm -rf "$ctx/usr" "$ctx/bin"
for applet in $("$ctx/root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -sf busybox "$ctx/root/bin/$applet"; done
chmod 1777 "$ctx/root/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' > "$ctx/root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$ctx/root/etc/group"
build_image "docker.io/library/busybox:$BUSYBOX_VERSION" "$ctx" 'FROM scratch
COPY root/ /
CMD ["sh"]'

RUNTIME_IMAGES=(
  "$REG/kube-apiserver:$KUBERNETES_VERSION" "$REG/kube-controller-manager:$KUBERNETES_VERSION"
  "$REG/kube-scheduler:$KUBERNETES_VERSION" "$REG/kube-proxy:$KUBERNETES_VERSION"
  "$REG/etcd:$ETCD_IMAGE_TAG" "$REG/coredns/coredns:$COREDNS_VERSION" "$REG/pause:$PAUSE_VERSION"
  "$KINDNETD_IMAGE" "docker.io/rancher/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION"
  "docker.io/library/busybox:$BUSYBOX_VERSION"
)
