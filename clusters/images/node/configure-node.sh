#!/usr/bin/env bash
# Runs once inside the node image build (a RUN step): turns a Debian root filesystem plus kind's
# base files into a kind node. Mirrors what kind's base image Dockerfile does, adapted to Debian's
# containerd/runc/CNI packages and to hosts without CAP_SYS_RESOURCE.
set -euo pipefail

chmod 755 /kind /kind/bin /kind/bin/* /usr/local/bin/entrypoint /usr/local/bin/clean-install
# kind's units and scripts expect upstream's install paths; Debian puts the same programs elsewhere.
ln -sf /usr/bin/containerd /usr/local/bin/containerd
ln -sf /usr/bin/ctr /usr/local/bin/ctr
mkdir -p /opt/cni && rm -rf /opt/cni/bin && ln -s /usr/lib/cni /opt/cni/bin
ln -sf /usr/lib/systemd/systemd /sbin/init

# Only kubelet, containerd and undo-mount-hacks start at boot, as in kind's base image.
rm -f /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \
  /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \
  /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/*
find /lib/systemd/system/sysinit.target.wants/ -name systemd-tmpfiles-setup.service -delete
echo "ReadKMsg=no" >> /etc/systemd/journald.conf
systemctl enable kubelet.service containerd.service undo-mount-hacks.service
systemctl mask systemd-binfmt.service
# systemd-networkd ships with systemd and stays installed but disabled, as on a real node where
# nothing asked for it; the route-flush scenario starts it on purpose.
systemctl disable systemd-networkd.service systemd-networkd.socket systemd-networkd-wait-online.service 2>/dev/null || true
test -x /lib/systemd/systemd-networkd
mkdir -p /etc/kubernetes/manifests

# containerd: pin the sandbox image the kit builds; clamp (not refuse) oom_score_adj below the
# parent's, which needs CAP_SYS_RESOURCE; run containers through the wrapper, which passes
# through untouched wherever that capability exists.
conf=/etc/containerd/config.toml
sed -i -e "s#sandbox_image = .*#sandbox_image = \"$PAUSE_IMAGE\"#" \
  -e 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' "$conf"
sed -i '/runtimes.runc.options\]/a\    BinaryName = "/usr/local/sbin/runc-nosysresource"' "$conf"
sed -i '/runtimes.test-handler.options\]/a\    BinaryName = "/usr/local/sbin/runc-nosysresource"' "$conf"
grep -q 'BinaryName = "/usr/local/sbin/runc-nosysresource"' "$conf"
grep -q "sandbox_image = \"$PAUSE_IMAGE\"" "$conf"

# The base OCI spec kind's CRI config points at: containerd's default spec with kind's
# product-files hook and no rlimits (the kubelet sets those).
ctr oci spec \
  | jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
  | jq 'del(.process.rlimits)' > /etc/containerd/cri-base.json

containerd --version
runc --version | head -1
kubeadm version -o short
