# stage: rootfs-node, rootfs-net — Debian root filesystems made with debootstrap from the Debian
# mirror: the kind node's (systemd, containerd, runc, CNI plugins, networking tools) and a small
# one for images that program the host network (kube-proxy, kindnetd need iptables and ip).
# Sourced by build.sh. Sets ROOTFS_NODE_TAR and ROOTFS_NET_TAR.

NODE_PACKAGES=systemd,dbus,conntrack,iptables,nftables,iproute2,ethtool,util-linux,mount,kmod,libseccomp2,pigz,fuse-overlayfs,e2fsprogs,bash,ca-certificates,curl,jq,procps,containerd,runc,containernetworking-plugins,iputils-ping,openssl
NET_PACKAGES=iptables,ipset,conntrack,iproute2,kmod,busybox-static

# make_rootfs PACKAGES: debootstraps a minbase system with PACKAGES into $OUT/root and tars it.
# debootstrap, chroot and reading the whole tree (root-owned, partly unreadable to others) need
# root: as_root runs them directly as root, else through sudo. tar writes to stdout, so the archive
# is created by this shell and belongs to the user whose cache it is in; --numeric-owner keeps the
# tree's own owners inside it.
make_rootfs() {
  command -v debootstrap >/dev/null || apt_install debootstrap
  local root="$OUT/root"
  as_root debootstrap --variant=minbase --include="$1" "$DEBIAN_SUITE" "$root" http://deb.debian.org/debian
  # Trim what no container reads, and what would make two builds differ for no reason. The globs
  # are expanded by root's shell: this user may not be able to list every directory.
  as_root chroot "$root" apt-get clean
  as_root sh -c 'cd "$1" && rm -rf var/lib/apt/lists/* usr/share/doc/* usr/share/man/* usr/share/info/* var/log/* var/cache/debconf/*-old tmp/*' trim "$root"
  as_root tar --numeric-owner --xattrs -C "$root" -cf - . > "$OUT/rootfs.tar"
  as_root rm -rf "$root"
  du -sh "$OUT/rootfs.tar"
}
build_rootfs_node() { make_rootfs "$NODE_PACKAGES"; }
build_rootfs_net() { make_rootfs "$NET_PACKAGES"; }
# Floors well under the archives' real sizes (bookworm, 2026-12: node 301 MiB, net 126 MiB; each
# stage log ends with du -sh): an empty archive, or one that lost most of its tree, fails;
# verify_tar also catches a cut-off archive.
verify_rootfs_node() { verify_tar "$OUT/rootfs.tar" 100; }
verify_rootfs_net() { verify_tar "$OUT/rootfs.tar" 40; }

# Keys cover the suite, the package list and the recipe, not this whole file, so editing one
# list does not rebuild the other root filesystem.
ROOTFS_RECIPE=$(declare -f make_rootfs)
key=$(stage_key rootfs-node DEBIAN_SUITE NODE_PACKAGES ROOTFS_RECIPE); run_stage rootfs-node "$key" build_rootfs_node verify_rootfs_node
ROOTFS_NODE_TAR=$(stage_dir rootfs-node "$key")/rootfs.tar
key=$(stage_key rootfs-net DEBIAN_SUITE NET_PACKAGES ROOTFS_RECIPE); run_stage rootfs-net "$key" build_rootfs_net verify_rootfs_net
ROOTFS_NET_TAR=$(stage_dir rootfs-net "$key")/rootfs.tar
export ROOTFS_NODE_TAR ROOTFS_NET_TAR
