//go:build tools

// Never compiled: keeps the CLI's main package, and so its modules, in the graph for `go mod tidy`, with the
// codegen packages toolchain/sdk-gen builds from this same graph (its Python generator alone adds strcase).
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	_ "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	_ "github.com/pulumi/pulumi/pkg/v3/codegen/python"
)
