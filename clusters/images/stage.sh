# Stage bookkeeping for build.sh: cache keys, atomic and verified outputs, progress and failure
# messages. Sourced, never run.

KIT_CACHE="$KUBE_GAMEDAY_CACHE/kit"
mkdir -p "$KIT_CACHE" "$KUBE_GAMEDAY_CACHE/logs"

# stage_key NAME VAR... -- PATH...: a short hash of the named lock values and the files under the
# paths (relative to the kit dir). Anything that changes what a stage builds must be an input.
# (A stage's verification is not: it changes what is accepted, not what is built.)
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

# stage_forced NAME: true if --force named this stage (or all).
stage_forced() { [ "$FORCE" = "$1" ] || [ "$FORCE" = all ]; }

# run_checked LOGFILE FUNCTION: runs FUNCTION in a subshell where errexit really applies (its first
# failing command ends it, and the log names that command), appending its output to LOGFILE, and
# leaves its exit status in CHECKED_STATUS. Returns 0 itself.
#
# Why not `if ! ( set -e; "$fn" )`: bash ignores errexit in anything whose status is tested (if,
# while, until, ||, &&, !) — a `set -e` written inside included — so such a function runs on past
# its failures and only its last command's status counts. So the subshell is run as a plain
# command, with the caller's errexit suspended around it and restored after; and run_checked must
# itself be called as a plain statement, which it checks.
run_checked() {
  local logfile=$1 fn=$2 caller_errexit=0
  [[ $- == *e* ]] && caller_errexit=1
  set +e
  # Where errexit is ignored, this probe runs on to `exit 0`; elsewhere `false` ends it with 1.
  ( set -e; false; exit 0 )
  [ $? != 0 ] || die "run_checked $fn: called under if, while, ||, && or !, where bash ignores errexit: call it (and run_stage) as a plain statement"
  (
    set -eEuo pipefail
    shopt -s inherit_errexit
    trap 'echo "FAILED (exit $?) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2' ERR
    "$fn"
  ) >>"$logfile" 2>&1
  CHECKED_STATUS=$?
  [ "$caller_errexit" = 0 ] || set -e
  return 0
}

# remove_tree DIR: removes DIR, also when a privileged step (debootstrap under sudo) left root-owned
# files in it.
remove_tree() {
  [ -e "$1" ] || return 0
  rm -rf "$1" 2>/dev/null || as_root rm -rf "$1"
}

# stage_files DIR: what a stage directory holds, one "path size mtime" line per file (.complete
# aside). Cheap to take; a file that went missing, was cut off or replaced since changes it.
stage_files() { (cd "$1" && find . -type f ! -name '.complete*' -printf '%P %s %T@\n' | LC_ALL=C sort); }

# mark_verified DIR HEADLINE: writes DIR/.complete: HEADLINE, then the files that passed verification.
mark_verified() {
  local files; files=$(stage_files "$1")
  printf '%s\n%s\n' "$2" "$files" > "$1/.complete.tmp"
  mv "$1/.complete.tmp" "$1/.complete"
}

# verified_unchanged DIR: DIR holds files, exactly those its .complete lists as verified. A marker
# without that list (written before stages were verified) never matches.
verified_unchanged() {
  local now; now=$(stage_files "$1")
  [ -n "$now" ] && [ "$(tail -n +2 "$1/.complete")" = "$now" ]
}

# run_stage NAME KEY BUILD VERIFY: puts the stage's output in place, checked.
# BUILD runs with $OUT set to a scratch directory; VERIFY checks what it made (again with $OUT set
# to it); only then is the output marked complete, with the list of its verified files, and moved
# into place. BUILD and VERIFY stop at their first failing command.
# A cached output is used as it is while its files are those that were verified. Otherwise (a file
# gone or cut off, or an entry marked complete by an older kit that verified nothing, like the
# 0-byte rootfs.tar of issue 21) VERIFY runs again: the entry is kept if it passes, else rebuilt.
# So a warm run costs one `find` per stage, and a damaged or untrusted cache repairs itself.
# Prints how long the stage took; on failure names the stage and its log.
run_stage() {
  local name=$1 key=$2 fn=$3 verify=${4:-}
  declare -F "$verify" >/dev/null || die "stage $name: no verification function '$verify' (run_stage NAME KEY BUILD VERIFY)"
  local final; final=$(stage_dir "$name" "$key")
  local logfile="$KUBE_GAMEDAY_CACHE/logs/kit-$name.log"
  if ! stage_forced "$name" && [ -f "$final/.complete" ]; then
    if verified_unchanged "$final"; then
      log "stage $name: cached ($final)"
      return 0
    fi
    local checklog="$KUBE_GAMEDAY_CACHE/logs/kit-$name.verify.log"
    : >"$checklog"
    OUT=$final
    run_checked "$checklog" "$verify"
    if [ "$CHECKED_STATUS" = 0 ]; then
      mark_verified "$final" "verified $(date -u +%FT%TZ) by $verify (cached, unverified or changed since)"
      log "stage $name: cached, verified again ($final)"
      return 0
    fi
    log "stage $name: cached output fails verification, rebuilding ($(tail -n 1 "$checklog"))"
  fi
  OUT="$final.partial.$$"
  remove_tree "$OUT"
  mkdir -p "$OUT"
  log "stage $name: building (log: $logfile)"
  local t0; t0=$(date +%s)
  : >"$logfile"
  run_checked "$logfile" "$fn"
  local failure="failed"
  if [ "$CHECKED_STATUS" = 0 ]; then
    echo "---- verifying the outputs ($verify)" >>"$logfile"
    run_checked "$logfile" "$verify"
    failure="built, but its outputs fail verification ($verify)"
  fi
  if [ "$CHECKED_STATUS" != 0 ]; then
    echo "---- last lines of $logfile ----" >&2
    tail -n 25 "$logfile" >&2
    remove_tree "$OUT"
    die "stage $name $failure after $(( $(date +%s) - t0 ))s; full log: $logfile"
  fi
  mark_verified "$OUT" "built $(date -u +%FT%TZ) in $(( $(date +%s) - t0 ))s, verified by $verify"
  remove_tree "$final"
  mv "$OUT" "$final"
  prune_stage "$name" "$final"
  log "stage $name: done in $(( $(date +%s) - t0 ))s"
}

# prune_stage NAME KEEP: removes what is dead weight next to KEEP — keys of the stage older than the
# KIT_KEEP_KEYS newest (default 3), and scratch directories of builds whose process is gone. Not
# just "every other key": two checkouts of the project (two branches, two versions being compared)
# share this cache, and each would delete the other's stages — and the tools linked from them —
# on every build.
prune_stage() {
  local name=$1 keep=$2 dir pid kept=0
  for dir in "$KIT_CACHE/$name"-*.partial.*; do
    [[ ${dir##*/} =~ ^$name-[0-9a-f]{16}\.partial\.([0-9]+)$ ]] || continue
    pid=${BASH_REMATCH[1]}
    kill -0 "$pid" 2>/dev/null || remove_tree "$dir"
  done
  # Newest first, by when each key was last built or verified.
  while IFS= read -r dir; do
    [[ ${dir##*/} =~ ^$name-[0-9a-f]{16}$ ]] || continue
    [ "$dir" = "$keep" ] && continue
    kept=$((kept + 1))
    [ "$kept" -lt "${KIT_KEEP_KEYS:-3}" ] || remove_tree "$dir"
  done < <(ls -1dt "$KIT_CACHE/$name"-* 2>/dev/null)
}

# Checks for VERIFY functions (binaries use output_mentions, in lib.sh). Each stops the
# verification (errexit) with one line saying what is wrong.

# verify_tar FILE MIN_MIB: FILE is a whole tar archive of at least MIN_MIB MiB — its first header
# has the ustar magic, and it ends with the zero blocks tar writes last (a cut-off archive does not).
verify_tar() {
  local file=$1 min=$2 size
  [ -f "$file" ] || die "$file is missing"
  size=$(stat -c %s "$file")
  [ "$size" -ge $(( min * 1048576 )) ] || die "$file has $size bytes, expected at least $min MiB"
  [ "$(head -c 262 "$file" | tail -c 5)" = ustar ] || die "$file is not a tar archive (no ustar header)"
  [ -z "$(tail -c 1024 "$file" | tr -d '\0')" ] || die "$file does not end like a tar archive: cut off?"
}

# image_key IMAGE: the kit key label of a local image, empty if it has none or is absent.
image_key() {
  docker image inspect --format '{{ index .Config.Labels "io.kube-gameday.kit-key" }}' "$1" 2>/dev/null || true
}

# image_current IMAGE KEY: true if IMAGE exists locally and was built from KEY.
image_current() {
  [ "$FORCE" != all ] || return 1
  [ "$(image_key "$1")" = "$2" ]
}

# verify_image IMAGE KEY: after a build said it succeeded, IMAGE must be there, built from KEY.
verify_image() {
  [ "$(image_key "$1")" = "$2" ] || die "image $1: the build reported success, but docker image inspect finds no $1 built from key $2"
}
