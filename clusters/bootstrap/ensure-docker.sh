#!/usr/bin/env bash
# Makes a Docker engine available: uses a running one; otherwise, on Debian, installs docker.io,
# starts dockerd in the background and waits for its socket. Where the capability bounding set
# lacks CAP_SYS_RESOURCE, privileged containers (kind nodes) cannot start, so the engine is given a
# runc wrapper that drops that one capability — and only then. Privileged steps go through as_root
# (root, else passwordless sudo, else one message saying so); an engine that the current user can
# already use for kind nodes is left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

engine_up() { timeout 10 docker info >/dev/null 2>&1; }
# engine_denied: an engine runs, but this user may not use its socket (not in the docker group).
# Starting another dockerd would not help, so this is said rather than "repaired".
engine_denied() { [[ "$(timeout 10 docker info 2>&1)" == *"permission denied"* ]]; }
denied_hint() { echo "a Docker engine runs but $(id -un) may not use it: add the user to the docker group (sudo usermod -aG docker $(id -un)), log in again and rerun."; }

lacks_cap_sys_resource() {
  local capbnd; capbnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
  [ $(( (0x$capbnd >> 24) & 1 )) -eq 0 ]
}

# configure_runtime_wrapper: installs the wrapper and makes it Docker's default runtime in
# daemon.json; sets runtime_changed=1 when daemon.json changed. It reports through a variable, not
# its exit status, so that it is called as a plain statement: in `if`/`&&` bash would ignore errexit
# inside it and carry on past a failed step.
runtime_changed=0
configure_runtime_wrapper() {
  local wrapper=/usr/local/libexec/kube-gameday/runc-nosysresource
  as_root install -D -m 0755 "$REPO_ROOT/clusters/bootstrap/runc-nosysresource" "$wrapper"
  local conf=/etc/docker/daemon.json current='{}'
  [ -s "$conf" ] && current=$(as_root cat "$conf")
  local wanted
  wanted=$(jq --arg p "$wrapper" '.runtimes["runc-nosysresource"] = {path: $p} | ."default-runtime" = "runc-nosysresource"' <<<"$current")
  [ "$wanted" != "$current" ] || return 0
  as_root mkdir -p /etc/docker
  if [ -s "$conf" ]; then as_root cp "$conf" "$conf.kube-gameday.bak"; log "backed up $conf to $conf.kube-gameday.bak"; fi
  printf '%s\n' "$wanted" | as_root tee "$conf" >/dev/null
  log "registered runc-nosysresource as Docker's default runtime in $conf"
  runtime_changed=1
}

if engine_up && ! lacks_cap_sys_resource; then exit 0; fi
if engine_up && [ "$(docker info --format '{{.DefaultRuntime}}')" = runc-nosysresource ]; then exit 0; fi
if engine_denied; then die "$(denied_hint)"; fi

if ! command -v dockerd >/dev/null; then
  is_debian || die "no Docker engine: install Docker Engine (https://docs.docker.com/engine/install/) and start it, then rerun."
  apt_install docker.io jq
fi
apt_install jq

if lacks_cap_sys_resource; then configure_runtime_wrapper; fi

if engine_up && [ "$runtime_changed" = 1 ]; then
  # Reached only when the running engine cannot start privileged containers here (the capability is
  # missing and the wrapper was not its default runtime), so kind nodes could not run on it anyway.
  # A running engine must reload daemon.json; restarting it is the only way for default-runtime.
  log "restarting dockerd to pick up the runtime wrapper"
  as_root pkill -x dockerd || true
  wait_for "dockerd stopped" 60 bash -c '! pgrep -x dockerd' || die "dockerd did not stop within 60s"
fi

if ! engine_up; then
  root_or_sudo || die "the Docker engine is not running: start it (sudo systemctl start docker) and rerun, or $(root_hint)."
  if [ -d /run/systemd/system ] && systemctl list-unit-files docker.service >/dev/null 2>&1; then
    as_root systemctl start docker || true
  fi
  if ! engine_up; then
    mkdir -p "$KUBE_GAMEDAY_CACHE/logs"
    log "starting dockerd in the background (log: $KUBE_GAMEDAY_CACHE/logs/dockerd.log)"
    # This shell opens the log, so it belongs to the user running the bootstrap, not to root.
    as_root setsid nohup dockerd >"$KUBE_GAMEDAY_CACHE/logs/dockerd.log" 2>&1 < /dev/null &
  fi
  if ! wait_for "Docker engine up" 90 docker info; then
    if engine_denied; then die "$(denied_hint)"; fi
    die "dockerd did not answer within 90s: see $KUBE_GAMEDAY_CACHE/logs/dockerd.log"
  fi
fi
