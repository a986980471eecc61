# Shared shell helpers for the host bootstrap and the image kit. Sourced, never run.
# Caches live outside the repository so a fresh clone reuses them and git never sees them.
KUBE_GAMEDAY_CACHE=${KUBE_GAMEDAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gameday}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS_BIN="$REPO_ROOT/.tools/bin"
KIT_LOCK="$REPO_ROOT/clusters/images/kit.lock"
# Privileged tools (debootstrap, chroot, dockerd) live in sbin directories, which a non-root user's
# PATH often lacks: without them `command -v` misses what is installed and a step fails with
# "command not found". Appended, so nothing the user put first is shadowed.
for _sbin in /usr/local/sbin /usr/sbin /sbin; do
  case ":$PATH:" in *":$_sbin:"*) ;; *) PATH="$PATH:$_sbin" ;; esac
done
unset _sbin
export PATH

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Reads KEY=VALUE pairs of the lock file into the environment (lines starting with # are comments).
load_kit_lock() {
  [ -f "$KIT_LOCK" ] || die "$KIT_LOCK is missing: the image kit cannot know its versions."
  while IFS='=' read -r key value; do
    case "$key" in ''|\#*) continue ;; esac
    export "$key=$value"
  done < "$KIT_LOCK"
}

# wait_for DESCRIPTION SECONDS COMMAND...: retries COMMAND once a second until it succeeds or the deadline passes.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 1
  done
  log "$what after $(( seconds - (deadline - $(date +%s)) ))s"
}

is_root() { [ "$(id -u)" = 0 ]; }
is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

# root_or_sudo: true when privileged steps can run here: as root, or through sudo that asks for no
# password (as on CI runners; sudo -n never prompts, so a build never hangs on a password).
root_or_sudo() { is_root || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

# root_hint: how to let the bootstrap take its privileged steps.
root_hint() { echo "run as root, or give $(id -un) passwordless sudo (check with: sudo -n true)"; }

# as_root COMMAND...: runs one privileged step (installing packages, starting dockerd, debootstrap)
# as root: directly when root, else through sudo -n, else stops with one message naming the step.
# sudo resets the environment: pass variables as `as_root env NAME=value COMMAND...`.
as_root() {
  if is_root; then "$@"; return; fi
  root_or_sudo || die "'$*' needs root: $(root_hint)."
  sudo -n "$@"
}

# apt_install PKG...: installs missing Debian packages (refreshing the index once per hour at most).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_debian || die "missing packages ${missing[*]} (Debian's names): install them and rerun."
  root_or_sudo || die "missing packages ${missing[*]}: install them (apt-get install ${missing[*]}), or $(root_hint)."
  local stamp=/var/lib/apt/periodic/kube-gameday-update
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +60 2>/dev/null)" ]; then
    log "apt-get update"
    as_root timeout 600 apt-get update -qq && as_root mkdir -p "$(dirname "$stamp")" && as_root touch "$stamp"
  fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# output_mentions TEXT CMD...: runs CMD and checks its output contains TEXT, saying what it printed
# if not. Not `CMD | grep -q`: under pipefail, grep -q exits at the first match and a CMD that is
# still writing dies of SIGPIPE, failing the check at random (seen: coredns -version, loaded host).
output_mentions() {
  local want=$1 out; shift
  out=$("$@" 2>&1) || { echo "$* failed: $out" >&2; return 1; }
  [[ $out == *"$want"* ]] || { echo "$* does not report $want: $out" >&2; return 1; }
}
