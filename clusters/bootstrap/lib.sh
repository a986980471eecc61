# Shared shell helpers for the host bootstrap and the image kit. Sourced, never run.
# Caches live outside the repository so a fresh clone reuses them and git never sees them.
KUBE_GAMEDAY_CACHE=${KUBE_GAMEDAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gameday}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS_BIN="$REPO_ROOT/.tools/bin"
KIT_LOCK="$REPO_ROOT/clusters/images/kit.lock"

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

# apt_install PKG...: installs missing Debian packages (refreshing the index once per hour at most).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root && is_debian || die "missing packages ${missing[*]}: install them (Debian: apt-get install ${missing[*]})."
  local stamp=/var/lib/apt/periodic/kube-gameday-update
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +60 2>/dev/null)" ]; then
    log "apt-get update"
    timeout 600 apt-get update -qq && mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# output_mentions TEXT CMD...: runs CMD and checks its output contains TEXT, saying what it printed
# if not. Not `CMD | grep -q`: under pipefail, grep -q exits at the first match and a CMD that is
# still writing dies of SIGPIPE, failing the check at random (seen: coredns -version, loaded host).
output_mentions() {
  local want=$1 out; shift
  out=$("$@" 2>&1) || { echo "$* failed: $out" >&2; return 1; }
  [[ $out == *"$want"* ]] || { echo "$* does not report $want: $out" >&2; return 1; }
}
