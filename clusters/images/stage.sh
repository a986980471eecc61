# Stage bookkeeping for build.sh: cache keys, atomic outputs, progress and failure messages.
# Sourced, never run.

KIT_CACHE="$KUBE_GAMEDAY_CACHE/kit"
mkdir -p "$KIT_CACHE" "$KUBE_GAMEDAY_CACHE/logs"

# stage_key NAME VAR... -- PATH...: a short hash of the named lock values and the files under the
# paths (relative to the kit dir). Anything that changes what a stage builds must be an input.
stage_key() {
  local name=$1; shift
  local vars=() paths=() mode=vars
  for a in "$@"; do
    if [ "$a" = -- ]; then mode=paths; continue; fi
    if [ $mode = vars ]; then vars+=("$a"); else paths+=("$a"); fi
  done
  {
    echo "$name"
    for v in "${vars[@]}"; do echo "$v=${!v}"; done
    for p in "${paths[@]}"; do
      (cd "$KIT_DIR" && find "$p" -type f -print0 | sort -z | xargs -0 sha256sum)
    done
  } | sha256sum | cut -c1-16
}

# stage_dir NAME KEY: where the stage's output lives when complete.
stage_dir() { echo "$KIT_CACHE/$1-$2"; }

# stage_done NAME KEY: true if the stage's output is complete and not forced.
stage_done() {
  [ "$FORCE" != "$1" ] && [ "$FORCE" != all ] && [ -f "$(stage_dir "$1" "$2")/.complete" ]
}

# run_stage NAME KEY FUNCTION: runs FUNCTION with $OUT set to a scratch directory, then publishes
# it. Prints how long the stage took; on failure names the stage and its log.
run_stage() {
  local name=$1 key=$2 fn=$3
  local final; final=$(stage_dir "$name" "$key")
  if stage_done "$name" "$key"; then
    log "stage $name: cached ($final)"
    return 0
  fi
  local logfile="$KUBE_GAMEDAY_CACHE/logs/kit-$name.log"
  OUT="$final.partial.$$"
  rm -rf "$OUT" && mkdir -p "$OUT"
  log "stage $name: building (log: $logfile)"
  local t0; t0=$(date +%s)
  if ! ( set -euo pipefail; "$fn" ) >"$logfile" 2>&1; then
    rm -rf "$OUT"
    echo "---- last lines of $logfile ----" >&2
    tail -n 25 "$logfile" >&2
    die "stage $name failed after $(( $(date +%s) - t0 ))s; full log: $logfile"
  fi
  echo "built $(date -u +%FT%TZ) in $(( $(date +%s) - t0 ))s" > "$OUT/.complete"
  rm -rf "$final" && mv "$OUT" "$final"
  # Older keys of the same stage are dead weight: keep only the newest.
  find "$KIT_CACHE" -maxdepth 1 -name "$name-*" ! -name "$name-$key" -exec rm -rf {} +
  log "stage $name: done in $(( $(date +%s) - t0 ))s"
}

# image_current IMAGE KEY: true if IMAGE exists locally and was built from KEY.
image_current() {
  [ "$FORCE" != all ] || return 1
  [ "$(docker image inspect --format '{{ index .Config.Labels "io.kube-gameday.kit-key" }}' "$1" 2>/dev/null)" = "$2" ]
}
