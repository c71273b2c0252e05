package iac

import (
	"fmt"
	"io"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"

	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// exportShape is what a stack export must look like, for error messages.
const exportShape = `the JSON object written by "pulumi stack export", {"version":3,"deployment":{"resources":[...]}}`

// ReadStackExport reads a `pulumi stack export` file ("-" reads stdin),
// streaming it within the stack export size cap.
func ReadStackExport(path string) (Source, error) {
	return readFile(path, inputfile.StackExport, stackExport, exportShape)
}

// DecodeStackExport reads a `pulumi stack export` document from r; name
// labels errors (usually the file name).
func DecodeStackExport(name string, r io.Reader) (Source, error) {
	return decodeReader(name, r, inputfile.StackExport, stackExport, exportShape)
}

// stackExport streams {"version":N,"deployment":{"resources":[...]}},
// converting each resource as soon as it is decoded.
func stackExport(dec *jsontext.Decoder) (Source, error) {
	var src Source
	var regions providerRegion
	var votes regionVotes
	version, sawDeployment := -1, false
	err := object(dec, "", []string{"version", "deployment"}, func(name string) error {
		switch name {
		case "version":
			if k := dec.PeekKind(); k != '0' {
				return fmt.Errorf("version: got %s; allowed: an integer", inputfile.KindWords(k))
			}
			return json.UnmarshalDecode(dec, &version)
		case "deployment":
			if dec.PeekKind() == 'n' {
				_, err := dec.ReadToken()
				return err
			}
			sawDeployment = true
			return deployment(dec, &src, &regions, &votes)
		}
		return dec.SkipValue()
	})
	if err == nil {
		err = atEOF(dec)
	}
	if err != nil {
		return Source{}, err
	}
	if !sawDeployment {
		return Source{}, fmt.Errorf("deployment: missing; allowed: %s", exportShape)
	}
	switch version {
	case 3, 4: // 4 only adds the "features" list; the deployment is V3.
	case -1, 0:
		return Source{}, fmt.Errorf("version: missing; allowed: 3 or 4")
	default:
		return Source{}, fmt.Errorf("version: %d is not supported; allowed: 3 or 4", version)
	}
	src.pickRegion(&regions, "", &votes)
	finish(&src)
	return src, nil
}

// deployment streams the deployment object's resources list.
func deployment(dec *jsontext.Decoder, src *Source, regions *providerRegion, votes *regionVotes) error {
	return object(dec, "deployment", []string{"resources"}, func(name string) error {
		if name != "resources" {
			return dec.SkipValue()
		}
		if dec.PeekKind() == 'n' {
			_, err := dec.ReadToken()
			return err
		}
		return array(dec, "deployment.resources", func(i int) error {
			var r stateResource
			if err := json.UnmarshalDecode(dec, &r, decodeOpts); err != nil {
				return err
			}
			if r.Delete {
				return nil // pending delete: gone after the next update
			}
			rec, err := record(r, fmt.Sprintf("deployment.resources[%d]", i))
			if err != nil {
				return err
			}
			src.add(rec, regions, votes)
			return nil
		})
	})
}

// stateResource is the part of apitype.ResourceV3 a record needs, with the
// same names. Decoding only these skips dependency lists and the like
// without allocating them, which keeps a large export's memory low.
type stateResource struct {
	URN      string         `json:"urn"`
	Custom   bool           `json:"custom"`
	Delete   bool           `json:"delete"`
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	Inputs   map[string]any `json:"inputs"`
	Outputs  map[string]any `json:"outputs"`
	Parent   string         `json:"parent"`
	External bool           `json:"external"`
	Provider string         `json:"provider"`
}

// The names above must stay those of the SDK's state resource.
var _ = apitype.ResourceV3{URN: "", Custom: false, Delete: false, ID: "", Type: "", Inputs: nil, Outputs: nil, Parent: "", External: false, Provider: ""}

// record converts one state resource, naming at in any error.
func record(r stateResource, at string) (resource.Record, error) {
	urn := string(r.URN)
	if urn == "" {
		return resource.Record{}, fmt.Errorf("%s.urn: missing; allowed: a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)", at)
	}
	typ := string(r.Type)
	if typ == "" {
		typ = resource.TypeFromURN(urn)
	}
	if typ == "" {
		return resource.Record{}, fmt.Errorf("%s.type: missing; allowed: a Pulumi type token such as aws:ec2/instance:Instance", at)
	}
	in, err := props(r.Inputs, at+".inputs")
	if err != nil {
		return resource.Record{}, err
	}
	out, err := props(r.Outputs, at+".outputs")
	if err != nil {
		return resource.Record{}, err
	}
	if in == nil {
		in = map[string]any{} // Record documents Inputs as always present
	}
	return resource.Record{
		Type:      typ,
		Name:      resource.NameFromURN(urn),
		URN:       urn,
		Parent:    string(r.Parent),
		Component: !r.Custom,
		ID:        string(r.ID),
		Inputs:    in,
		Outputs:   out,
		External:  r.External,
		Provider:  r.Provider,
	}, nil
}
