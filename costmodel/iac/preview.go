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
// in pkg/v3), with sdk-only types. Of the old state only the ID is kept.
type previewStep struct {
	Op       string         `json:"op"`
	URN      string         `json:"urn"`
	Provider string         `json:"provider,omitempty"`
	OldState *oldState      `json:"oldState,omitempty"`
	NewState *stateResource `json:"newState,omitempty"`
}

type oldState struct {
	ID string `json:"id"`
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
				return step(st, fmt.Sprintf("steps[%d]", i), seen, &src, &regions)
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
	src.Region = configRegion
	if src.Region == "" {
		src.Region = regions.pick()
	}
	finish(&src)
	return src, nil
}

// step adds one step's new state, if it is priced.
func step(st previewStep, at string, seen map[string]bool, src *Source, regions *providerRegion) error {
	switch {
	case skippedOps[st.Op]:
		return nil
	case !pricedOps[st.Op]:
		return fmt.Errorf("%s.op: %s is not a step op; allowed: %s", at, inputfile.Excerpt(st.Op), opList())
	case st.NewState == nil:
		return nil
	}
	ns := *st.NewState
	if ns.URN == "" {
		ns.URN = st.URN
	}
	// An update or same step keeps the resource's ID, but the preview's
	// new state may leave it blank; references such as an autoscaling
	// group's launch template id resolve through it.
	if ns.ID == "" && st.OldState != nil && st.Op != "replace" && st.Op != "create-replacement" {
		ns.ID = st.OldState.ID
	}
	if seen[string(ns.URN)] {
		return nil // a replace lists the same new state more than once
	}
	seen[string(ns.URN)] = true
	rec, err := record(ns, at+".newState")
	if err != nil {
		return err
	}
	switch {
	case resource.IsProvider(rec.Type):
		if isAWSProvider(rec.Type) {
			regions.add(rec.URN, regionFrom(rec.Inputs, rec.Outputs))
		}
	case resource.IsStack(rec.Type):
	default:
		src.Records = append(src.Records, rec)
	}
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
