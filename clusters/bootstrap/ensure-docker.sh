#!/usr/bin/env bash
# Makes a Docker engine available: uses a running one; otherwise, on Debian as root, installs
# docker.io, starts dockerd in the background and waits for its socket. Where the capability
# bounding set lacks CAP_SYS_RESOURCE, privileged containers (kind nodes) cannot start, so the
# engine is given a runc wrapper that drops that one capability — and only then.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

engine_up() { timeout 10 docker info >/dev/null 2>&1; }

lacks_cap_sys_resource() {
  local capbnd; capbnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
  [ $(( (0x$capbnd >> 24) & 1 )) -eq 0 ]
}

configure_runtime_wrapper() {
  local wrapper=/usr/local/libexec/kube-gameday/runc-nosysresource
  install -D -m 0755 "$REPO_ROOT/clusters/bootstrap/runc-nosysresource" "$wrapper"
  mkdir -p /etc/docker
  local conf=/etc/docker/daemon.json current='{}'
  [ -s "$conf" ] && current=$(cat "$conf")
  local wanted
  wanted=$(jq --arg p "$wrapper" '.runtimes["runc-nosysresource"] = {path: $p} | ."default-runtime" = "runc-nosysresource"' <<<"$current")
  if [ "$wanted" != "$current" ]; then
    if [ -s "$conf" ]; then cp "$conf" "$conf.kube-gameday.bak"; log "backed up $conf to $conf.kube-gameday.bak"; fi
    printf '%s\n' "$wanted" > "$conf"
    log "registered runc-nosysresource as Docker's default runtime in $conf"
    return 0
  fi
  return 1
}

if engine_up && ! lacks_cap_sys_resource; then exit 0; fi
if engine_up && [ "$(docker info --format '{{.DefaultRuntime}}')" = runc-nosysresource ]; then exit 0; fi

if ! command -v dockerd >/dev/null; then
  is_debian && is_root || die "no Docker engine: install Docker Engine (https://docs.docker.com/engine/install/) and start it, then rerun."
  apt_install docker.io jq
fi
apt_install jq

changed=0
if lacks_cap_sys_resource; then configure_runtime_wrapper && changed=1; fi

if engine_up && [ "$changed" = 1 ]; then
  # A running engine must reload daemon.json; restarting it is the only way for default-runtime.
  is_root || die "Docker must use the runc-nosysresource runtime: restart dockerd as root."
  log "restarting dockerd to pick up the runtime wrapper"
  pkill -x dockerd || true
  wait_for "dockerd stopped" 60 bash -c '! pgrep -x dockerd' || die "dockerd did not stop within 60s"
fi

if ! engine_up; then
  is_root || die "the Docker engine is not running: start it (sudo systemctl start docker) and rerun."
  if [ -d /run/systemd/system ] && systemctl list-unit-files docker.service >/dev/null 2>&1; then
    systemctl start docker || true
  fi
  if ! engine_up; then
    mkdir -p "$KUBE_GAMEDAY_CACHE/logs"
    log "starting dockerd in the background (log: $KUBE_GAMEDAY_CACHE/logs/dockerd.log)"
    setsid nohup dockerd >"$KUBE_GAMEDAY_CACHE/logs/dockerd.log" 2>&1 < /dev/null &
  fi
  wait_for "Docker engine up" 90 docker info || die "dockerd did not answer within 90s: see $KUBE_GAMEDAY_CACHE/logs/dockerd.log"
fi
