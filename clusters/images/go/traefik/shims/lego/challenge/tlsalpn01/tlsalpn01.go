// Package tlsalpn01 names the TLS-ALPN-01 protocol. traefik puts ACMETLS1Protocol in every TLS
// listener's ALPN list and uses it as a store name, so the value is the real one (RFC 8737).
package tlsalpn01

import (
	"time"

	lego "github.com/go-acme/lego/v5"
)

// ACMETLS1Protocol is the ALPN protocol name of TLS-ALPN-01.
const ACMETLS1Protocol = "acme-tls/1"

// ChallengeBlocks would build the self-signed challenge certificate; unavailable here.
func ChallengeBlocks(domain, keyAuth string) ([]byte, []byte, error) {
	return nil, nil, lego.ErrUnavailable
}

// Settings is what options would change.
type Settings struct{ delay time.Duration }

// ChallengeOption changes TLS-ALPN-01 settings.
type ChallengeOption func(*Settings) error

// SetDelay waits before the server is told to validate.
func SetDelay(delay time.Duration) ChallengeOption {
	return func(s *Settings) error { s.delay = delay; return nil }
}
