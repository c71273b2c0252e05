//go:build tools

// Package tools pins the Pulumi CLI that the end-to-end test builds. It is
// a separate module so the CLI's dependency graph never touches tiercost's.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
