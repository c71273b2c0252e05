package resource

import "testing"

func TestURNParts(t *testing.T) {
	for _, tc := range []struct{ urn, typ, name string }{
		{"urn:pulumi:prod::tiercost::tiercost:index:Platform$tiercost:index:Compute$aws:autoscaling/group:Group::tc-app-asg", "aws:autoscaling/group:Group", "tc-app-asg"},
		{"urn:pulumi:dev::tiercost::aws:ec2/eip:Eip::eip", "aws:ec2/eip:Eip", "eip"},
		{"not-a-urn", "", "not-a-urn"},
	} {
		if got := TypeFromURN(tc.urn); got != tc.typ {
			t.Errorf("TypeFromURN(%s) = %q, want %q", tc.urn, got, tc.typ)
		}
		if got := NameFromURN(tc.urn); got != tc.name {
			t.Errorf("NameFromURN(%s) = %q, want %q", tc.urn, got, tc.name)
		}
	}
}

func TestValueFallsBackToOutputs(t *testing.T) {
	r := Record{
		Inputs:  map[string]any{"instanceClass": "db.t4g.micro", "engine": nil},
		Outputs: map[string]any{"engine": "postgres", "allocatedStorage": 500.0, "multiAz": true},
	}
	if r.String("instanceClass") != "db.t4g.micro" || r.String("engine") != "postgres" {
		t.Errorf("strings: %q %q", r.String("instanceClass"), r.String("engine"))
	}
	if n, ok := r.Number("allocatedStorage"); !ok || n != 500 {
		t.Errorf("Number = %v %v", n, ok)
	}
	if _, ok := r.Number("iops"); ok {
		t.Error("absent iops reported present")
	}
	if !r.Bool("multiAz") {
		t.Error("multiAz from outputs")
	}
}

func TestProviderURN(t *testing.T) {
	for _, tc := range []struct{ ref, want string }{
		// A stack export's reference: the provider URN, "::", its ID.
		{"urn:pulumi:dev::shop::pulumi:providers:aws::euw1::p2", "urn:pulumi:dev::shop::pulumi:providers:aws::euw1"},
		// The analyzer has no provider IDs: the URN alone.
		{"urn:pulumi:dev::shop::pulumi:providers:aws::euw1", "urn:pulumi:dev::shop::pulumi:providers:aws::euw1"},
		// A preview's reference to a provider not yet created.
		{"urn:pulumi:dev::shop::pulumi:providers:aws::euw1::04da6b54-80e4-46f7-96ec-b56ff0331ba9", "urn:pulumi:dev::shop::pulumi:providers:aws::euw1"},
		{"", ""},
	} {
		if got := ProviderURN(tc.ref); got != tc.want {
			t.Errorf("ProviderURN(%s) = %q, want %q", tc.ref, got, tc.want)
		}
	}
}
