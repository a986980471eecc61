// Package acme holds the ACME account as traefik stores it in acme.json; the JSON names follow
// RFC 8555 section 7.1.2 so existing files still decode.
package acme

import "encoding/json"

// Account is an ACME account object.
type Account struct {
	Status                 string          `json:"status,omitempty"`
	Contact                []string        `json:"contact,omitempty"`
	TermsOfServiceAgreed   bool            `json:"termsOfServiceAgreed,omitempty"`
	Orders                 string          `json:"orders,omitempty"`
	OnlyReturnExisting     bool            `json:"onlyReturnExisting,omitempty"`
	ExternalAccountBinding json.RawMessage `json:"externalAccountBinding,omitempty"`
}

// ExtendedAccount is an account with the URL the server assigned to it.
type ExtendedAccount struct {
	Account
	Location string `json:"-"`
}
