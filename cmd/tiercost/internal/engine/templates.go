package engine

import (
	_ "embed"

	"github.com/tiercost/tiercost/stacks"
)

// templates are the program's templates (stacks.Records) for the shapes a
// new process is asked most: every environment and tier, and the next
// action's before and after for each, as `tiercost advise` prices them.
// Learned from the program this binary runs (TestEmbeddedTemplates keeps
// them current; stacks ignores them when the program changed), they let a
// one-off command price without running the program under mocks.
//
//go:embed templates.jsonl
var templates []byte

func init() { stacks.Preload(templates) }
