// Offline stand-in for traefik's fork of go-http-auth (github.com/containous/go-http-auth, which
// traefik's go.mod substitutes for github.com/abbot/go-http-auth). The module proxy reachable
// here does not serve the fork, and the original lacks what traefik calls. This stand-in fails
// closed: the basicAuth and digestAuth middlewares answer 401 to every request. Nothing the kit's
// scenarios run uses them.
module github.com/abbot/go-http-auth

go 1.24.0
