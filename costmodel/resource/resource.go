// Package resource owns the plain record of one cloud resource as the cost
// model sees it: the type token, logical name, URN, parent and inputs. The
// mocked program run, stack exports and previews all become []Record, so the
// pricers never depend on where a resource came from.
package resource

import (
	"slices"
	"strings"
)

// Type tokens that packages other than pricing name: capacity fills usage
// for them and the mocked program run fakes their outputs. Pricing declares
// every type it knows in its registry; a token used only there stays a
// literal in its pricer file.
const (
	TypeLoadBalancer    = "aws:lb/loadBalancer:LoadBalancer"
	TypeTargetGroup     = "aws:lb/targetGroup:TargetGroup"
	TypeCloudFront      = "aws:cloudfront/distribution:Distribution"
	TypeNATGateway      = "aws:ec2/natGateway:NatGateway"
	TypeLogGroup        = "aws:cloudwatch/logGroup:LogGroup"
	TypeBucketV2        = "aws:s3/bucketV2:BucketV2"
	TypeRDSInstance     = "aws:rds/instance:Instance"
	TypeLaunchTemplate  = "aws:ec2/launchTemplate:LaunchTemplate"
	TypeVpc             = "aws:ec2/vpc:Vpc"
	TypeVPCEndpoint     = "aws:ec2/vpcEndpoint:VpcEndpoint"
	TypeCertificate     = "aws:acm/certificate:Certificate"
	TypeRoute53Zone     = "aws:route53/zone:Zone"
	TypeRoute53Record   = "aws:route53/record:Record"
	TypeWebACL          = "aws:wafv2/webAcl:WebAcl"
	TypeSNSTopic        = "aws:sns/topic:Topic"
	TypeSNSSubscription = "aws:sns/topicSubscription:TopicSubscription"
	TypeKMSKey          = "aws:kms/key:Key"
	// TypeDataTransfer is the virtual type token that carries region-level
	// data transfer usage; the cost model prices it as one synthetic
	// resource, never as a record of a stack.
	TypeDataTransfer = "tiercost:usage:DataTransfer"
)

// Record is one resource the program creates (or a stack holds).
type Record struct {
	// Type is the Pulumi type token, e.g. aws:ec2/instance:Instance.
	Type string `json:"type"`
	// Name is the logical name.
	Name string `json:"name"`
	URN  string `json:"urn"`
	// Parent is the parent's URN ("" or the Stack's URN at the top level).
	Parent string `json:"parent"`
	// Component is true for ComponentResources, which are never priced.
	Component bool `json:"component,omitempty"`
	// ID is the provider ID when known (stack exports), else "".
	ID string `json:"id,omitempty"`
	// Inputs holds plain JSON-like values (string, float64, bool, []any,
	// map[string]any, nil) with secrets already unwrapped.
	Inputs map[string]any `json:"inputs"`
	// Outputs holds the provider's outputs when known (stack exports).
	Outputs map[string]any `json:"outputs,omitempty"`
	// External marks a resource the stack reads but does not own
	// (`external: true` in a stack export): its owner pays for it.
	External bool `json:"external,omitempty"`
	// Provider is the resource's provider reference ("<provider URN>::<ID>",
	// or the provider's URN alone) when the source names one: pricing
	// prices the resource in that provider's region.
	Provider string `json:"provider,omitempty"`
}

// Sort orders records by URN, which makes every listing deterministic.
func Sort(rs []Record) {
	slices.SortStableFunc(rs, func(a, b Record) int { return strings.Compare(a.URN, b.URN) })
}

// Value returns the input named key, falling back to the output of the same
// name when the input omits it.
func (r Record) Value(key string) (any, bool) {
	if v, ok := r.Inputs[key]; ok && v != nil {
		return v, true
	}
	if v, ok := r.Outputs[key]; ok && v != nil {
		return v, true
	}
	return nil, false
}

// String returns a string input (or output), or "".
func (r Record) String(key string) string {
	v, _ := r.Value(key)
	s, _ := v.(string)
	return s
}

// Number returns a numeric input (or output) and whether it was present.
func (r Record) Number(key string) (float64, bool) {
	v, ok := r.Value(key)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// Bool returns a boolean input (or output), or false.
func (r Record) Bool(key string) bool {
	v, _ := r.Value(key)
	b, _ := v.(bool)
	return b
}

// Map returns a nested object input (or output), or nil.
func (r Record) Map(key string) map[string]any {
	v, _ := r.Value(key)
	m, _ := v.(map[string]any)
	return m
}

// List returns a list input (or output), or nil.
func (r Record) List(key string) []any {
	v, _ := r.Value(key)
	l, _ := v.([]any)
	return l
}

// SecretValue is what a secret property reads as, in every source: the
// placeholder pulumi preview --json writes. A secret's plaintext is never
// read, so nothing can print it.
const SecretValue = "[secret]"

// IsProvider reports whether the type token is a provider resource.
func IsProvider(typ string) bool { return strings.HasPrefix(typ, "pulumi:providers:") }

// IsStack reports whether the type token is the root stack.
func IsStack(typ string) bool { return typ == "pulumi:pulumi:Stack" }

// ProviderURN returns the provider URN a provider reference names: the
// reference without its "::<ID>" tail, or the reference itself when it is
// a URN alone (a URN has four "::"-separated parts, a reference five).
func ProviderURN(ref string) string {
	if strings.Count(ref, "::") < 4 {
		return ref
	}
	return ref[:strings.LastIndex(ref, "::")]
}

// NameFromURN returns the logical name at the end of a URN.
func NameFromURN(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

// TypeFromURN returns the resource's own type token from a URN
// (urn:pulumi:stack::project::parentType$type::name).
func TypeFromURN(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	qualified := parts[2]
	if i := strings.LastIndex(qualified, "$"); i >= 0 {
		return qualified[i+1:]
	}
	return qualified
}
