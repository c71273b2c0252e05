package catalog

import "testing"

// TestKeyLayout pins the product key layout written by hand:
// service|product|region|k=v pairs sorted and joined by commas.
func TestKeyLayout(t *testing.T) {
	for _, tc := range []struct {
		got  ProductKey
		want string
	}{
		{Key("AmazonEC2", "instance", "us-east-1", "instanceType", "t3.micro"), "AmazonEC2|instance|us-east-1|instanceType=t3.micro"},
		{Key("AWSDataTransfer", "dt-inter-az", "eu-west-1"), "AWSDataTransfer|dt-inter-az|eu-west-1|"},
		{Key("S", "p", "r", "lone"), "S|p|r|"},
		{Key("S", "p", "r", "b", "2", "odd"), "S|p|r|b=2"},
		{Key("AmazonCloudFront", "cf-requests", "global", "protocol", "https", "group", "Europe"), "AmazonCloudFront|cf-requests|global|group=Europe,protocol=https"},
		{Key("S", "p", "r", "z", "1", "a", "2", "m", "3"), "S|p|r|a=2,m=3,z=1"},
	} {
		if string(tc.got) != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
