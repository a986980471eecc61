// Package challenge declares what an ACME challenge solver implements.
package challenge

import "context"

// Provider presents and removes the proof an ACME server checks for a domain.
type Provider interface {
	Present(ctx context.Context, domain, token, keyAuth string) error
	CleanUp(ctx context.Context, domain, token, keyAuth string) error
}
