// sdk-gen: binds the aigc package schema with Pulumi's own schema package (the validation every provider's
// schema goes through) and generates the Node.js, Python and Go SDKs with Pulumi's codegen, the same code
// `pulumi package gen-sdk` runs, without the language hosts that command needs (docs/vendor-notes/pulumi.md).
//
//	sdk-gen check <schema.json>                  bind and validate; errors and warnings on stderr
//	sdk-gen <nodejs|python|go> <schema.json> <out-dir>   write one SDK under out-dir
//
// Built by toolchain/sdk-gen.sh from toolchain/pulumi-cli's module graph (the CLI's pinned pkg/v3).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-aigc sdk-gen"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "sdk-gen: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: sdk-gen check <schema.json> | sdk-gen <nodejs|python|go> <schema.json> <out-dir>")
	}
	pkg, err := bind(args[1])
	if err != nil {
		return err
	}
	if args[0] == "check" {
		return nil
	}
	if len(args) != 3 {
		return fmt.Errorf("missing <out-dir>")
	}
	files, err := generate(args[0], pkg)
	if err != nil {
		return err
	}
	return write(args[2], files)
}

// bind reads and validates the schema: any error diagnostic (a dangling type, a bad token) fails. The null
// loader: the aigc schema refers to no other package.
func bind(path string) (*schema.Package, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	for _, d := range diags {
		fmt.Fprintf(os.Stderr, "%s\n", d.Error())
	}
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the schema has %d error(s)", len(diags.Errs()))
	}
	return pkg, nil
}

func generate(lang string, pkg *schema.Package) (map[string][]byte, error) {
	switch lang {
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, nil)
	case "python":
		return python.GeneratePackage(tool, pkg, nil, nil)
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	}
	return nil, fmt.Errorf("unknown language %q (nodejs, python or go)", lang)
}

// write replaces out-dir with the generated files (sorted, so that runs are reproducible).
func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "sdk-gen: %d files in %s\n", len(names), dir)
	return nil
}
