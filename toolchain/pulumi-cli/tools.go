//go:build tools

// Never compiled: keeps the CLI's main package, and so its modules, in the graph for `go mod tidy`.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
