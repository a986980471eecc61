# stage: addon images — images that only some scenarios need (an ingress controller, …). They stay
# out of the node image, so every cluster does not pay for them; a scenario names the ones it
# needs under `cluster.images` and the kind provider loads them into its nodes.
# Sourced by build.sh after the runtime images (it reuses build_image, context and STATIC_BASE).
# Sets ADDON_IMAGES.

# Traefik's go.mod has replace directives (forks, a nested module), which Go ignores in a
# dependency, so it cannot be built through a wrapper module like the others. Instead: download the
# pinned release (go/traefik/go.sum pins its hash), copy the module into the scratch directory and
# build inside the copy with its own go.sum, read-only so nothing is resolved that it does not pin.
# Three things the module proxy here cannot serve are substituted from go/traefik/shims (each
# explains itself): the nested module the zip leaves out, lego (ACME) with the DNS SDKs only it
# needs, and traefik's go-http-auth fork. HTTP routing, the Ingress provider and static TLS are
# upstream's code; ACME resolvers and basic/digest auth are not available in this build.
build_traefik() {
  local dl src="$OUT/src" shims="$KIT_DIR/go/traefik/shims"
  cd "$KIT_DIR/go/traefik"
  dl=$(go mod download -json github.com/traefik/traefik/v3)
  local version dir
  version=$(printf '%s\n' "$dl" | sed -n 's/^[[:space:]]*"Version": "\(.*\)",\{0,1\}$/\1/p')
  dir=$(printf '%s\n' "$dl" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ "$version" = "$TRAEFIK_VERSION" ] \
    || die "go/traefik/go.mod pins traefik $version but kit.lock says $TRAEFIK_VERSION: change both together."
  [ -d "$dir/cmd/traefik" ] || die "traefik module at '$dir' has no cmd/traefik (go mod download said: $dl)"
  cp -a "$dir" "$src" && chmod -R u+w "$src"
  cd "$src"
  mkdir -p _kit pkg/config/dynamic/ext
  cp -a "$shims/lego" "$shims/go-http-auth" _kit/
  cp "$shims/dynamic-ext/"* pkg/config/dynamic/ext/
  local drops=()
  while read -r module; do drops+=("-droprequire=$module"); done < <(grep -v '^#' "$shims/dropped-requirements.txt")
  go mod edit -replace github.com/go-acme/lego/v5=./_kit/lego -replace github.com/abbot/go-http-auth=./_kit/go-http-auth "${drops[@]}"
  # webui/static holds only a placeholder in the module (upstream builds the dashboard with Node
  # before go build): the embed compiles, the dashboard is blank. Nothing here needs it.
  [ -d webui/static ] || die "traefik $TRAEFIK_VERSION has no webui/static: its //go:embed would fail"
  mkdir -p "$OUT/bin"
  local p=github.com/traefik/traefik/v3/pkg/version
  GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X $p.Version=$TRAEFIK_VERSION -X $p.Codename=kit -X $p.BuildDate=1970-01-01T00:00:00Z" \
    -o "$OUT/bin/traefik" ./cmd/traefik
  cd "$OUT" && rm -rf "$src"
  "$OUT/bin/traefik" version >&2
  output_mentions "$TRAEFIK_VERSION" "$OUT/bin/traefik" version
}

verify_traefik() { output_mentions "$TRAEFIK_VERSION" "$OUT/bin/traefik" version; }

RECIPE=$(declare -f build_traefik)
traefik_key=$(stage_key go-traefik TRAEFIK_VERSION RECIPE -- go/traefik)
run_stage go-traefik "$traefik_key" build_traefik verify_traefik
BIN_TRAEFIK=$(stage_dir go-traefik "$traefik_key")/bin

# Upstream's library image runs the binary from /usr/local/bin with the same flags, so manifests
# written for it (args: [--providers.kubernetesingress, …]) run unchanged.
ctx=$(context traefik "$BIN_TRAEFIK/traefik"); cp -a "$STATIC_BASE" "$ctx/base"
build_image "$TRAEFIK_IMAGE" "$ctx" 'FROM scratch
COPY base/ /
COPY traefik /usr/local/bin/traefik
EXPOSE 80
ENTRYPOINT ["/usr/local/bin/traefik"]'

ADDON_IMAGES=("$TRAEFIK_IMAGE")
log "addon images (loaded per scenario, not in the node image): ${ADDON_IMAGES[*]}"
