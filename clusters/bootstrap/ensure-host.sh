#!/usr/bin/env bash
# Everything a run needs on this host, installed idempotently (a second run takes seconds):
#   1. a Docker engine (clusters/bootstrap/ensure-docker.sh);
#   2. kind, helm and kubectl at the versions of clusters/images/kit.lock, in .tools/bin;
#   3. the kind node image: present locally, else pulled, else built by the offline image kit.
# Usage: ensure-host.sh [--offline]   (--offline, or KUBE_GAMEDAY_OFFLINE=1: never pull, always build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_kit_lock
offline=${KUBE_GAMEDAY_OFFLINE:-0}
[ "${1:-}" = --offline ] && offline=1

bash "$REPO_ROOT/clusters/bootstrap/ensure-docker.sh"

kit_key=$(docker image inspect --format '{{ index .Config.Labels "io.kube-gameday.kit-key" }}' "$NODE_IMAGE" 2>/dev/null || echo absent)
if [ "$kit_key" != absent ] && [ -z "$kit_key" ]; then
  # An upstream (pulled) node image: only the tools are ours to provide.
  bash "$REPO_ROOT/clusters/images/build.sh" --tools
  exit 0
fi
if [ "$kit_key" != absent ]; then
  # Built by the kit before: rerun the kit, which rebuilds only what the lock or recipes changed.
  bash "$REPO_ROOT/clusters/images/build.sh"
  exit 0
fi
if [ "$offline" != 1 ] && timeout 300 docker pull "$NODE_IMAGE" >/dev/null 2>&1; then
  log "pulled $NODE_IMAGE"
  bash "$REPO_ROOT/clusters/images/build.sh" --tools
  exit 0
fi
[ "$offline" = 1 ] || log "$NODE_IMAGE cannot be pulled here: building the offline image kit"
bash "$REPO_ROOT/clusters/images/build.sh"
