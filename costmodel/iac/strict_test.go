package iac

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrictJSON: duplicate names, names differing only in case, numbers
// beyond the bound and secret-looking content are refused with one line
// naming the file, line and field; a BOM is accepted. Columns were
// worked out with a text search for the offending name or value.
func TestStrictJSON(t *testing.T) {
	const res = `{"urn":"urn:pulumi:s::p::aws:ec2/instance:Instance::web","custom":true,"type":"aws:ec2/instance:Instance","inputs":{"instanceType":"t3.micro"}}`
	export := func(resources string) string {
		return `{"version":3,"deployment":{"resources":[` + resources + `]}}`
	}
	tests := []struct {
		name, doc string
		read      func(string, []byte) error
		want      string // "" for no error
	}{
		{"export: version twice", `{"version":3,"version":4,"deployment":{}}`, readExport,
			"e.json: line 1, column 14: version: given twice; allowed: each name once in an object"},
		{"export: Version beside version", `{"version":3,"Version":4,"deployment":{}}`, readExport,
			"e.json: line 1, column 14: Version: same name as version but for letter case; allowed: each name once"},
		{"export: input twice", export(strings.Replace(res, `"t3.micro"`, `"t3.micro","instanceType":"m5.24xlarge"`, 1)), readExport,
			"e.json: line 1, column 183: deployment.resources[0].inputs.instanceType: given twice"},
		{"export: Inputs beside inputs", export(strings.Replace(res, `"inputs"`, `"Inputs":{},"inputs"`, 1)), readExport,
			"deployment.resources[0].inputs: given twice"},
		{"export: 1e308 count", export(strings.Replace(res, `"instanceType":"t3.micro"`, `"desiredCapacity":1e308`, 1)), readExport,
			"e.json: deployment.resources[0].inputs.desiredCapacity: 1e+308 is above the bound; allowed: numbers up to 2^63"},
		{"export: BOM", "\xef\xbb\xbf" + export(res), readExport, ""},
		{"export: tag keys may differ in case", export(strings.Replace(res, `"instanceType":"t3.micro"`, `"tags":{"Name":"a","name":"b"}`, 1)), readExport, ""},
		{"export: secret-like file", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", readExport,
			"e.json: line 1, column 1: malformed JSON"},
		{"preview: steps twice", `{"steps":[],"steps":[]}`, readPreview, "e.json: line 1, column 13: steps: given twice"},
		{"preview: 1e308 count", `{"steps":[{"op":"create","newState":` + strings.Replace(res, `"instanceType":"t3.micro"`, `"allocatedStorage":-1e308`, 1) + `}]}`, readPreview,
			"steps[0].newState.inputs.allocatedStorage: -1e+308 is above the bound"},
		{"preview: secret-looking op", `{"steps":[{"op":"ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z"}]}`, readPreview,
			"steps[0].op: (a value that looks like a secret, not shown) is not a step op"},
		{"preview: BOM", "\xef\xbb\xbf" + `{"steps":[]}`, readPreview, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read("e.json", []byte(tt.doc))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want == "":
				return
			case err == nil:
				t.Fatalf("no error, want %q", tt.want)
			case !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "e.json: "):
				t.Errorf("err = %v\nwant %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "wJalr") || strings.Contains(err.Error(), "ghp_") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error quotes the file or spans lines: %v", err)
			}
		})
	}
}

func readExport(name string, data []byte) error {
	_, err := DecodeStackExport(name, strings.NewReader(string(data)))
	return err
}

func readPreview(name string, data []byte) error {
	_, err := DecodePreview(name, strings.NewReader(string(data)))
	return err
}

// Files stream through the same decoder, and line numbers come from
// reading the file again.
func TestReadStackExportFileErrorsHaveLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.json")
	doc := "{\n  \"version\": 3,\n  \"deployment\": {\n    \"resources\": [\n      {\"urn\": 5}\n    ]\n  }\n}\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadStackExport(path)
	want := path + ": line 5, column 15: deployment.resources[0].urn: got a number; allowed: a string"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v\nwant %s...", err, want)
	}
}
