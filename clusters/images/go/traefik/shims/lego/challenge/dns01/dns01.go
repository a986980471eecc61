// Package dns01 declares the DNS-01 options traefik sets, and UnFqdn, which traefik also uses
// outside ACME (to match certificate names) and which therefore behaves as the real one.
package dns01

import (
	"strings"
	"time"
)

// UnFqdn removes the trailing dot of a fully qualified name.
func UnFqdn(name string) string {
	return strings.TrimSuffix(name, ".")
}

// Options configure the DNS client of the propagation checks.
type Options struct {
	RecursiveNameservers []string
}

// Client would run the propagation checks.
type Client struct{ options Options }

// NewClient keeps the options; nothing uses them in this build.
func NewClient(options *Options) *Client {
	if options == nil {
		return &Client{}
	}
	return &Client{options: *options}
}

// SetDefaultClient has nothing to configure in this build.
func SetDefaultClient(*Client) {}

// Settings is what options would change.
type Settings struct {
	skipAuthoritative, skipRecursive bool
	wait                             time.Duration
	skipChecks                       bool
}

// ChallengeOption changes DNS-01 settings.
type ChallengeOption func(*Settings) error

// CondOptions applies options only when condition holds.
func CondOptions(condition bool, options ...ChallengeOption) ChallengeOption {
	return func(s *Settings) error {
		if !condition {
			return nil
		}
		for _, option := range options {
			if err := option(s); err != nil {
				return err
			}
		}
		return nil
	}
}

// DisableAuthoritativeNssPropagationRequirement skips the authoritative name server check.
func DisableAuthoritativeNssPropagationRequirement() ChallengeOption {
	return func(s *Settings) error { s.skipAuthoritative = true; return nil }
}

// DisableRecursiveNSsPropagationRequirement skips the recursive name server check.
func DisableRecursiveNSsPropagationRequirement() ChallengeOption {
	return func(s *Settings) error { s.skipRecursive = true; return nil }
}

// PropagationWait waits a fixed time before (or instead of) checking propagation.
func PropagationWait(wait time.Duration, skipChecks bool) ChallengeOption {
	return func(s *Settings) error { s.wait, s.skipChecks = wait, skipChecks; return nil }
}
