// Package certcrypto names the key types traefik's configuration accepts.
package certcrypto

// KeyType is a private key algorithm and size.
type KeyType string

// The values traefik's keyType option maps to.
const (
	EC256   KeyType = "P256"
	EC384   KeyType = "P384"
	RSA2048 KeyType = "2048"
	RSA4096 KeyType = "4096"
	RSA8192 KeyType = "8192"
)
