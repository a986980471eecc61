// Package http01 names the HTTP-01 challenge path (traefik routes it) and its delay option.
package http01

import "time"

// PathPrefix is where an ACME server looks for HTTP-01 tokens (RFC 8555 section 8.3).
const PathPrefix = "/.well-known/acme-challenge/"

// Settings is what options would change.
type Settings struct{ delay time.Duration }

// ChallengeOption changes HTTP-01 settings.
type ChallengeOption func(*Settings) error

// SetDelay waits before the server is told to validate.
func SetDelay(delay time.Duration) ChallengeOption {
	return func(s *Settings) error { s.delay = delay; return nil }
}
