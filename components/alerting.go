package components

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// AlertingArgs names the alert topic and who reads it.
type AlertingArgs struct {
	// NamePrefix makes account-wide names unique (for example tc-prod).
	NamePrefix string
	// Email subscribes one address to the topic; "" subscribes nobody.
	Email string
}

// Alerting is the topic that alarms and database events notify: an SNS
// topic encrypted with a customer managed KMS key (CloudWatch alarms
// cannot publish to a topic under the AWS managed aws/sns key), delivery
// status logging, and an optional e-mail subscription.
type Alerting struct {
	pulumi.ResourceState

	TopicArn pulumi.StringOutput `pulumi:"topicArn"`
	KeyArn   pulumi.StringOutput `pulumi:"keyArn"`
	// AccountID and Partition come from an ARN the stack creates, so the
	// program needs no invoke (it also runs offline under mocks).
	AccountID pulumi.StringOutput
	Partition pulumi.StringOutput
}

// ARNPart returns field i of an ARN (1 partition, 4 account).
func ARNPart(arn pulumi.StringOutput, i int) pulumi.StringOutput {
	return arn.ApplyT(func(a string) (string, error) {
		parts := strings.Split(a, ":")
		if len(parts) < 6 {
			return "", fmt.Errorf("%s is not an ARN", inputfile.Excerpt(a))
		}
		return parts[i], nil
	}).(pulumi.StringOutput)
}

// Services that publish to the alert topic.
var alertPublishers = []string{"cloudwatch.amazonaws.com", "events.rds.amazonaws.com"}

func assumeRolePolicy(service string) string {
	b, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": service}, "Action": "sts:AssumeRole",
		}},
	})
	return string(b)
}

// NewAlerting builds the key, the topic, its policy and the subscription.
func NewAlerting(ctx *pulumi.Context, name string, args *AlertingArgs, opts ...pulumi.ResourceOption) (*Alerting, error) {
	if args == nil || args.NamePrefix == "" {
		return nil, fmt.Errorf("alerting %s: a name prefix is required", name)
	}
	a := &Alerting{}
	if err := ctx.RegisterComponentResource("tiercost:index:Alerting", name, a, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(a)

	// Delivery status logging (SNS.2): SNS writes per-protocol delivery
	// results to CloudWatch Logs with this role.
	feedback, err := iam.NewRole(ctx, name+"-sns-feedback", &iam.RoleArgs{
		Description:      pulumi.String("SNS delivery status logging to CloudWatch Logs"),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("sns.amazonaws.com")),
	}, child)
	if err != nil {
		return nil, err
	}
	a.Partition, a.AccountID = ARNPart(feedback.Arn, 1), ARNPart(feedback.Arn, 4)
	if _, err := iam.NewRolePolicy(ctx, name+"-sns-feedback-logs", &iam.RolePolicyArgs{
		Role: feedback.ID(),
		Policy: pulumi.All(a.Partition, a.AccountID).ApplyT(func(v []any) (string, error) {
			return policyJSON(statement{
				Effect:   "Allow",
				Action:   []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:PutMetricFilter", "logs:PutRetentionPolicy"},
				Resource: []string{fmt.Sprintf("arn:%s:logs:*:%s:log-group:sns/*", v[0], v[1])},
			})
		}).(pulumi.StringOutput),
	}, child); err != nil {
		return nil, err
	}

	key, err := kms.NewKey(ctx, name+"-alerts-key", &kms.KeyArgs{
		Description:          pulumi.String("encrypts the " + args.NamePrefix + " alert topic"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy: pulumi.All(a.Partition, a.AccountID).ApplyT(func(v []any) (string, error) {
			return AlertKeyPolicy(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
	}, child)
	if err != nil {
		return nil, err
	}
	if _, err := kms.NewAlias(ctx, name+"-alerts-key-alias", &kms.AliasArgs{
		Name:        pulumi.String("alias/" + args.NamePrefix + "-alerts"),
		TargetKeyId: key.KeyId,
	}, child); err != nil {
		return nil, err
	}

	topic, err := sns.NewTopic(ctx, name+"-alerts", &sns.TopicArgs{
		Name:                       pulumi.String(args.NamePrefix + "-alerts"),
		KmsMasterKeyId:             key.Arn,
		HttpSuccessFeedbackRoleArn: feedback.Arn, HttpFailureFeedbackRoleArn: feedback.Arn, HttpSuccessFeedbackSampleRate: pulumi.Int(100),
		SqsSuccessFeedbackRoleArn: feedback.Arn, SqsFailureFeedbackRoleArn: feedback.Arn, SqsSuccessFeedbackSampleRate: pulumi.Int(100),
		LambdaSuccessFeedbackRoleArn: feedback.Arn, LambdaFailureFeedbackRoleArn: feedback.Arn, LambdaSuccessFeedbackSampleRate: pulumi.Int(100),
		FirehoseSuccessFeedbackRoleArn: feedback.Arn, FirehoseFailureFeedbackRoleArn: feedback.Arn, FirehoseSuccessFeedbackSampleRate: pulumi.Int(100),
	}, child)
	if err != nil {
		return nil, err
	}
	if _, err := sns.NewTopicPolicy(ctx, name+"-alerts-policy", &sns.TopicPolicyArgs{
		Arn: topic.Arn,
		Policy: pulumi.All(topic.Arn, a.Partition, a.AccountID).ApplyT(func(v []any) (string, error) {
			return AlertTopicPolicy(v[0].(string), v[1].(string), v[2].(string))
		}).(pulumi.StringOutput),
	}, child); err != nil {
		return nil, err
	}
	if args.Email != "" {
		if _, err := sns.NewTopicSubscription(ctx, name+"-alerts-email", &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(args.Email),
		}, child); err != nil {
			return nil, err
		}
	}

	a.TopicArn, a.KeyArn = topic.Arn, key.Arn
	return a, ctx.RegisterResourceOutputs(a, pulumi.Map{"topicArn": a.TopicArn, "keyArn": a.KeyArn})
}

// statement is one IAM policy statement.
type statement struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal,omitempty"`
	Action    any            `json:"Action"`
	Resource  any            `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

// policyJSON renders a policy document.
func policyJSON(st ...statement) (string, error) {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": st})
	return string(b), err
}

// AlertKeyPolicy lets the account administer the key through IAM and the
// publishing services encrypt for the topic. The services' grant carries
// no condition: AWS's examples for CloudWatch alarms and RDS events have
// none, and the topic policy already limits who publishes.
func AlertKeyPolicy(partition, account string) (string, error) {
	return policyJSON(
		statement{Sid: "AccountAdministersThroughIAM", Effect: "Allow",
			Principal: map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
			Action:    "kms:*", Resource: "*"},
		statement{Sid: "PublishersEncrypt", Effect: "Allow",
			Principal: map[string]any{"Service": alertPublishers},
			Action:    []string{"kms:GenerateDataKey*", "kms:Decrypt"}, Resource: "*"},
	)
}

// AlertTopicPolicy lets the account manage the topic and the publishing
// services publish to it on this account's behalf only.
func AlertTopicPolicy(topicArn, partition, account string) (string, error) {
	return policyJSON(
		statement{Sid: "AccountManagesTopic", Effect: "Allow",
			Principal: map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
			Action:    []string{"sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"},
			Resource:  topicArn},
		statement{Sid: "ServicesPublishForThisAccount", Effect: "Allow",
			Principal: map[string]any{"Service": alertPublishers},
			Action:    "sns:Publish", Resource: topicArn,
			Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}},
	)
}
