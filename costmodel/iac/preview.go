package iac

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// previewShape is what a preview must look like, for error messages.
const previewShape = `the JSON object written by "pulumi preview --json", {"config":{...},"steps":[...]}`

// previewStep is one step of pulumi preview --json (display.StepEventMetadata
// in pkg/v3), with sdk-only types. Some writers give a step its type and
// inputs and no newState; those are read too.
type previewStep struct {
	Op       string         `json:"op"`
	URN      string         `json:"urn"`
	Type     string         `json:"type,omitempty"`
	Provider string         `json:"provider,omitempty"`
	Inputs   map[string]any `json:"inputs,omitempty"`
	OldState *stateResource `json:"oldState,omitempty"`
	NewState *stateResource `json:"newState,omitempty"`
}

// Step ops whose new state exists after the update, and ops that leave
// nothing to pay for (deletes) or describe data sources (reads).
var (
	pricedOps = map[string]bool{
		"create": true, "update": true, "same": true, "replace": true, "create-replacement": true,
		"import": true, "import-replacement": true,
	}
	skippedOps = map[string]bool{
		"delete": true, "delete-replaced": true, "discard": true, "discard-replaced": true,
		"read": true, "read-replacement": true, "refresh": true, "remove-pending-replace": true,
	}
)

// ReadPreview reads a `pulumi preview --json` file ("-" reads stdin),
// streaming it within the preview size cap.
func ReadPreview(path string) (Source, error) {
	return readFile(path, inputfile.Preview, preview, previewShape)
}

// DecodePreview reads a `pulumi preview --json` document from r; name labels
// errors (usually the file name).
func DecodePreview(name string, r io.Reader) (Source, error) {
	return decodeReader(name, r, inputfile.Preview, preview, previewShape)
}

// preview streams {"config":{...},"steps":[...],...}, converting each step
// as soon as it is decoded.
func preview(dec *jsontext.Decoder) (Source, error) {
	var src Source
	var regions providerRegion
	var votes regionVotes
	configRegion := ""
	sawSteps, sawDeployment := false, false
	seen := map[string]bool{}
	err := object(dec, "", []string{"config", "steps"}, func(name string) error {
		switch name {
		case "config":
			if dec.PeekKind() == 'n' {
				_, err := dec.ReadToken()
				return err
			}
			return object(dec, "config", nil, func(key string) error {
				if key != "aws:region" {
					return dec.SkipValue()
				}
				if k := dec.PeekKind(); k != '"' {
					return fmt.Errorf("config.aws:region: got %s; allowed: a string such as \"us-east-1\"", inputfile.KindWords(k))
				}
				tok, err := dec.ReadToken()
				configRegion = tok.String()
				return err
			})
		case "steps":
			sawSteps = true
			if dec.PeekKind() == 'n' {
				_, err := dec.ReadToken()
				return err
			}
			return array(dec, "steps", func(i int) error {
				var st previewStep
				if err := json.UnmarshalDecode(dec, &st, decodeOpts); err != nil {
					return err
				}
				return step(st, fmt.Sprintf("steps[%d]", i), seen, &src, &regions, &votes)
			})
		case "deployment":
			sawDeployment = true
		}
		return dec.SkipValue()
	})
	if err == nil {
		err = atEOF(dec)
	}
	if err != nil {
		return Source{}, err
	}
	if !sawSteps {
		hint := ""
		if sawDeployment {
			hint = ` (this looks like a stack export, which holds "deployment")`
		}
		return Source{}, fmt.Errorf("steps: missing%s; allowed: %s", hint, previewShape)
	}
	src.pickRegion(&regions, configRegion, &votes)
	finish(&src)
	return src, nil
}

// stateOf is the state a priced step leaves: its newState; else, from a
// writer that gives none, its own type and inputs; else, for a step that
// keeps the resource (same, update), its old state. A step with none of
// these is read from its URN alone and noted, so it is never a silent $0.
func stateOf(st previewStep, at string, src *Source) stateResource {
	if st.NewState != nil {
		return *st.NewState
	}
	typ := st.Type
	if typ == "" {
		typ = resource.TypeFromURN(st.URN)
	}
	custom := isCustomType(typ)
	switch {
	case st.Inputs != nil:
		return stateResource{URN: st.URN, Type: typ, Custom: custom, Inputs: st.Inputs}
	case st.OldState != nil && (st.Op == "same" || st.Op == "update"):
		old := *st.OldState
		if old.URN == "" {
			old.URN = st.URN
		}
		src.note("%s (%s %s): no newState; read from its oldState", at, st.Op, resource.NameFromURN(st.URN))
		return old
	}
	if custom {
		src.note("%s (%s %s %s): no newState and no inputs; priced from its type alone, so its lines may have no price",
			at, st.Op, typ, resource.NameFromURN(st.URN))
	}
	return stateResource{URN: st.URN, Type: typ, Custom: custom}
}

// isCustomType guesses, from a type token alone, whether it is a custom
// resource: providers' resource tokens carry a module path
// ("aws:ec2/instance:Instance"); component tokens rarely do.
func isCustomType(typ string) bool {
	parts := strings.Split(typ, ":")
	return len(parts) == 3 && strings.Contains(parts[1], "/") || strings.HasPrefix(typ, "pulumi:providers:")
}

// step adds one step's new state, if it is priced.
func step(st previewStep, at string, seen map[string]bool, src *Source, regions *providerRegion, votes *regionVotes) error {
	switch {
	case skippedOps[st.Op]:
		return nil
	case !pricedOps[st.Op]:
		return fmt.Errorf("%s.op: %s is not a step op; allowed: %s", at, inputfile.Excerpt(st.Op), opList())
	case st.NewState == nil && st.URN == "":
		return fmt.Errorf("%s: no newState and no urn; allowed: a step with its urn and newState (or type and inputs)", at)
	}
	field := ".newState"
	if st.NewState == nil {
		field = ""
	}
	ns := stateOf(st, at, src)
	if ns.URN == "" {
		ns.URN = st.URN
	}
	// An update or same step keeps the resource's ID, but the preview's
	// new state may leave it blank; references such as an autoscaling
	// group's launch template id resolve through it.
	if ns.ID == "" && st.OldState != nil && st.Op != "replace" && st.Op != "create-replacement" {
		ns.ID = st.OldState.ID
	}
	// The step names the provider too; a new state may leave it out.
	if ns.Provider == "" {
		ns.Provider = st.Provider
	}
	if seen[string(ns.URN)] {
		return nil // a replace lists the same new state more than once
	}
	seen[string(ns.URN)] = true
	rec, err := record(ns, at+field)
	if err != nil {
		return err
	}
	src.add(rec, regions, votes)
	return nil
}

// opList names every op the reader knows, for error messages.
func opList() string {
	var ops []string
	for op := range pricedOps {
		ops = append(ops, op)
	}
	for op := range skippedOps {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	return strings.Join(ops, ", ")
}
