package iac

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	sdkresource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// previewShape is what a preview must look like, for error messages.
const previewShape = `the JSON object written by "pulumi preview --json", {"config":{...},"steps":[...]}`

// previewDigest mirrors pkg/v3/display.PreviewDigest with sdk-only types,
// so reading a preview does not pull in the CLI's module graph.
type previewDigest struct {
	Config        map[string]json.RawMessage `json:"config,omitempty"`
	Steps         []previewStep              `json:"steps,omitempty"`
	Diagnostics   []previewDiagnostic        `json:"diagnostics,omitempty"`
	ChangeSummary map[string]int             `json:"changeSummary,omitempty"`
}

type previewStep struct {
	Op       string              `json:"op"`
	URN      string              `json:"urn"`
	Provider string              `json:"provider,omitempty"`
	OldState *apitype.ResourceV3 `json:"oldState,omitempty"`
	NewState *apitype.ResourceV3 `json:"newState,omitempty"`
}

type previewDiagnostic struct {
	URN      string `json:"urn,omitempty"`
	Message  string `json:"message,omitempty"`
	Severity string `json:"severity,omitempty"`
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

// ReadPreview reads a `pulumi preview --json` file.
func ReadPreview(path string) (Source, error) { return readFile(path, preview) }

// DecodePreview reads a `pulumi preview --json` document from r; name labels
// errors (usually the file name).
func DecodePreview(name string, r io.Reader) (Source, error) { return decodeReader(name, r, preview) }

func preview(data []byte) (Source, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Source{}, jsonError(data, "", err, previewShape)
	}
	if _, ok := top["steps"]; !ok {
		hint := ""
		if _, ok := top["deployment"]; ok {
			hint = ` (this looks like a stack export, which holds "deployment")`
		}
		return Source{}, fmt.Errorf("steps: missing%s; allowed: %s", hint, previewShape)
	}
	var d previewDigest
	if err := json.Unmarshal(data, &d); err != nil {
		return Source{}, previewError(data, err)
	}

	var src Source
	var regions providerRegion
	if raw, ok := d.Config["aws:region"]; ok {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Source{}, fmt.Errorf("config.aws:region: got %s; allowed: a string such as \"us-east-1\"", raw)
		}
		src.Region = s
	}
	seen := map[string]bool{}
	for i, st := range d.Steps {
		at := fmt.Sprintf("steps[%d]", i)
		switch {
		case skippedOps[st.Op]:
			continue
		case !pricedOps[st.Op]:
			return Source{}, fmt.Errorf("%s.op: %q is not a step op; allowed: %s", at, st.Op, opList())
		case st.NewState == nil:
			continue
		}
		ns := *st.NewState
		if ns.URN == "" {
			ns.URN = sdkresource.URN(st.URN)
		}
		// An update or same step keeps the resource's ID, but the preview's
		// new state may leave it blank; references such as an autoscaling
		// group's launch template id resolve through it.
		if ns.ID == "" && st.OldState != nil && st.Op != "replace" && st.Op != "create-replacement" {
			ns.ID = st.OldState.ID
		}
		if seen[string(ns.URN)] {
			continue // a replace lists the same new state more than once
		}
		seen[string(ns.URN)] = true
		rec, err := record(ns, at+".newState")
		if err != nil {
			return Source{}, err
		}
		switch {
		case resource.IsProvider(rec.Type):
			if isAWSProvider(rec.Type) {
				regions.add(rec.URN, regionFrom(rec.Inputs, rec.Outputs))
			}
			continue
		case resource.IsStack(rec.Type):
			continue
		}
		src.Records = append(src.Records, rec)
	}
	if src.Region == "" {
		src.Region = regions.pick()
	}
	finish(&src)
	return src, nil
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

// previewError locates a decoding error inside the steps list.
func previewError(data []byte, err error) error {
	var shape struct {
		Steps []json.RawMessage `json:"steps"`
	}
	if json.Unmarshal(data, &shape) == nil {
		for i, raw := range shape.Steps {
			var st previewStep
			if serr := json.Unmarshal(raw, &st); serr != nil {
				return jsonError(raw, fmt.Sprintf("steps[%d]", i), serr, "a step object as pulumi preview --json writes it")
			}
		}
	}
	return jsonError(data, "", err, previewShape)
}
