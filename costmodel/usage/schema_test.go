package usage

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// testSchema stands in for pricing.UsageSchema, which this package cannot
// import (pricing imports usage): the type tokens and keys these tests and
// testdata/stacks/usage.yml use. The parser only ever reads the schema it
// is given; pricing's tests parse the same fixture with the real schema.
var testSchema = schemaOf(map[string][]string{
	"aws:lb/loadBalancer:LoadBalancer": {"new_connections_per_second", "active_connections_per_minute",
		"processed_gb_per_hour", "rule_evaluations_per_second"},
	"aws:cloudfront/distribution:Distribution": {"monthly_data_transfer_to_internet_gb", "monthly_data_transfer_to_origin_gb",
		"monthly_http_requests", "monthly_https_requests"},
	"aws:ec2/natGateway:NatGateway":                     {"monthly_data_processed_gb"},
	"aws:rds/instance:Instance":                         {"monthly_hours", "additional_backup_storage_gb"},
	"aws:rds/cluster:Cluster":                           {"storage_gb", "monthly_io_requests", "backup_storage_gb"},
	"aws:elasticache/replicationGroup:ReplicationGroup": {"snapshot_storage_gb"},
	"aws:ebs/volume:Volume":                             {"monthly_snapshot_gb"},
	"aws:s3/bucketV2:BucketV2":                          {"storage_gb", "monthly_tier1_requests", "monthly_tier2_requests"},
	"aws:cloudwatch/logGroup:LogGroup":                  {"monthly_data_ingested_gb", "storage_gb"},
	"aws:cloudwatch/dashboard:Dashboard":                {},
	"tiercost:usage:DataTransfer":                       {"monthly_internet_out_gb", "monthly_inter_az_gb"},
})

// schemaOf builds a Schema from key names; units and descriptions do not
// matter to the parser.
func schemaOf(keys map[string][]string) Schema {
	s := Schema{}
	for typ, names := range keys {
		s[typ] = []Key{}
		for _, n := range names {
			s[typ] = append(s[typ], Key{Name: n, Unit: "test", Description: "test"})
		}
	}
	return s
}

// The parser knows no type of its own: what one schema allows, another
// rejects.
func TestParseReadsOnlyTheGivenSchema(t *testing.T) {
	doc := []byte("version: 0.1\nresource_type_default_usage:\n  acme:widget/widget:Widget:\n    widgets_per_hour: 3\n")
	tests := []struct {
		name    string
		schema  Schema
		wantErr string
	}{
		{"type in the schema", Schema{"acme:widget/widget:Widget": {{Name: "widgets_per_hour", Unit: "widgets/h", Description: "w"}}}, ""},
		{"type not in the schema", testSchema, "resource_type_default_usage.acme:widget/widget:Widget: unknown type token"},
		{"key not in the schema", Schema{"acme:widget/widget:Widget": {}}, "widgets_per_hour: unknown usage key; allowed: no usage keys"},
		{"no schema", nil, "unknown type token; allowed: \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse("u.yml", doc, tt.schema)
			if tt.wantErr == "" {
				if err != nil || !u.TypeDefaults["acme:widget/widget:Widget"]["widgets_per_hour"].Equal(decimal.NewFromInt(3)) {
					t.Errorf("u = %+v, err = %v; want widgets_per_hour 3", u, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error()+"\n", tt.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
