// Package ext holds the extension types traefik's dynamic configuration embeds inline. The open
// source build carries no extension fields, so both are empty.
package ext

// HTTP adds nothing to the dynamic HTTP configuration.
type HTTP struct{}

// Router adds nothing to an HTTP router.
type Router struct{}
