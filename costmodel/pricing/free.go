package pricing

import "github.com/tiercost/tiercost/costmodel/resource"

// The type tokens that cost nothing by themselves: network plumbing, IAM,
// security groups, target groups and listeners, launch templates, subnet
// and parameter groups, bucket settings, CloudFront access controls and
// policies, scaling policies. What they configure is priced on the
// resource that bills it (a launch template's instances on the group).
var _ = register(resourceType{Free: true, Types: []string{
	"aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc", "aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet",
	"aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable", "aws:ec2/route:Route",
	"aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
	"aws:ec2/internetGateway:InternetGateway", "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
	"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
	"aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
	"aws:ec2/securityGroupRule:SecurityGroupRule",
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
	"aws:ec2/networkAcl:NetworkAcl", "aws:ec2/networkAclRule:NetworkAclRule", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
	"aws:ec2/vpcDhcpOptions:VpcDhcpOptions", "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation",
	"aws:ec2/keyPair:KeyPair", "aws:ec2/placementGroup:PlacementGroup",
	"aws:ec2/eipAssociation:EipAssociation",
	launchTemplateType, launchConfigType,
	resource.TypeTargetGroup, "aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule",
	"aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:lb/listenerCertificate:ListenerCertificate",
	"aws:alb/targetGroup:TargetGroup", "aws:alb/listener:Listener", "aws:alb/listenerRule:ListenerRule",
	"aws:alb/targetGroupAttachment:TargetGroupAttachment", "aws:alb/listenerCertificate:ListenerCertificate",
	// The same under the module names pulumi-aws used before v6.
	"aws:elasticloadbalancingv2/targetGroup:TargetGroup", "aws:elasticloadbalancingv2/listener:Listener",
	"aws:elasticloadbalancingv2/listenerRule:ListenerRule", "aws:elasticloadbalancingv2/targetGroupAttachment:TargetGroupAttachment",
	"aws:elasticloadbalancingv2/listenerCertificate:ListenerCertificate",
	"aws:applicationloadbalancing/targetGroup:TargetGroup", "aws:applicationloadbalancing/listener:Listener",
	"aws:applicationloadbalancing/listenerRule:ListenerRule", "aws:applicationloadbalancing/targetGroupAttachment:TargetGroupAttachment",
	"aws:applicationloadbalancing/listenerCertificate:ListenerCertificate",
	"aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy",
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment",
	"aws:iam/instanceProfile:InstanceProfile", "aws:iam/serviceLinkedRole:ServiceLinkedRole",
	"aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup",
	"aws:rds/clusterParameterGroup:ClusterParameterGroup", "aws:rds/optionGroup:OptionGroup",
	"aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup",
	"aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
	"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls",
	"aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning",
	"aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
	"aws:cloudfront/originAccessControl:OriginAccessControl", "aws:cloudfront/originAccessIdentity:OriginAccessIdentity",
	"aws:cloudfront/cachePolicy:CachePolicy", "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
	"aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
	"aws:autoscaling/policy:Policy", "aws:autoscaling/attachment:Attachment", "aws:autoscaling/schedule:Schedule",
	"aws:autoscaling/lifecycleHook:LifecycleHook",
	"aws:appautoscaling/policy:Policy", "aws:appautoscaling/target:Target",
	"aws:cloudwatch/logStream:LogStream",
	// Security, DNS and messaging plumbing. Public ACM certificates are
	// free; flow logs bill at their log group; records bill at their zone;
	// event subscriptions, WAF associations and logging bill at the topic,
	// web ACL and log group they point at.
	resource.TypeCertificate, "aws:acm/certificateValidation:CertificateValidation",
	resource.TypeRoute53Record, "aws:ec2/flowLog:FlowLog",
	"aws:wafv2/webAclAssociation:WebAclAssociation", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
	"aws:kms/alias:Alias", "aws:sns/topicPolicy:TopicPolicy", "aws:rds/eventSubscription:EventSubscription",
	"aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketNotification:BucketNotification",
}})
