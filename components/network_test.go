package components

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

func TestSubnetCIDRs(t *testing.T) {
	tests := []struct {
		cidr          string
		azs           int
		public, priv  []string
		wantErrSubstr string
	}{
		// /16 -> /20 blocks of 4096 addresses = 16 in the third octet:
		// block i starts at 10.0.(16*i).0; private blocks start at 8 -> 10.0.128.0.
		{"10.0.0.0/16", 2, []string{"10.0.0.0/20", "10.0.16.0/20"}, []string{"10.0.128.0/20", "10.0.144.0/20"}, ""},
		{"10.0.0.0/16", 3, []string{"10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"}, []string{"10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20"}, ""},
		// /20 -> /24 blocks: 172.16.16.0 + i*256; private at 172.16.24.0.
		{"172.16.16.0/20", 2, []string{"172.16.16.0/24", "172.16.17.0/24"}, []string{"172.16.24.0/24", "172.16.25.0/24"}, ""},
		{"10.0.0.0/8", 2, nil, nil, "allowed: /16 to /24"},
		{"10.0.0.0/25", 2, nil, nil, "allowed: /16 to /24"},
		{"not-a-cidr", 2, nil, nil, "not an IPv4 CIDR"},
		{"fd00::/56", 2, nil, nil, "not an IPv4 CIDR"},
		{"10.0.0.0/16", 9, nil, nil, "network.az_count"},
	}
	for _, tt := range tests {
		pub, priv, err := SubnetCIDRs(tt.cidr, tt.azs)
		if tt.wantErrSubstr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErrSubstr) {
				t.Errorf("SubnetCIDRs(%q, %d) err = %v, want %q", tt.cidr, tt.azs, err, tt.wantErrSubstr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(pub, tt.public) || !reflect.DeepEqual(priv, tt.priv) {
			t.Errorf("SubnetCIDRs(%q, %d) = %v, %v, %v; want %v, %v", tt.cidr, tt.azs, pub, priv, err, tt.public, tt.priv)
		}
	}
}

func FuzzSubnetCIDRs(f *testing.F) {
	for _, s := range []string{"10.0.0.0/16", "192.168.0.0/24", "0.0.0.0/0", "", "::/0", "10.0.0.1/16"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, cidr string, azs int) {
		pub, priv, err := SubnetCIDRs(cidr, azs)
		if err != nil {
			return
		}
		if len(pub) != azs || len(priv) != azs {
			t.Fatalf("got %d public and %d private subnets for %d AZs", len(pub), len(priv), azs)
		}
		seen := map[string]bool{}
		for _, s := range append(pub, priv...) {
			if seen[s] {
				t.Fatalf("duplicate subnet %s", s)
			}
			seen[s] = true
		}
	})
}

func TestAZNames(t *testing.T) {
	if got, want := AZNames("eu-west-1", 3), []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("AZNames = %v, want %v", got, want)
	}
}

func TestNetworkNATModes(t *testing.T) {
	tests := []struct {
		mode         string
		azs          int
		nats         int
		privateRoute []string // NAT each private route table points at ("" = no route)
	}{
		{spec.NATNone, 2, 0, []string{"", ""}},
		{spec.NATSingle, 3, 1, []string{"n-nat-0_id", "n-nat-0_id", "n-nat-0_id"}},
		{spec.NATPerAZ, 3, 3, []string{"n-nat-0_id", "n-nat-1_id", "n-nat-2_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewNetwork(ctx, "n", &NetworkArgs{Region: "us-west-2", CIDR: "10.1.0.0/16", AZCount: tt.azs, NATMode: tt.mode})
				return err
			})
			c := rs.counts()
			if c["aws:ec2/natGateway:NatGateway"] != tt.nats || c["aws:ec2/eip:Eip"] != tt.nats {
				t.Errorf("NAT=%d EIP=%d, want %d", c["aws:ec2/natGateway:NatGateway"], c["aws:ec2/eip:Eip"], tt.nats)
			}
			for _, nat := range rs.ofType("aws:ec2/natGateway:NatGateway") {
				if nat.str("connectivityType") != "public" || !strings.HasPrefix(nat.str("allocationId"), "n-nat-eip-") || !strings.HasPrefix(nat.str("subnetId"), "n-public-") {
					t.Errorf("%s: inputs %v", nat.Name, nat.Inputs)
				}
			}
			for _, e := range rs.ofType("aws:ec2/eip:Eip") {
				if e.str("domain") != "vpc" {
					t.Errorf("%s: domain %q", e.Name, e.str("domain"))
				}
			}
			for i, want := range tt.privateRoute {
				rt := rs.named("n-private-rt-" + itoa(i))
				routes, _ := rt.get("routes").([]any)
				got := ""
				if len(routes) == 1 {
					got, _ = routes[0].(map[string]any)["natGatewayId"].(string)
				}
				if got != want {
					t.Errorf("private route table %d -> %q, want %q", i, got, want)
				}
			}
			pub := rs.named("n-public-rt").get("routes").([]any)[0].(map[string]any)
			if pub["gatewayId"] != "n-igw_id" || pub["cidrBlock"] != "0.0.0.0/0" {
				t.Errorf("public route = %v", pub)
			}
			if got := rs.named("n-public-2").str("availabilityZone"); tt.azs == 3 && got != "us-west-2c" {
				t.Errorf("third public subnet AZ = %q", got)
			}
			if rs.ofType("aws:ec2/vpc:Vpc")[0].get("enableDnsHostnames") != true {
				t.Error("VPC needs DNS hostnames")
			}
		})
	}
}

func itoa(i int) string { return string(rune('0' + i)) }
