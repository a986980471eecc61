#!/usr/bin/env bash
# Usage: preload-images.sh BASE_IMAGE TARGET_IMAGE KEY IMAGE...
# Imports IMAGE... into containerd's k8s.io namespace inside a container of BASE_IMAGE, pins them,
# and commits the result as TARGET_IMAGE. /var/lib/containerd is in the committed layer, and kind
# mounts /var as a volume seeded from the image, so every node starts with the images in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../bootstrap/lib.sh"
base=$1 target=$2 key=$3; shift 3
name="kube-gameday-preload-$$"

# full_reference NAME: the name containerd stores for a Docker image name (Docker hides the default
# registry docker.io and the library/ namespace of official images; containerd spells them out).
full_reference() {
  local ref=$1 first=${1%%/*}
  if [ "$ref" = "$first" ]; then ref="docker.io/library/$ref"
  elif ! [[ "$first" == *.* || "$first" == *:* || "$first" == localhost ]]; then ref="docker.io/$ref"
  fi
  echo "$ref"
}
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

docker run -d --name "$name" --privileged --entrypoint /bin/bash "$base" \
  -c 'containerd >/var/log/containerd-preload.log 2>&1 & exec sleep infinity' >/dev/null
wait_for "containerd in $name" 60 docker exec "$name" ctr version || die "containerd did not start in the preload container"
for image in "$@"; do
  t0=$(date +%s)
  # --no-unpack: the CRI unpacks on first use; unpacking here would need overlayfs on overlayfs.
  docker save "$image" | docker exec -i "$name" ctr -n k8s.io images import --no-unpack - >/dev/null
  ref=$(full_reference "$image")
  docker exec "$name" ctr -n k8s.io images ls -q | grep -Fx "$ref" >/dev/null \
    || die "image $image is not in the node's containerd as $ref after import"
  docker exec "$name" ctr -n k8s.io images label "$ref" io.cri-containerd.pinned=pinned >/dev/null
  log "preloaded $ref in $(( $(date +%s) - t0 ))s"
done
docker exec "$name" bash -c 'kill $(pidof containerd); for i in $(seq 30); do pidof containerd >/dev/null || exit 0; sleep 1; done; exit 1' \
  || die "containerd did not stop in the preload container"
docker exec "$name" rm -f /var/log/containerd-preload.log
committed=$(docker commit "$name")
# docker commit cannot set STOPSIGNAL, and the override of ENTRYPOINT must go: rebuild the config.
# (The committed image stays as the final image's parent layer: nothing to remove.)
if ! output=$(printf 'FROM %s\nENV container=docker\nSTOPSIGNAL SIGRTMIN+3\nENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]\nCMD []\n' "$committed" \
  | DOCKER_BUILDKIT=0 docker build -q --label "io.kube-gameday.kit-key=$key" -t "$target" - 2>&1); then
  printf '%s\n' "$output" >&2
  die "could not finish $target"
fi
