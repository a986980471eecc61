// Offline stand-in for github.com/go-acme/lego/v5, the ACME (Let's Encrypt) client traefik links.
// The module proxy reachable here serves neither lego nor the ~16 DNS-provider SDKs it pulls in,
// so the kit builds traefik against this module instead: it declares the names traefik's code
// uses, keeps the few pure helpers traefik needs on every request path (the ACME TLS-ALPN protocol
// name, UnFqdn) correct, and refuses everything that would talk to an ACME server with
// ErrUnavailable. A traefik built this way serves plain HTTP and static TLS certificates as
// upstream does; certificatesResolvers (ACME) fail with a message that says why.
module github.com/go-acme/lego/v5

go 1.24.0
