package pricing

import (
	"fmt"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// benchRecords generates n records cycling through a mix of priced, free
// and unsupported types, with ASGs pointing at launch templates and RDS
// replicas at their primaries, all under components.
func benchRecords(n int) []resource.Record {
	out := make([]resource.Record, 0, n)
	for i := 0; len(out) < n; i++ {
		comp := resource.Record{Type: "tiercost:components:Stack", Name: fmt.Sprintf("c%d", i), Component: true,
			URN: fmt.Sprintf("urn:pulumi:dev::tc::tiercost:components:Stack::c%d", i)}
		child := func(typ, name string, inputs map[string]any) resource.Record {
			r := rec(typ, fmt.Sprintf("%s-%d", name, i), inputs)
			r.Parent = comp.URN
			return r
		}
		lt := child(launchTemplateType, "lt", map[string]any{"instanceType": "t3.micro",
			"blockDeviceMappings": []any{map[string]any{"ebs": map[string]any{"volumeSize": 20.0, "volumeType": "gp3"}}}})
		lt.ID = fmt.Sprintf("lt-%d", i)
		out = append(out, comp, lt,
			child(asgType, "asg", map[string]any{"desiredCapacity": 3.0, "minSize": 2.0, "maxSize": 6.0, "launchTemplate": map[string]any{"id": lt.ID}}),
			child(ec2Type, "vm", map[string]any{"instanceType": "t3.medium", "rootBlockDevice": map[string]any{"volumeSize": 30.0, "volumeType": "gp3", "iops": 4000.0}}),
			child(lbType, "alb", map[string]any{"subnets": []any{"a", "b", "c"}}),
			child(rdsInstanceType, "db", map[string]any{"identifier": fmt.Sprintf("db-%d", i), "engine": "postgres", "instanceClass": "db.t3.medium", "multiAz": true, "storageType": "gp3", "allocatedStorage": 100.0}),
			child(rdsInstanceType, "replica", map[string]any{"replicateSourceDb": fmt.Sprintf("db-%d", i), "instanceClass": "db.t4g.micro"}),
			child(rgType, "cache", map[string]any{"nodeType": "cache.t4g.small", "numNodeGroups": 2.0, "replicasPerNodeGroup": 1.0}),
			child(cfType, "cdn", map[string]any{"priceClass": "PriceClass_100"}),
			child("aws:ec2/natGateway:NatGateway", "nat", map[string]any{}),
			child("aws:ec2/eip:Eip", "eip", map[string]any{}),
			child("aws:s3/bucketV2:BucketV2", "bucket", map[string]any{}),
			child("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", map[string]any{"period": 60.0}),
			child("aws:ec2/subnet:Subnet", "subnet", map[string]any{}),
			child("aws:sqs/queue:Queue", "queue", map[string]any{}),
		)
	}
	return out[:n]
}

func BenchmarkPrice10k(b *testing.B) {
	recs := benchRecords(10_000)
	opts := Options{Project: "bench", Region: use1, Catalog: testCatalog()}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Price(recs, opts); err != nil {
			b.Fatal(err)
		}
	}
}
