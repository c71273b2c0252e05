package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WAF scopes as AWS WAF names them.
const (
	WAFRegional   = "REGIONAL"
	WAFCloudFront = "CLOUDFRONT"
)

// wafManagedGroups are the AWS managed rule groups every web ACL runs,
// with their priorities. All three are baseline groups: no subscription,
// and 700 + 200 + 25 capacity units stay inside the 1,500 a web ACL gets
// for its base price.
var wafManagedGroups = []struct {
	name     string
	priority int
}{
	{"AWSManagedRulesAmazonIpReputationList", 10},
	{"AWSManagedRulesCommonRuleSet", 20},
	{"AWSManagedRulesKnownBadInputsRuleSet", 30},
}

// WAFArgs configures one web ACL.
type WAFArgs struct {
	// Scope is WAFRegional (the ALB) or WAFCloudFront, which AWS only
	// accepts in us-east-1: give the component a us-east-1 provider.
	Scope string
	// NamePrefix makes the ACL's and log group's names unique.
	NamePrefix string
	// ACLName and LogGroupName are logical names (spec.Spec.WebACLName,
	// WAFLogGroupName), which the workload model sets usage by.
	ACLName, LogGroupName string
	// RateLimit blocks an IP above this many requests per 5 minutes; 0
	// leaves the rate rule out.
	RateLimit int
	// LogRetentionDays keeps the blocked-request log.
	LogRetentionDays int
	// ResourceArn is associated with a regional ACL (the ALB's ARN).
	ResourceArn pulumi.StringInput
}

// WAF is an AWS WAF web ACL with AWS managed rule groups, an optional
// per-IP rate rule, metrics on every rule (WAF.12) and a log of blocked
// and counted requests (WAF.11).
type WAF struct {
	pulumi.ResourceState

	Arn pulumi.StringOutput `pulumi:"arn"`
}

// NewWAF builds the web ACL, its logging and, when regional, its
// association.
func NewWAF(ctx *pulumi.Context, name string, args *WAFArgs, opts ...pulumi.ResourceOption) (*WAF, error) {
	if args == nil || args.NamePrefix == "" || args.ACLName == "" {
		return nil, fmt.Errorf("waf %s: a name prefix and names are required", name)
	}
	if args.Scope != WAFRegional && args.Scope != WAFCloudFront {
		return nil, fmt.Errorf("waf %s: scope %q; allowed: %s, %s", name, args.Scope, WAFRegional, WAFCloudFront)
	}
	if args.Scope == WAFRegional && args.ResourceArn == nil {
		return nil, fmt.Errorf("waf %s: a regional web ACL needs the resource it protects", name)
	}
	w := &WAF{}
	if err := ctx.RegisterComponentResource("tiercost:index:WAF", name, w, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(w)
	aclName := args.NamePrefix + "-alb"
	if args.Scope == WAFCloudFront {
		aclName = args.NamePrefix + "-cdn"
	}
	visibility := func(metric string) wafv2.WebAclRuleVisibilityConfigArgs {
		return wafv2.WebAclRuleVisibilityConfigArgs{
			CloudwatchMetricsEnabled: pulumi.Bool(true), SampledRequestsEnabled: pulumi.Bool(true),
			MetricName: pulumi.String(metric),
		}
	}
	var rules wafv2.WebAclRuleArray
	for _, g := range wafManagedGroups {
		stmt := wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
			Name: pulumi.String(g.name), VendorName: pulumi.String("AWS"),
		}
		if g.name == "AWSManagedRulesCommonRuleSet" {
			// Request bodies above 8 KB are common (uploads, forms): count
			// them rather than block, so the app decides.
			stmt.RuleActionOverrides = wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArray{
				wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs{
					Name:        pulumi.String("SizeRestrictions_BODY"),
					ActionToUse: wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs{Count: wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs{}},
				},
			}
		}
		rules = append(rules, wafv2.WebAclRuleArgs{
			Name: pulumi.String(g.name), Priority: pulumi.Int(g.priority),
			OverrideAction:   wafv2.WebAclRuleOverrideActionArgs{None: wafv2.WebAclRuleOverrideActionNoneArgs{}},
			Statement:        wafv2.WebAclRuleStatementArgs{ManagedRuleGroupStatement: stmt},
			VisibilityConfig: visibility(g.name),
		})
	}
	if args.RateLimit > 0 {
		rules = append(rules, wafv2.WebAclRuleArgs{
			Name: pulumi.String("rate-limit-per-ip"), Priority: pulumi.Int(40),
			Action: wafv2.WebAclRuleActionArgs{Block: wafv2.WebAclRuleActionBlockArgs{}},
			Statement: wafv2.WebAclRuleStatementArgs{RateBasedStatement: wafv2.WebAclRuleStatementRateBasedStatementArgs{
				Limit: pulumi.Int(args.RateLimit), AggregateKeyType: pulumi.String("IP"),
			}},
			VisibilityConfig: visibility("rate-limit-per-ip"),
		})
	}
	acl, err := wafv2.NewWebAcl(ctx, args.ACLName, &wafv2.WebAclArgs{
		Name:          pulumi.String(aclName),
		Description:   pulumi.String("AWS managed rule groups and a per-IP rate limit"),
		Scope:         pulumi.String(args.Scope),
		DefaultAction: wafv2.WebAclDefaultActionArgs{Allow: wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:         rules,
		VisibilityConfig: wafv2.WebAclVisibilityConfigArgs{
			CloudwatchMetricsEnabled: pulumi.Bool(true), SampledRequestsEnabled: pulumi.Bool(true),
			MetricName: pulumi.String(aclName),
		},
	}, child)
	if err != nil {
		return nil, err
	}

	// WAF only logs to groups whose name starts with aws-waf-logs-. The
	// filter keeps blocked and counted requests, not every request.
	group, err := cloudwatch.NewLogGroup(ctx, args.LogGroupName, &cloudwatch.LogGroupArgs{
		Name:            pulumi.String("aws-waf-logs-" + aclName),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
	}, child)
	if err != nil {
		return nil, err
	}
	if _, err := wafv2.NewWebAclLoggingConfiguration(ctx, name+"-logging", &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{group.Arn},
		LoggingFilter: wafv2.WebAclLoggingConfigurationLoggingFilterArgs{
			DefaultBehavior: pulumi.String("DROP"),
			Filters: wafv2.WebAclLoggingConfigurationLoggingFilterFilterArray{wafv2.WebAclLoggingConfigurationLoggingFilterFilterArgs{
				Behavior: pulumi.String("KEEP"), Requirement: pulumi.String("MEETS_ANY"),
				Conditions: wafv2.WebAclLoggingConfigurationLoggingFilterFilterConditionArray{
					wafv2.WebAclLoggingConfigurationLoggingFilterFilterConditionArgs{ActionCondition: wafv2.WebAclLoggingConfigurationLoggingFilterFilterConditionActionConditionArgs{Action: pulumi.String("BLOCK")}},
					wafv2.WebAclLoggingConfigurationLoggingFilterFilterConditionArgs{ActionCondition: wafv2.WebAclLoggingConfigurationLoggingFilterFilterConditionActionConditionArgs{Action: pulumi.String("COUNT")}},
				},
			}},
		},
	}, child); err != nil {
		return nil, err
	}
	if args.Scope == WAFRegional {
		if _, err := wafv2.NewWebAclAssociation(ctx, name+"-association", &wafv2.WebAclAssociationArgs{
			ResourceArn: args.ResourceArn, WebAclArn: acl.Arn,
		}, child); err != nil {
			return nil, err
		}
	}
	w.Arn = acl.Arn
	return w, ctx.RegisterResourceOutputs(w, pulumi.Map{"arn": w.Arn})
}
