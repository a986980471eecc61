// Package certificate declares certificate requests and results; obtaining one is unavailable.
package certificate

import (
	"context"

	lego "github.com/go-acme/lego/v5"
	"github.com/go-acme/lego/v5/certcrypto"
)

// Resource is an issued certificate with its key.
type Resource struct {
	ID                string   `json:"id"`
	Domains           []string `json:"domains"`
	CertURL           string   `json:"certUrl"`
	CertStableURL     string   `json:"certStableUrl"`
	PrivateKey        []byte   `json:"-"`
	Certificate       []byte   `json:"-"`
	IssuerCertificate []byte   `json:"-"`
	CSR               []byte   `json:"-"`
}

// ObtainRequest asks for a certificate for Domains.
type ObtainRequest struct {
	Domains          []string
	Bundle           bool
	EmailAddresses   []string
	Profile          string
	PreferredChain   string
	EnableCommonName bool
	KeyType          certcrypto.KeyType
}

// RenewOptions tune a renewal.
type RenewOptions struct {
	Bundle           bool
	EmailAddresses   []string
	Profile          string
	PreferredChain   string
	EnableCommonName bool
}

// Certifier would obtain and renew certificates from an ACME server.
type Certifier struct{}

// Obtain always fails: there is no ACME client in this build.
func (*Certifier) Obtain(context.Context, ObtainRequest) (*Resource, error) {
	return nil, lego.ErrUnavailable
}

// Renew always fails: there is no ACME client in this build.
func (*Certifier) Renew(context.Context, Resource, *RenewOptions) (*Resource, error) {
	return nil, lego.ErrUnavailable
}
