// Package lego is the ACME client's entry point: a config and a client that cannot be created in
// this build, so traefik's ACME resolvers stop at NewClient with ErrUnavailable.
package lego

import (
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"time"

	root "github.com/go-acme/lego/v5"
	"github.com/go-acme/lego/v5/certcrypto"
	"github.com/go-acme/lego/v5/certificate"
	"github.com/go-acme/lego/v5/challenge"
	"github.com/go-acme/lego/v5/challenge/dns01"
	"github.com/go-acme/lego/v5/challenge/http01"
	"github.com/go-acme/lego/v5/challenge/tlsalpn01"
	"github.com/go-acme/lego/v5/registration"
)

// DirectoryURLLetsEncrypt is traefik's default CA server (Let's Encrypt production).
const DirectoryURLLetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory"

// CertificateConfig tunes certificate requests.
type CertificateConfig struct {
	KeyType certcrypto.KeyType
	Timeout time.Duration
}

// Config of an ACME client.
type Config struct {
	CADirURL    string
	User        registration.User
	UserAgent   string
	HTTPClient  *http.Client
	Certificate CertificateConfig
}

// NewConfig returns a config for user.
func NewConfig(user registration.User) *Config {
	return &Config{User: user, CADirURL: DirectoryURLLetsEncrypt, HTTPClient: http.DefaultClient, Certificate: CertificateConfig{KeyType: certcrypto.RSA2048, Timeout: 30 * time.Second}}
}

// Solvers would hold the challenge solvers of a client.
type Solvers struct{}

// SetDNS01Provider always fails: there is no ACME client in this build.
func (*Solvers) SetDNS01Provider(challenge.Provider, ...dns01.ChallengeOption) error {
	return root.ErrUnavailable
}

// SetHTTP01Provider always fails: there is no ACME client in this build.
func (*Solvers) SetHTTP01Provider(challenge.Provider, ...http01.ChallengeOption) error {
	return root.ErrUnavailable
}

// SetTLSALPN01Provider always fails: there is no ACME client in this build.
func (*Solvers) SetTLSALPN01Provider(challenge.Provider, ...tlsalpn01.ChallengeOption) error {
	return root.ErrUnavailable
}

// Client is an ACME client.
type Client struct {
	Certificate  *certificate.Certifier
	Challenge    *Solvers
	Registration *registration.Registrar
}

// NewClient always fails, so no ACME request is ever attempted.
func NewClient(*Config) (*Client, error) {
	return nil, root.ErrUnavailable
}

// CreateCertPool builds a pool from PEM files (and the system pool when asked); traefik uses it
// for the CA server's TLS settings, so it works as documented even though the client does not.
func CreateCertPool(paths []string, useSystem bool) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if useSystem {
		system, err := x509.SystemCertPool()
		if err != nil {
			return nil, fmt.Errorf("system cert pool: %w", err)
		}
		pool = system
	}
	for _, path := range paths {
		if path == "" {
			continue
		}
		pem, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading CA certificates %s: %w", path, err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no PEM certificate in %s", path)
		}
	}
	return pool, nil
}

