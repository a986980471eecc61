// Package lego (module root) only holds the shared error of this stand-in module.
package lego

import "errors"

// ErrUnavailable is what every ACME operation of this build returns.
var ErrUnavailable = errors.New("ACME certificate resolvers are not available in this traefik: the kube-gameday offline kit builds it without the lego ACME client (see clusters/images/go/traefik/shims/lego)")
