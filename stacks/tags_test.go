package stacks

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/components"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestResourcesTaggedForTheBill: every resource that takes a tags map is
// tagged with its component's kind and its own logical name, and the Auto
// Scaling group's tags propagate to the instances it launches, so a bill's
// lines can be matched to the plan by tags (costmodel/actual). The
// resources the bill charges for are all among them.
func TestResourcesTaggedForTheBill(t *testing.T) {
	recs, err := Capture(CaptureOptions{Environment: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	byURN := map[string]resource.Record{}
	for _, r := range recs {
		byURN[r.URN] = r
	}
	// kindOf is the nearest component's kind, from its type token.
	kindOf := func(r resource.Record) string {
		for p := r.Parent; p != ""; p = byURN[p].Parent {
			if c := byURN[p]; c.Component && c.Type != "tiercost:index:Platform" {
				return c.Type[strings.LastIndex(c.Type, ":")+1:]
			}
		}
		return ""
	}
	billed := map[string]bool{}
	for _, r := range recs {
		if r.Component {
			continue
		}
		switch tags := r.Inputs["tags"].(type) {
		case map[string]any:
			if tags[components.TagComponent] != kindOf(r) || tags[components.TagPulumiName] != r.Name {
				t.Errorf("%s %s: tags %v, want Component=%s PulumiName=%s", r.Type, r.Name, tags, kindOf(r), r.Name)
			}
			billed[r.Type] = true
		case []any: // an Auto Scaling group's tag blocks
			got := map[string]bool{}
			for _, b := range tags {
				m, _ := b.(map[string]any)
				if m["propagateAtLaunch"] == true {
					got[m["key"].(string)+"="+m["value"].(string)] = true
				}
			}
			if !got["Component="+kindOf(r)] || !got["PulumiName="+r.Name] {
				t.Errorf("%s %s: tag blocks %v, want Component and PulumiName propagated at launch", r.Type, r.Name, tags)
			}
			billed[r.Type] = true
		}
	}
	for _, typ := range []string{"aws:autoscaling/group:Group", "aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer",
		"aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:cloudfront/distribution:Distribution",
		"aws:cloudwatch/logGroup:LogGroup", "aws:s3/bucketV2:BucketV2", "aws:ec2/eip:Eip"} {
		if !billed[typ] {
			t.Errorf("no %s is tagged", typ)
		}
	}
}
