package components

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// policyStatements decodes a policy input into its statements.
func policyStatements(t *testing.T, doc string) []map[string]any {
	t.Helper()
	var p struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatalf("policy %q: %v", doc, err)
	}
	return p.Statement
}

func TestAlerting(t *testing.T) {
	for _, email := range []string{"", "ops@example.com"} {
		rs := run(t, func(ctx *pulumi.Context) error {
			_, err := NewAlerting(ctx, "a", &AlertingArgs{NamePrefix: "tc-prod", Email: email})
			return err
		})
		key := rs.ofType("aws:kms/key:Key")[0]
		if key.get("enableKeyRotation") != true || key.num("deletionWindowInDays") != 30 {
			t.Errorf("key %v", key.Inputs)
		}
		// The account comes from the feedback role's ARN (the mock's account).
		st := policyStatements(t, key.str("policy"))
		if st[0]["Principal"].(map[string]any)["AWS"] != "arn:aws:iam::123456789012:root" ||
			len(st[1]["Principal"].(map[string]any)["Service"].([]any)) != 2 {
			t.Errorf("key policy %v", st)
		}
		tp := policyStatements(t, rs.ofType("aws:sns/topicPolicy:TopicPolicy")[0].str("policy"))
		if tp[1]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:SourceAccount"] != "123456789012" {
			t.Errorf("topic policy %v: services publish for this account only", tp)
		}
		topic := rs.ofType("aws:sns/topic:Topic")[0]
		if topic.str("kmsMasterKeyId") != "arn:aws:test:us-east-1:123456789012:a-alerts-key" || topic.str("name") != "tc-prod-alerts" ||
			topic.str("httpFailureFeedbackRoleArn") == "" || topic.str("sqsFailureFeedbackRoleArn") == "" {
			t.Errorf("topic %v", topic.Inputs)
		}
		subs := rs.ofType("aws:sns/topicSubscription:TopicSubscription")
		if (email == "") != (len(subs) == 0) || (email != "" && (subs[0].str("protocol") != "email" || subs[0].str("endpoint") != email)) {
			t.Errorf("email %q: subscriptions %v", email, subs)
		}
	}
}

func TestLogging(t *testing.T) {
	for _, region := range []string{"us-east-1", "ap-southeast-5"} {
		rs := run(t, func(ctx *pulumi.Context) error {
			_, err := NewLogging(ctx, "l", &LoggingArgs{
				NamePrefix: "tc-dev", Region: region, Partition: pulumi.String("aws"), AccountID: pulumi.String("111122223333"),
				VpcID: pulumi.String("vpc-1"), BucketName: "l-logs", FlowLogGroupName: "l-flow-logs",
				FlowLogs: true, FlowRetentionDays: 7, AccessLogs: true, AccessRetentionDays: 90, CloudFront: true,
			})
			return err
		})
		b := rs.named("l-logs")
		if b.Type != "aws:s3/bucketV2:BucketV2" {
			t.Fatalf("no log bucket: %v", rs.counts())
		}
		if rs.named("l-logs-sse").get("rules").([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"] != "AES256" {
			t.Error("log bucket is not SSE-S3 (ALB access logs need it)")
		}
		if rs.named("l-logs-ownership").str("rule.objectOwnership") != "BucketOwnerPreferred" {
			t.Error("CloudFront standard logs need ACLs enabled")
		}
		rule := rs.named("l-logs-lifecycle").get("rules").([]any)[0].(map[string]any)
		if rule["expiration"].(map[string]any)["days"] != 90.0 {
			t.Errorf("lifecycle %v", rule)
		}
		st := policyStatements(t, rs.named("l-logs-policy").str("policy"))
		writer := st[1]["Principal"].(map[string]any)
		switch region {
		case "us-east-1": // ELB's log account in a region opened before August 2022
			if writer["AWS"] != "arn:aws:iam::127311923021:root" {
				t.Errorf("%s ALB log writer %v", region, writer)
			}
		default:
			if writer["Service"] != "logdelivery.elasticloadbalancing.amazonaws.com" {
				t.Errorf("%s ALB log writer %v", region, writer)
			}
		}
		if st[0]["Effect"] != "Deny" || !strings.HasSuffix(st[1]["Resource"].(string), "/alb/AWSLogs/111122223333/*") ||
			st[2]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:SourceAccount"] != "111122223333" {
			t.Errorf("log bucket policy %v", st)
		}
		fl := rs.ofType("aws:ec2/flowLog:FlowLog")[0]
		if fl.str("vpcId") != "vpc-1" || fl.str("trafficType") != "ALL" || fl.str("logDestinationType") != "cloud-watch-logs" {
			t.Errorf("flow log %v", fl.Inputs)
		}
		if g := rs.named("l-flow-logs"); g.num("retentionInDays") != 7 || g.str("name") != "/tiercost/tc-dev/vpc-flow-logs" {
			t.Errorf("flow log group %v", g.Inputs)
		}
	}
}

func TestNetworkDefaultsAndEndpoint(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewNetwork(ctx, "n", &NetworkArgs{Region: "us-east-1", CIDR: "10.0.0.0/16", AZCount: 2, NATMode: spec.NATSingle, EC2Endpoint: true})
		return err
	})
	sg := rs.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")[0]
	if sg.has("ingress") || sg.has("egress") {
		t.Errorf("default SG has rules: %v", sg.Inputs)
	}
	acl := rs.ofType("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl")[0]
	if len(acl.get("subnetIds").([]any)) != 4 {
		t.Errorf("default NACL subnets %v", acl.get("subnetIds"))
	}
	in := acl.get("ingress").([]any)
	for i, port := range []float64{22, 3389} {
		r := in[i].(map[string]any)
		if r["action"] != "deny" || r["fromPort"] != port || r["ruleNo"].(float64) >= in[2].(map[string]any)["ruleNo"].(float64) {
			t.Errorf("NACL rule %v does not refuse %v before the allow", r, port)
		}
	}
	ep := rs.ofType("aws:ec2/vpcEndpoint:VpcEndpoint")[0]
	if ep.str("serviceName") != "com.amazonaws.us-east-1.ec2" || ep.str("vpcEndpointType") != "Interface" || len(ep.get("subnetIds").([]any)) != 2 || ep.get("privateDnsEnabled") != true {
		t.Errorf("endpoint %v", ep.Inputs)
	}
}

func TestCertificatesAndDNS(t *testing.T) {
	d := spec.DomainSpec{Name: "app.example.com", Zone: "example.com"}
	rs := run(t, func(ctx *pulumi.Context) error {
		c, err := NewCertificates(ctx, "c", &CertificatesArgs{Domain: d, Region: "eu-west-1", CDN: true})
		if err != nil {
			return err
		}
		_, err = NewDNS(ctx, "c", &DNSArgs{Domain: d, ZoneID: c.ZoneID, CDN: true, CDNDomainName: pulumi.String("d1.cloudfront.net"),
			ALBDNSName: pulumi.String("alb.elb.amazonaws.com"), ALBZoneID: pulumi.String("ZALB")})
		return err
	})
	certs := rs.ofType("aws:acm/certificate:Certificate")
	if len(certs) != 2 {
		t.Fatalf("%d certificates, want the ALB's and CloudFront's (eu-west-1 is not us-east-1)", len(certs))
	}
	alb, cdn := rs.named("c-alb-cert"), rs.named("c-cdn-cert")
	if alb.str("domainName") != "app.example.com" || alb.get("subjectAlternativeNames").([]any)[0] != "origin.app.example.com" ||
		alb.str("validationMethod") != "DNS" || alb.str("keyAlgorithm") != "RSA_2048" || cdn.has("subjectAlternativeNames") && len(cdn.get("subjectAlternativeNames").([]any)) > 0 {
		t.Errorf("certificates %v / %v", alb.Inputs, cdn.Inputs)
	}
	// One validation record per name, in the created zone; validations wait on them.
	for _, name := range []string{"c-alb-cert-validation-0", "c-alb-cert-validation-1", "c-cdn-cert-validation-0"} {
		r := rs.named(name)
		if r.str("zoneId") != "ZTEST" || r.str("type") != "CNAME" || !strings.HasPrefix(r.str("name"), "_x.") || r.get("allowOverwrite") != true {
			t.Errorf("%s %v", name, r.Inputs)
		}
	}
	v := rs.named("c-alb-cert-validation")
	if len(v.get("validationRecordFqdns").([]any)) != 2 {
		t.Errorf("validation %v", v.Inputs)
	}
	site := rs.named("c-site-A")
	if site.str("name") != "app.example.com" || site.get("aliases").([]any)[0].(map[string]any)["zoneId"] != CloudFrontZoneID {
		t.Errorf("site record %v", site.Inputs)
	}
	origin := rs.named("c-origin-A")
	if origin.str("name") != "origin.app.example.com" || origin.get("aliases").([]any)[0].(map[string]any)["name"] != "alb.elb.amazonaws.com" {
		t.Errorf("origin record %v", origin.Inputs)
	}
}

func TestWAF(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewWAF(ctx, "w-alb", &WAFArgs{Scope: WAFRegional, NamePrefix: "tc-prod", ACLName: "w-waf-alb", LogGroupName: "w-waf-alb-logs",
			RateLimit: 2000, LogRetentionDays: 30, ResourceArn: pulumi.String("arn:alb")})
		return err
	})
	acl := rs.named("w-waf-alb")
	rules := acl.get("rules").([]any)
	if acl.str("scope") != "REGIONAL" || len(rules) != 4 || acl.get("defaultAction.allow") == nil {
		t.Fatalf("web ACL %v", acl.Inputs)
	}
	for _, r := range rules {
		m := r.(map[string]any)
		if m["visibilityConfig"].(map[string]any)["cloudwatchMetricsEnabled"] != true {
			t.Errorf("rule %v has no metrics", m["name"])
		}
	}
	if rate := rules[3].(map[string]any)["statement"].(map[string]any)["rateBasedStatement"].(map[string]any); rate["limit"] != 2000.0 {
		t.Errorf("rate rule %v", rate)
	}
	if g := rs.named("w-waf-alb-logs"); g.str("name") != "aws-waf-logs-tc-prod-alb" {
		t.Errorf("WAF log group %v (must start aws-waf-logs-)", g.Inputs)
	}
	if a := rs.ofType("aws:wafv2/webAclAssociation:WebAclAssociation"); len(a) != 1 || a[0].str("resourceArn") != "arn:alb" {
		t.Errorf("association %v", a)
	}
	lc := rs.ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")[0]
	if lc.str("loggingFilter.defaultBehavior") != "DROP" {
		t.Errorf("logging keeps every request: %v", lc.Inputs)
	}
}

func TestUserDataAndAppPolicy(t *testing.T) {
	app := spec.AppSpec{Image: "ghcr.io/acme/shop:1.4.2", ContainerPort: 3000, Command: "serve --verbose",
		Env: "LOG_LEVEL=info\nGREETING=it's ok", Secrets: "DATABASE_URL=ssm:/shop/db-url\nSTRIPE_KEY=secretsmanager:stripe"}
	ud, err := UserData(app, 8080, "us-east-1", "/tiercost/tc-prod/app")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"dnf install -y docker",
		"cat >> /run/tiercost/app.env <<'TIERCOST_ENV'\nGREETING=it's ok\nLOG_LEVEL=info\nTIERCOST_ENV",
		`printf '%s=%s\n' DATABASE_URL "$(aws ssm get-parameter --region us-east-1 --with-decryption --name /shop/db-url --query Parameter.Value --output text)"`,
		`aws secretsmanager get-secret-value --region us-east-1 --secret-id stripe --query SecretString --output text`,
		"docker run --detach --name app --restart unless-stopped --env-file /run/tiercost/app.env --publish 8080:3000",
		"--log-opt awslogs-group=/tiercost/tc-prod/app ghcr.io/acme/shop:1.4.2 serve --verbose",
		"rm -f /run/tiercost/app.env",
	} {
		if !strings.Contains(ud, want) {
			t.Errorf("user data lacks %q:\n%s", want, ud)
		}
	}
	refs, _ := app.SecretRefs()
	doc, err := AppPolicy("us-east-1", true, "/tiercost/tc-prod/app", refs)
	if err != nil {
		t.Fatal(err)
	}
	st := policyStatements(t, doc)
	if len(st) != 3 || st[1]["Resource"].([]any)[0] != "arn:aws:ssm:us-east-1:*:parameter/shop/db-url" ||
		st[2]["Resource"].([]any)[0] != "arn:aws:secretsmanager:us-east-1:*:secret:stripe-??????" || strings.Contains(doc, "kms:") {
		t.Errorf("app policy %s", doc)
	}
	// AMI mode: the preamble, then the spec's own script.
	ud, err = UserData(spec.AppSpec{AMI: "ami-0123456789abcdef0", UserData: "systemctl start shop"}, 8080, "us-east-1", "g")
	if err != nil || strings.Contains(ud, "docker") || !strings.HasSuffix(ud, "systemctl start shop\n") {
		t.Errorf("AMI user data (%v):\n%s", err, ud)
	}
	if doc, _ := AppPolicy("us-east-1", false, "g", nil); doc != "" {
		t.Errorf("an AMI app without secrets needs no policy, got %s", doc)
	}
}

func TestComputeRunsTheApp(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewCompute(ctx, "c", &ComputeArgs{
			Spec: spec.ComputeSpec{InstanceType: "c7g.large", Architecture: "arm64", MinSize: 1, DesiredCapacity: 1, MaxSize: 2, RootVolumeGB: 20},
			App:  spec.AppSpec{Image: spec.DemoImage, ContainerPort: spec.DemoContainerPort}, Region: "us-east-1", AppLogGroup: "/tiercost/x/app",
			AppPort: 8080, VpcID: pulumi.String("v"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0", "p1"}),
			AlbSecurityGroupID: pulumi.String("sg"), TargetGroupArn: pulumi.String("tg"), AlbArnSuffix: pulumi.String("a"), TargetGroupArnSuffix: pulumi.String("t"),
		})
		return err
	})
	raw, err := base64.StdEncoding.DecodeString(rs.ofType("aws:ec2/launchTemplate:LaunchTemplate")[0].str("userData"))
	if err != nil || !strings.Contains(string(raw), spec.DemoImage) || !strings.Contains(string(raw), "--publish 8080:80") {
		t.Errorf("launch template user data (%v):\n%s", err, raw)
	}
	if p := rs.named("c-app-runtime"); !strings.Contains(p.str("policy"), "log-group:/tiercost/x/app:*") {
		t.Errorf("runtime policy %v", p.Inputs)
	}
}
