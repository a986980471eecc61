// Package registration declares account registration; registering is unavailable.
package registration

import (
	"context"
	"crypto"

	lego "github.com/go-acme/lego/v5"
	"github.com/go-acme/lego/v5/acme"
)

// User is the ACME account holder traefik implements.
type User interface {
	GetEmail() string
	GetRegistration() *acme.ExtendedAccount
	GetPrivateKey() crypto.Signer
}

// RegisterOptions of a plain registration.
type RegisterOptions struct {
	TermsOfServiceAgreed bool
}

// RegisterEABOptions of a registration with external account binding.
type RegisterEABOptions struct {
	TermsOfServiceAgreed bool
	Kid                  string
	HmacEncoded          string
}

// Registrar would register accounts with an ACME server.
type Registrar struct{}

// Register always fails: there is no ACME client in this build.
func (*Registrar) Register(context.Context, RegisterOptions) (*acme.ExtendedAccount, error) {
	return nil, lego.ErrUnavailable
}

// RegisterWithExternalAccountBinding always fails: there is no ACME client in this build.
func (*Registrar) RegisterWithExternalAccountBinding(context.Context, RegisterEABOptions) (*acme.ExtendedAccount, error) {
	return nil, lego.ErrUnavailable
}
