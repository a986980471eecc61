# stage: node image — what `kind build node-image` makes, done offline: a Debian root filesystem
# with kind's base files (from the kind module), containerd/runc/CNI plugins from Debian, kubeadm,
# kubelet and kubectl from the Kubernetes build, crictl from cri-tools, and every runtime image preloaded into
# containerd's k8s.io namespace (pinned, so the kubelet's image GC never removes them).
# Sourced by build.sh.

NODE_DIR="$KIT_DIR/node"
KIND_MODULE_DIR=$(cd "$KIT_DIR/go/kind" && go list -m -f '{{.Dir}}' sigs.k8s.io/kind)
[ -d "$KIND_MODULE_DIR/images/base/files" ] || die "kind module at $KIND_MODULE_DIR has no images/base/files: run 'cd clusters/images/go/kind && go mod download'"

node_context() {
  local ctx; ctx=$(context node-base "$ROOTFS_NODE_TAR" "$BIN_KUBERNETES/kubeadm" "$BIN_KUBERNETES/kubelet" \
    "$BIN_KUBECTL/kubectl" "$BIN_CRICTL/crictl" "$REPO_ROOT/clusters/bootstrap/runc-nosysresource" "$NODE_DIR/configure-node.sh")
  cp -a "$KIND_MODULE_DIR/images/base/files" "$ctx/kind-files"
  chmod -R u+w "$ctx/kind-files"
  mkdir -p "$ctx/kind-files/kind/manifests"
  # kind renders these templates at cluster creation ({{ .PodSubnet }} and friends stay as they are).
  sed "s#@KINDNETD_IMAGE@#$KINDNETD_IMAGE#" "$NODE_DIR/default-cni.yaml" > "$ctx/kind-files/kind/manifests/default-cni.yaml"
  sed -e "s#@PROVISIONER_IMAGE@#docker.io/rancher/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION#" \
      -e "s#@HELPER_IMAGE@#docker.io/library/busybox:$BUSYBOX_VERSION#" \
      "$NODE_DIR/default-storage.yaml" > "$ctx/kind-files/kind/manifests/default-storage.yaml"
  echo "$KUBERNETES_VERSION" > "$ctx/kind-files/kind/version"
  echo "$ctx"
}

ctx=$(node_context)
build_image kube-gameday/node-base:"$KUBERNETES_VERSION" "$ctx" "FROM scratch
ADD rootfs.tar /
COPY kind-files/ /
COPY kubeadm kubelet kubectl /usr/bin/
COPY crictl /usr/local/bin/crictl
COPY runc-nosysresource /usr/local/sbin/runc-nosysresource
COPY configure-node.sh /tmp/configure-node.sh
RUN PAUSE_IMAGE=registry.k8s.io/pause:$PAUSE_VERSION bash /tmp/configure-node.sh && rm /tmp/configure-node.sh
ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT [\"/usr/local/bin/entrypoint\", \"/sbin/init\"]"

# The node image's key: the base image plus every preloaded image, by image ID.
node_key=$( { docker image inspect --format '{{.Id}}' kube-gameday/node-base:"$KUBERNETES_VERSION" "${RUNTIME_IMAGES[@]}"; cat "$NODE_DIR/preload-images.sh"; } | sha256sum | cut -c1-16)
if image_current "$NODE_IMAGE" "$node_key"; then
  log "image $NODE_IMAGE: cached"
else
  bash "$NODE_DIR/preload-images.sh" kube-gameday/node-base:"$KUBERNETES_VERSION" "$NODE_IMAGE" "$node_key" "${RUNTIME_IMAGES[@]}"
  verify_image "$NODE_IMAGE" "$node_key"
fi
log "node image $NODE_IMAGE: $(docker image inspect --format '{{.Size}}' "$NODE_IMAGE" | numfmt --to=iec)"
