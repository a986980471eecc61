// Package log receives the logger traefik hands to lego; this build has nothing to log.
package log

import "log/slog"

// SetDefault is accepted and ignored.
func SetDefault(*slog.Logger) {}
