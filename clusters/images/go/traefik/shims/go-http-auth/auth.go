// Package auth declares the HTTP authentication helpers traefik's auth middlewares call. No
// credential is ever accepted (see go.mod), so a route behind them is closed, never open.
package auth

import (
	"fmt"
	"net/http"
	"strings"
)

// SecretProvider returns the stored secret of user in realm ("" when unknown).
type SecretProvider func(user, realm string) string

// CheckSecret never matches in this build.
func CheckSecret(password, secret string) bool { return false }

// BasicAuth challenges for HTTP Basic credentials.
type BasicAuth struct {
	Realm   string
	Secrets SecretProvider
}

// RequireAuth answers 401 with a Basic challenge.
func (a *BasicAuth) RequireAuth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf("Basic realm=%q", a.Realm))
	http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
}

// DigestAuth challenges for HTTP Digest credentials.
type DigestAuth struct {
	Realm   string
	Secrets SecretProvider
}

// NewDigestAuthenticator returns a DigestAuth for realm.
func NewDigestAuthenticator(realm string, secrets SecretProvider) *DigestAuth {
	return &DigestAuth{Realm: realm, Secrets: secrets}
}

// CheckAuth never authenticates in this build.
func (a *DigestAuth) CheckAuth(*http.Request) (string, *string) { return "", nil }

// RequireAuth answers 401 with a Digest challenge.
func (a *DigestAuth) RequireAuth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf("Digest realm=%q, algorithm=MD5, qop=\"auth\"", a.Realm))
	http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
}

// RequireAuthStale answers like RequireAuth (there is no nonce to renew).
func (a *DigestAuth) RequireAuthStale(w http.ResponseWriter, r *http.Request) { a.RequireAuth(w, r) }

// DigestAuthParams parses the key="value" pairs of a Digest Authorization header.
func DigestAuthParams(authorization string) map[string]string {
	scheme, rest, ok := strings.Cut(authorization, " ")
	if !ok || !strings.EqualFold(scheme, "Digest") {
		return nil
	}
	params := map[string]string{}
	for _, pair := range strings.Split(rest, ",") {
		key, value, found := strings.Cut(strings.TrimSpace(pair), "=")
		if found {
			params[key] = strings.Trim(value, `"`)
		}
	}
	return params
}
