package usage

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestMarshalRoundTrip(t *testing.T) {
	u := &Usage{
		TypeDefaults: map[string]Values{
			"aws:lb/loadBalancer:LoadBalancer": {"processed_gb_per_hour": decimal.RequireFromString("2.5")},
			"aws:ec2/natGateway:NatGateway":    {"monthly_data_processed_gb": decimal.RequireFromString("1000")},
			"tiercost:usage:DataTransfer":      {"monthly_internet_out_gb": decimal.RequireFromString("0.0001")},
		},
		Resources: map[string]Values{"web-alb": {"new_connections_per_second": decimal.RequireFromString("50")}},
	}
	back, err := Parse("round-trip.yml", Marshal(u), testSchema)
	if err != nil {
		t.Fatalf("%v\n%s", err, Marshal(u))
	}
	for typ, vals := range u.TypeDefaults {
		for k, v := range vals {
			if got := back.TypeDefaults[typ][k]; !got.Equal(v) {
				t.Errorf("%s.%s = %s, want %s", typ, k, got, v)
			}
		}
	}
	if got := back.Resources["web-alb"]["new_connections_per_second"]; !got.Equal(decimal.NewFromInt(50)) {
		t.Errorf("web-alb new connections = %s, want 50", got)
	}
}
