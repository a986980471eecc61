// Stand-in for traefik's nested module github.com/traefik/traefik/dynamic/ext. Traefik's go.mod
// replaces it with ./pkg/config/dynamic/ext, but a module zip never contains nested modules and
// the module proxy does not serve it, so the kit copies this directory to that path before it
// builds. Upstream it is an extension point holding empty types; keep the names in step with
// what pkg/config/dynamic of the pinned release embeds (ext.HTTP, ext.Router in v3.7.13).
module github.com/traefik/traefik/dynamic/ext

go 1.24.0
