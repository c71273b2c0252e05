package spec

import "fmt"

// Logical names of the resources whose usage the workload model sets one
// by one, by name (the capacity model's usage builder). The components
// name them with these same functions, so the two never drift.

// LogBucketName is the access-log bucket.
func (s Spec) LogBucketName() string { return s.Name + "-logs" }

// FlowLogGroupName is the VPC flow logs' log group.
func (s Spec) FlowLogGroupName() string { return s.Name + "-flow-logs" }

// WAF scopes: the regional web ACL on the ALB and the global one on
// CloudFront.
const (
	WAFScopeALB = "alb"
	WAFScopeCDN = "cdn"
)

// WebACLName is the web ACL of a scope (WAFScopeALB or WAFScopeCDN).
func (s Spec) WebACLName(scope string) string { return s.Name + "-waf-" + scope }

// WAFLogGroupName is the log group a scope's web ACL logs blocked and
// counted requests to.
func (s Spec) WAFLogGroupName(scope string) string { return s.Name + "-waf-" + scope + "-logs" }

// ShardName returns the logical suffix of shard i: "db" for an unsharded
// database, "db-shard-<i>" otherwise.
func ShardName(shards, i int) string {
	if shards == 1 {
		return "db"
	}
	return fmt.Sprintf("db-shard-%d", i)
}

// ReplicaName is the logical suffix of replica j of a shard.
func ReplicaName(shard string, j int) string { return fmt.Sprintf("%s-replica-%d", shard, j) }

// DBInstanceNames returns the logical names of the database's primaries
// and replicas, shard by shard.
func (s Spec) DBInstanceNames() (primaries, replicas []string) {
	for i := 0; i < s.Database.Shards; i++ {
		shard := ShardName(s.Database.Shards, i)
		primaries = append(primaries, s.Name+"-"+shard)
		for j := 0; j < s.Database.ReadReplicas; j++ {
			replicas = append(replicas, s.Name+"-"+ReplicaName(shard, j))
		}
	}
	return primaries, replicas
}

// DBLogExports are the PostgreSQL logs RDS publishes to CloudWatch Logs.
var DBLogExports = []string{"postgresql", "upgrade"}

// DBLogGroupName is the log group of one instance's exported log.
func DBLogGroupName(instance, log string) string { return instance + "-log-" + log }
