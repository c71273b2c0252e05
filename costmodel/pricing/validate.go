package pricing

import (
	"fmt"
	"math"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// numericInput is an input a pricer multiplies by: it must be a number that
// is not negative, and a whole number when it counts things.
type numericInput struct {
	name  string
	whole bool
}

// numericInputs lists, per type token, the inputs whose wrong type or sign
// would otherwise turn into a silent default or a negative cost.
var numericInputs = map[string][]numericInput{
	"aws:autoscaling/group:Group": {{"desiredCapacity", true}, {"minSize", true}, {"maxSize", true}},
	"aws:rds/instance:Instance": {{"allocatedStorage", false}, {"iops", false}, {"storageThroughput", false},
		{"backupRetentionPeriod", true}},
	"aws:rds/cluster:Cluster":         {{"allocatedStorage", false}},
	"aws:ebs/volume:Volume":           {{"size", false}, {"iops", false}, {"throughput", false}},
	"aws:elasticache/cluster:Cluster": {{"numCacheNodes", true}},
	"aws:elasticache/replicationGroup:ReplicationGroup": {{"numNodeGroups", true}, {"replicasPerNodeGroup", true},
		{"numCacheClusters", true}},
	"aws:cloudwatch/logGroup:LogGroup": {{"retentionInDays", true}},
}

// validateInputs rejects a record whose priced inputs are not non-negative
// numbers, naming the resource, the input and what is allowed.
func validateInputs(rec *resource.Record) error {
	for _, in := range numericInputs[rec.Type] {
		v, ok := rec.Value(in.name)
		if !ok {
			continue
		}
		allowed := "a number >= 0"
		if in.whole {
			allowed = "a whole number >= 0"
		}
		n, isNumber := v.(float64)
		switch {
		case !isNumber:
			return fmt.Errorf("resource %s (%s): input %s: %v is not a number; allowed: %s", rec.Name, rec.Type, in.name, v, allowed)
		case n < 0 || math.IsNaN(n) || math.IsInf(n, 0):
			return fmt.Errorf("resource %s (%s): input %s: %v; allowed: %s", rec.Name, rec.Type, in.name, n, allowed)
		case in.whole && n != math.Trunc(n):
			return fmt.Errorf("resource %s (%s): input %s: %v; allowed: %s", rec.Name, rec.Type, in.name, n, allowed)
		}
	}
	return nil
}
