package components

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// ObservabilityArgs holds the observability spec and the names of what it
// watches.
type ObservabilityArgs struct {
	Spec spec.ObservabilitySpec
	// NamePrefix makes account-wide names unique (for example tc-prod).
	NamePrefix string
	Region     string

	AlbArnSuffix         pulumi.StringInput
	TargetGroupArnSuffix pulumi.StringInput
	AutoscalingGroupName pulumi.StringInput

	DBPrimaryIdentifiers []string
	DBReplicaIdentifiers []string
	DBAllocatedStorageGB int

	// CacheNodeIDs names one node per shard to watch ("" when no cache).
	CacheNodeIDs []string

	// AlarmTopicArn is notified when an alarm fires and when it clears;
	// nil for alarms without actions.
	AlarmTopicArn pulumi.StringInput
}

// Observability is the app log group plus, by tier, alarms and a dashboard.
type Observability struct {
	pulumi.ResourceState

	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// Alarms counts the metric alarms created.
	Alarms int
}

// CacheNodeIDs returns the member cluster id of each shard's first node, the
// id ElastiCache gives it: <group>-001, or <group>-000<n>-001 in cluster mode.
func CacheNodeIDs(groupID string, clusterMode bool, shards int) []string {
	if !clusterMode {
		return []string{groupID + "-001"}
	}
	ids := make([]string, shards)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-%04d-001", groupID, i+1)
	}
	return ids
}

type alarm struct {
	name, description string
	args              cloudwatch.MetricAlarmArgs
}

// NewObservability builds the log group, the alarms (when Spec.Alarms) and
// the dashboard (when Spec.Dashboard). With DetailedMonitoring (the top
// tier) it adds the heavier set: free storage, fleet CPU, unhealthy hosts and
// cache engine CPU, evaluated each minute.
func NewObservability(ctx *pulumi.Context, name string, args *ObservabilityArgs, opts ...pulumi.ResourceOption) (*Observability, error) {
	if args == nil {
		return nil, fmt.Errorf("observability %s: args must not be nil", name)
	}
	s := args.Spec
	if s.LogRetentionDays < 1 {
		return nil, fmt.Errorf("observability.log_retention_days: %d; allowed: 1 or more", s.LogRetentionDays)
	}
	if args.NamePrefix == "" {
		return nil, fmt.Errorf("observability %s: name prefix must not be empty", name)
	}
	o := &Observability{}
	if err := ctx.RegisterComponentResource("tiercost:index:Observability", name, o, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(o)

	logs, err := cloudwatch.NewLogGroup(ctx, name+"-app-logs", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(AppLogGroupName(args.NamePrefix)),
		RetentionInDays: pulumi.Int(s.LogRetentionDays),
	}, child)
	if err != nil {
		return nil, err
	}

	if s.Alarms {
		alarms := coreAlarms(args)
		if s.DetailedMonitoring {
			alarms = append(alarms, extendedAlarms(args)...)
		}
		for _, a := range alarms {
			a.args.AlarmDescription = pulumi.String(a.description)
			a.args.TreatMissingData = pulumi.String("notBreaching")
			if args.AlarmTopicArn != nil {
				a.args.AlarmActions = pulumi.Array{args.AlarmTopicArn}
				a.args.OkActions = pulumi.Array{args.AlarmTopicArn}
			}
			if _, err := cloudwatch.NewMetricAlarm(ctx, name+"-alarm-"+a.name, &a.args, child); err != nil {
				return nil, err
			}
		}
		o.Alarms = len(alarms)
	}

	if s.Dashboard {
		body := pulumi.All(args.AlbArnSuffix, args.TargetGroupArnSuffix, args.AutoscalingGroupName).ApplyT(func(v []any) (string, error) {
			return DashboardBody(args.Region, v[0].(string), v[1].(string), v[2].(string), args.DBPrimaryIdentifiers, args.CacheNodeIDs)
		}).(pulumi.StringOutput)
		if _, err := cloudwatch.NewDashboard(ctx, name+"-dashboard", &cloudwatch.DashboardArgs{
			DashboardName: pulumi.String(args.NamePrefix + "-overview"),
			DashboardBody: body,
		}, child); err != nil {
			return nil, err
		}
	}

	o.LogGroupName = logs.Name
	return o, ctx.RegisterResourceOutputs(o, pulumi.Map{"logGroupName": o.LogGroupName})
}

// period is 60 s with detailed monitoring, else 300 s.
func period(s spec.ObservabilitySpec) int {
	if s.DetailedMonitoring {
		return 60
	}
	return 300
}

func coreAlarms(a *ObservabilityArgs) []alarm {
	p := pulumi.Int(period(a.Spec))
	albDims := pulumi.StringMap{"LoadBalancer": a.AlbArnSuffix}
	out := []alarm{
		{
			name: "alb-5xx-rate", description: "more than 5 % of ALB requests end in 5xx",
			args: cloudwatch.MetricAlarmArgs{
				ComparisonOperator: pulumi.String("GreaterThanThreshold"),
				EvaluationPeriods:  pulumi.Int(3),
				Threshold:          pulumi.Float64(5),
				MetricQueries: cloudwatch.MetricAlarmMetricQueryArray{
					cloudwatch.MetricAlarmMetricQueryArgs{Id: pulumi.String("rate"), Expression: pulumi.String("100 * errors / MAX([errors, requests])"), Label: pulumi.String("5xx %"), ReturnData: pulumi.Bool(true)},
					metricQuery("errors", "HTTPCode_Target_5XX_Count", albDims, p),
					metricQuery("requests", "RequestCount", albDims, p),
				},
			},
		},
		{
			name: "alb-latency-p95", description: "p95 target response time above 1 s",
			args: cloudwatch.MetricAlarmArgs{
				Namespace: pulumi.String("AWS/ApplicationELB"), MetricName: pulumi.String("TargetResponseTime"),
				Dimensions: albDims, ExtendedStatistic: pulumi.String("p95"), Period: p,
				ComparisonOperator: pulumi.String("GreaterThanThreshold"), Threshold: pulumi.Float64(1), EvaluationPeriods: pulumi.Int(3),
			},
		},
	}
	for _, id := range a.DBPrimaryIdentifiers {
		out = append(out, alarm{
			name: "db-cpu-" + id, description: "database CPU above 80 % on " + id,
			args: rdsAlarm(id, "CPUUtilization", "Average", "GreaterThanThreshold", 80, p),
		})
	}
	for _, id := range a.DBReplicaIdentifiers {
		out = append(out, alarm{
			name: "replica-lag-" + id, description: "replica lag above 30 s on " + id,
			args: rdsAlarm(id, "ReplicaLag", "Maximum", "GreaterThanThreshold", 30, p),
		})
	}
	for _, id := range a.CacheNodeIDs {
		out = append(out, alarm{
			name: "cache-evictions-" + id, description: "cache evicting keys on " + id + " (working set does not fit)",
			args: cacheAlarm(id, "Evictions", "Sum", 1000, p),
		})
	}
	return out
}

func extendedAlarms(a *ObservabilityArgs) []alarm {
	p := pulumi.Int(period(a.Spec))
	var out []alarm
	// Free storage below 10 % of the allocation, in bytes (1 GB = 1e9 B here).
	low := float64(a.DBAllocatedStorageGB) * 1e9 / 10
	for _, id := range a.DBPrimaryIdentifiers {
		out = append(out, alarm{
			name: "db-storage-" + id, description: "less than 10 % free storage on " + id,
			args: rdsAlarm(id, "FreeStorageSpace", "Minimum", "LessThanThreshold", low, p),
		})
	}
	out = append(out,
		alarm{
			name: "app-cpu", description: "app fleet CPU above 85 % (scaling is not keeping up)",
			args: cloudwatch.MetricAlarmArgs{
				Namespace: pulumi.String("AWS/EC2"), MetricName: pulumi.String("CPUUtilization"),
				Dimensions: pulumi.StringMap{"AutoScalingGroupName": a.AutoscalingGroupName},
				Statistic:  pulumi.String("Average"), Period: p,
				ComparisonOperator: pulumi.String("GreaterThanThreshold"), Threshold: pulumi.Float64(85), EvaluationPeriods: pulumi.Int(5),
			},
		},
		alarm{
			name: "alb-unhealthy-hosts", description: "targets failing health checks",
			args: cloudwatch.MetricAlarmArgs{
				Namespace: pulumi.String("AWS/ApplicationELB"), MetricName: pulumi.String("UnHealthyHostCount"),
				Dimensions: pulumi.StringMap{"LoadBalancer": a.AlbArnSuffix, "TargetGroup": a.TargetGroupArnSuffix},
				Statistic:  pulumi.String("Maximum"), Period: p,
				ComparisonOperator: pulumi.String("GreaterThanThreshold"), Threshold: pulumi.Float64(0), EvaluationPeriods: pulumi.Int(3),
			},
		},
	)
	for _, id := range a.CacheNodeIDs {
		out = append(out, alarm{
			name: "cache-cpu-" + id, description: "cache engine CPU above 80 % on " + id,
			args: cacheAlarm(id, "EngineCPUUtilization", "Average", 80, p),
		})
	}
	return out
}

func metricQuery(id, metric string, dims pulumi.StringMap, p pulumi.Int) cloudwatch.MetricAlarmMetricQueryArgs {
	return cloudwatch.MetricAlarmMetricQueryArgs{
		Id: pulumi.String(id),
		Metric: cloudwatch.MetricAlarmMetricQueryMetricArgs{
			Namespace: pulumi.String("AWS/ApplicationELB"), MetricName: pulumi.String(metric),
			Dimensions: dims, Period: p, Stat: pulumi.String("Sum"),
		},
	}
}

func rdsAlarm(id, metric, stat, op string, threshold float64, p pulumi.Int) cloudwatch.MetricAlarmArgs {
	return cloudwatch.MetricAlarmArgs{
		Namespace: pulumi.String("AWS/RDS"), MetricName: pulumi.String(metric),
		Dimensions: pulumi.StringMap{"DBInstanceIdentifier": pulumi.String(id)},
		Statistic:  pulumi.String(stat), Period: p,
		ComparisonOperator: pulumi.String(op), Threshold: pulumi.Float64(threshold), EvaluationPeriods: pulumi.Int(3),
	}
}

func cacheAlarm(id, metric, stat string, threshold float64, p pulumi.Int) cloudwatch.MetricAlarmArgs {
	return cloudwatch.MetricAlarmArgs{
		Namespace: pulumi.String("AWS/ElastiCache"), MetricName: pulumi.String(metric),
		Dimensions: pulumi.StringMap{"CacheClusterId": pulumi.String(id)},
		Statistic:  pulumi.String(stat), Period: p,
		ComparisonOperator: pulumi.String("GreaterThanThreshold"), Threshold: pulumi.Float64(threshold), EvaluationPeriods: pulumi.Int(3),
	}
}

// DashboardBody renders the overview dashboard: traffic, latency, fleet CPU,
// database CPU and cache memory. Plain data in, stable JSON out.
func DashboardBody(region, alb, tg, asg string, dbs, cacheNodes []string) (string, error) {
	type widget struct {
		Type       string         `json:"type"`
		X          int            `json:"x"`
		Y          int            `json:"y"`
		Width      int            `json:"width"`
		Height     int            `json:"height"`
		Properties map[string]any `json:"properties"`
	}
	var widgets []widget
	add := func(title string, metrics [][]any, stat string) {
		i := len(widgets)
		widgets = append(widgets, widget{
			Type: "metric", X: (i % 2) * 12, Y: (i / 2) * 6, Width: 12, Height: 6,
			Properties: map[string]any{"title": title, "region": region, "metrics": metrics, "stat": stat, "period": 60, "view": "timeSeries"},
		})
	}
	add("Requests and 5xx", [][]any{
		{"AWS/ApplicationELB", "RequestCount", "LoadBalancer", alb},
		{"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", alb},
	}, "Sum")
	add("Target response time p95", [][]any{{"AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", alb, "TargetGroup", tg}}, "p95")
	add("App fleet CPU", [][]any{{"AWS/EC2", "CPUUtilization", "AutoScalingGroupName", asg}}, "Average")
	var dbm [][]any
	for _, id := range dbs {
		dbm = append(dbm, []any{"AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", id})
	}
	add("Database CPU", dbm, "Average")
	if len(cacheNodes) > 0 {
		var cm [][]any
		for _, id := range cacheNodes {
			cm = append(cm, []any{"AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id})
		}
		add("Cache memory used %", cm, "Maximum")
	}
	b, err := json.Marshal(map[string]any{"widgets": widgets})
	return string(b), err
}
