// Package dns would build a DNS-01 solver for a named DNS provider; none exist in this build.
package dns

import (
	"fmt"

	lego "github.com/go-acme/lego/v5"
	"github.com/go-acme/lego/v5/challenge"
)

// NewDNSChallengeProviderByName always fails, naming the provider that was asked for.
func NewDNSChallengeProviderByName(name string) (challenge.Provider, error) {
	return nil, fmt.Errorf("DNS challenge provider %q: %w", name, lego.ErrUnavailable)
}
