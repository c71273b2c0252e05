package iac

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// exportShape is what a stack export must look like, for error messages.
const exportShape = `the JSON object written by "pulumi stack export", {"version":3,"deployment":{"resources":[...]}}`

// ReadStackExport reads a `pulumi stack export` file.
func ReadStackExport(path string) (Source, error) { return readFile(path, stackExport) }

// DecodeStackExport reads a `pulumi stack export` document from r; name
// labels errors (usually the file name).
func DecodeStackExport(name string, r io.Reader) (Source, error) {
	return decodeReader(name, r, stackExport)
}

func stackExport(data []byte) (Source, error) {
	var u apitype.UntypedDeployment
	if err := json.Unmarshal(data, &u); err != nil {
		return Source{}, jsonError(data, "", err, exportShape)
	}
	if len(u.Deployment) == 0 || string(u.Deployment) == "null" {
		return Source{}, fmt.Errorf("deployment: missing; allowed: %s", exportShape)
	}
	switch u.Version {
	case 3, 4: // 4 only adds the "features" list; the deployment is V3.
	case 0:
		return Source{}, fmt.Errorf("version: missing; allowed: 3 or 4")
	default:
		return Source{}, fmt.Errorf("version: %d is not supported; allowed: 3 or 4", u.Version)
	}
	var d apitype.DeploymentV3
	if err := json.Unmarshal(u.Deployment, &d); err != nil {
		return Source{}, deploymentError(u.Deployment, err)
	}

	var src Source
	var regions providerRegion
	for i, r := range d.Resources {
		at := fmt.Sprintf("deployment.resources[%d]", i)
		if r.Delete {
			continue // pending delete: gone after the next update
		}
		rec, err := record(r, at)
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
	src.Region = regions.pick()
	finish(&src)
	return src, nil
}

// record converts one state resource, naming at in any error.
func record(r apitype.ResourceV3, at string) (resource.Record, error) {
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
	}, nil
}

// deploymentError locates a decoding error: json's own field path has no
// list indexes, so the resources are decoded one by one to find the culprit.
func deploymentError(data []byte, err error) error {
	var shape struct {
		Resources []json.RawMessage `json:"resources"`
	}
	if json.Unmarshal(data, &shape) == nil {
		for i, raw := range shape.Resources {
			var r apitype.ResourceV3
			if rerr := json.Unmarshal(raw, &r); rerr != nil {
				return jsonError(raw, fmt.Sprintf("deployment.resources[%d]", i), rerr, "a resource object as pulumi stack export writes it")
			}
		}
	}
	return jsonError(data, "deployment", err, exportShape)
}
