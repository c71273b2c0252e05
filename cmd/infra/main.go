// Command infra is the program `pulumi up` runs (Pulumi.yaml main:
// cmd/infra). All logic lives in the stacks package.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/stacks"
)

func main() { pulumi.Run(stacks.Program) }
