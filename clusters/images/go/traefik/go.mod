// Pin module: traefik's own go.mod has replace directives, so it cannot be built as a dependency
// of this module. This file only pins which traefik release the kit downloads, and go.sum pins
// that release's content hash; the kit then builds inside a copy of the downloaded module, whose
// own go.sum pins everything traefik depends on. Do not run `go mod tidy` here: nothing imports
// traefik, so tidy would drop the requirement.
module kube-gameday.local/kit/traefik

go 1.26.0

require github.com/traefik/traefik/v3 v3.7.13
