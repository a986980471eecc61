#!/usr/bin/env bash
# Builds the offline image kit: every binary from Go modules (or C, for pause), every runtime
# image from Debian packages plus those binaries, and a kind node image with all of them
# preloaded — under the same names and tags kind and kubeadm ask for, so nothing is ever pulled
# (the one exception is the CNI: the kit's own kindnet-compatible agent, see kit.lock).
#
# Each stage's output is cached under $KUBE_GAMEDAY_CACHE/kit, keyed by the lock-file values and
# files it depends on; a stage is built into a scratch directory, stops at its first failing
# command, and is only moved into place when it succeeded and its outputs pass the stage's
# verification. A cached output whose files are no longer those that passed (or that no
# verification ever passed) is verified again, and rebuilt if it fails: never trusted blindly.
# Privileged steps (debootstrap) run as root or through sudo.
#
# Usage: build.sh [--tools] [--force STAGE|all] [--list]
#   --tools   only kind, helm and kubectl (into .tools/bin), for hosts that can pull images
set -euo pipefail
# Command substitutions ($(context …)) must fail the build too, not hand back half a result.
shopt -s inherit_errexit
KIT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$KIT_DIR/../bootstrap/lib.sh"
source "$KIT_DIR/stage.sh"
load_kit_lock

FORCE="" TOOLS_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=${2:?--force needs a stage name}; shift 2 ;;
    --tools) TOOLS_ONLY=1; shift ;;
    --list) grep -h '^# stage:' "$KIT_DIR"/stages/*.sh | sed 's/^# stage: //'; exit 0 ;;
    # The header comment, however long it grows: line 2 up to the first line that is not one.
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
export FORCE TOOLS_ONLY

command -v go >/dev/null || die "Go is needed to build the kit: install Go >= 1.24 (Debian: apt-get install -t bookworm-backports golang-go)."
go_minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "$go_minor" -ge 24 ] || die "Go $(go env GOVERSION) is too old for Kubernetes $KUBERNETES_VERSION: install Go >= 1.24."
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
bash "$KIT_DIR/../bootstrap/ensure-docker.sh"

started=$(date +%s)
for stage in "$KIT_DIR"/stages/*.sh; do
  # shellcheck source=/dev/null
  source "$stage"
  [ "$TOOLS_ONLY" = 1 ] && { log "tools ready in $(( $(date +%s) - started ))s: $TOOLS_BIN"; exit 0; }
done
log "image kit ready in $(( $(date +%s) - started ))s: node image $NODE_IMAGE"
