package components

import (
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// NetworkArgs holds the plain network settings from the spec.
type NetworkArgs struct {
	// Region names the AZs: region+"a", "b", "c" (no invoke, so the program
	// also runs offline under mocks).
	Region  string
	CIDR    string
	AZCount int
	NATMode string // spec.NATNone, spec.NATSingle or spec.NATPerAZ
	// EC2Endpoint adds an interface endpoint for the EC2 API in every
	// private subnet (EC2.10).
	EC2Endpoint bool
}

// Network is the VPC with one public and one private subnet per AZ.
type Network struct {
	pulumi.ResourceState

	VpcID            pulumi.IDOutput          `pulumi:"vpcId"`
	PublicSubnetIDs  pulumi.StringArrayOutput `pulumi:"publicSubnetIds"`
	PrivateSubnetIDs pulumi.StringArrayOutput `pulumi:"privateSubnetIds"`
	// AZs and CIDR are plain values other components may need at plan time.
	AZs  []string
	CIDR string
	// NATGateways is how many NAT gateways the layout created.
	NATGateways int
}

// AZNames derives n availability zone names from a region without an invoke.
func AZNames(region string, n int) []string {
	azs := make([]string, n)
	for i := range azs {
		azs[i] = region + string(rune('a'+i))
	}
	return azs
}

// SubnetCIDRs splits a VPC block into 16 equal blocks (4 more prefix bits):
// public subnets take blocks 0.., private subnets blocks 8.., so the layout
// is stable when the AZ count grows.
func SubnetCIDRs(vpcCIDR string, azCount int) (public, private []string, err error) {
	p, err := netip.ParsePrefix(vpcCIDR)
	if err != nil || !p.Addr().Is4() {
		return nil, nil, fmt.Errorf("network.cidr: %s is not an IPv4 CIDR block", inputfile.Excerpt(vpcCIDR))
	}
	if p.Bits() < 16 || p.Bits() > 24 {
		return nil, nil, fmt.Errorf("network.cidr: %q has prefix /%d; allowed: /16 to /24", vpcCIDR, p.Bits())
	}
	if azCount < 1 || azCount > 8 {
		return nil, nil, fmt.Errorf("network.az_count: %d; allowed: 1 to 8", azCount)
	}
	p = p.Masked()
	sub := p.Bits() + 4
	size := uint32(1) << (32 - sub)
	b := p.Addr().As4()
	base := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	block := func(i int) string {
		a := base + uint32(i)*size
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), sub).String()
	}
	for i := 0; i < azCount; i++ {
		public = append(public, block(i))
		private = append(private, block(8+i))
	}
	return public, private, nil
}

// NewNetwork builds the VPC, subnets, internet gateway, NAT gateways and
// route tables, and takes over the VPC's default security group (no
// rules, EC2.2) and default network ACL (SSH and RDP refused from
// anywhere, EC2.21), which every subnet uses.
func NewNetwork(ctx *pulumi.Context, name string, args *NetworkArgs, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		return nil, fmt.Errorf("network %s: args must not be nil", name)
	}
	public, private, err := SubnetCIDRs(args.CIDR, args.AZCount)
	if err != nil {
		return nil, err
	}
	natCount := 0
	switch args.NATMode {
	case spec.NATNone:
	case spec.NATSingle:
		natCount = 1
	case spec.NATPerAZ:
		natCount = args.AZCount
	default:
		return nil, fmt.Errorf("network.nat_mode: %q; allowed: none, single, per-az", args.NATMode)
	}
	if args.Region == "" {
		return nil, fmt.Errorf("network %s: region must not be empty", name)
	}

	n := &Network{AZs: AZNames(args.Region, args.AZCount), CIDR: args.CIDR, NATGateways: natCount}
	if err := ctx.RegisterComponentResource("tiercost:index:Network", name, n, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(n)

	vpc, err := ec2.NewVpc(ctx, name+"-vpc", &ec2.VpcArgs{
		CidrBlock:          pulumi.String(args.CIDR),
		EnableDnsHostnames: pulumi.Bool(true),
		EnableDnsSupport:   pulumi.Bool(true),
	}, child)
	if err != nil {
		return nil, err
	}
	igw, err := ec2.NewInternetGateway(ctx, name+"-igw", &ec2.InternetGatewayArgs{VpcId: vpc.ID()}, child)
	if err != nil {
		return nil, err
	}

	// Managing the default security group with no rules removes AWS's
	// allow-all defaults; nothing uses it.
	if _, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default-sg", &ec2.DefaultSecurityGroupArgs{
		VpcId: vpc.ID(),
	}, child); err != nil {
		return nil, err
	}

	var pubIDs, privIDs pulumi.StringArray
	var pubSubnets []*ec2.Subnet
	for i, az := range n.AZs {
		s, err := ec2.NewSubnet(ctx, fmt.Sprintf("%s-public-%d", name, i), &ec2.SubnetArgs{
			VpcId:            vpc.ID(),
			CidrBlock:        pulumi.String(public[i]),
			AvailabilityZone: pulumi.String(az),
			// Only the ALB and NAT gateways live here; instances never get
			// a public address by accident.
			MapPublicIpOnLaunch: pulumi.Bool(false),
		}, child)
		if err != nil {
			return nil, err
		}
		pubSubnets = append(pubSubnets, s)
		pubIDs = append(pubIDs, s.ID().ToStringOutput())
	}

	publicRT, err := ec2.NewRouteTable(ctx, name+"-public-rt", &ec2.RouteTableArgs{
		VpcId: vpc.ID(),
		Routes: ec2.RouteTableRouteArray{
			ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), GatewayId: igw.ID()},
		},
	}, child)
	if err != nil {
		return nil, err
	}
	for i, s := range pubSubnets {
		if _, err := ec2.NewRouteTableAssociation(ctx, fmt.Sprintf("%s-public-rta-%d", name, i), &ec2.RouteTableAssociationArgs{
			SubnetId:     s.ID(),
			RouteTableId: publicRT.ID(),
		}, child); err != nil {
			return nil, err
		}
	}

	var nats []*ec2.NatGateway
	for i := 0; i < natCount; i++ {
		eip, err := ec2.NewEip(ctx, fmt.Sprintf("%s-nat-eip-%d", name, i), &ec2.EipArgs{Domain: pulumi.String("vpc")}, child)
		if err != nil {
			return nil, err
		}
		nat, err := ec2.NewNatGateway(ctx, fmt.Sprintf("%s-nat-%d", name, i), &ec2.NatGatewayArgs{
			AllocationId:     eip.ID(),
			SubnetId:         pubSubnets[i].ID(),
			ConnectivityType: pulumi.String("public"),
		}, child, pulumi.DependsOn([]pulumi.Resource{igw}))
		if err != nil {
			return nil, err
		}
		nats = append(nats, nat)
	}

	for i, az := range n.AZs {
		s, err := ec2.NewSubnet(ctx, fmt.Sprintf("%s-private-%d", name, i), &ec2.SubnetArgs{
			VpcId:               vpc.ID(),
			CidrBlock:           pulumi.String(private[i]),
			AvailabilityZone:    pulumi.String(az),
			MapPublicIpOnLaunch: pulumi.Bool(false),
		}, child)
		if err != nil {
			return nil, err
		}
		privIDs = append(privIDs, s.ID().ToStringOutput())
		var routes ec2.RouteTableRouteArray
		if len(nats) > 0 {
			// Per-AZ NATs keep egress inside the AZ; a single NAT is shared.
			nat := nats[0]
			if len(nats) == len(n.AZs) {
				nat = nats[i]
			}
			routes = append(routes, ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), NatGatewayId: nat.ID()})
		}
		rt, err := ec2.NewRouteTable(ctx, fmt.Sprintf("%s-private-rt-%d", name, i), &ec2.RouteTableArgs{
			VpcId:  vpc.ID(),
			Routes: routes,
		}, child)
		if err != nil {
			return nil, err
		}
		if _, err := ec2.NewRouteTableAssociation(ctx, fmt.Sprintf("%s-private-rta-%d", name, i), &ec2.RouteTableAssociationArgs{
			SubnetId:     s.ID(),
			RouteTableId: rt.ID(),
		}, child); err != nil {
			return nil, err
		}
	}

	// Subnets use the default network ACL; security groups do the real
	// filtering, the ACL refuses remote administration from anywhere.
	allSubnets := append(append(pulumi.StringArray{}, pubIDs...), privIDs...)
	if _, err := ec2.NewDefaultNetworkAcl(ctx, name+"-default-nacl", &ec2.DefaultNetworkAclArgs{
		DefaultNetworkAclId: vpc.DefaultNetworkAclId,
		SubnetIds:           allSubnets,
		Ingress: ec2.DefaultNetworkAclIngressArray{
			naclRule(10, "deny", 22), naclRule(20, "deny", 3389),
			ec2.DefaultNetworkAclIngressArgs{RuleNo: pulumi.Int(100), Action: pulumi.String("allow"), Protocol: pulumi.String("-1"),
				FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlock: pulumi.String("0.0.0.0/0")},
		},
		Egress: ec2.DefaultNetworkAclEgressArray{
			ec2.DefaultNetworkAclEgressArgs{RuleNo: pulumi.Int(100), Action: pulumi.String("allow"), Protocol: pulumi.String("-1"),
				FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlock: pulumi.String("0.0.0.0/0")},
		},
	}, child); err != nil {
		return nil, err
	}

	if args.EC2Endpoint {
		sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints-sg", &ec2.SecurityGroupArgs{
			Description: pulumi.String("interface endpoints: HTTPS from inside the VPC"),
			VpcId:       vpc.ID(),
			Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
				Description: pulumi.String("HTTPS from the VPC"), Protocol: pulumi.String("tcp"),
				FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.StringArray{pulumi.String(args.CIDR)},
			}},
		}, child)
		if err != nil {
			return nil, err
		}
		if _, err := ec2.NewVpcEndpoint(ctx, name+"-ec2-endpoint", &ec2.VpcEndpointArgs{
			VpcId:             vpc.ID(),
			ServiceName:       pulumi.String("com.amazonaws." + args.Region + ".ec2"),
			VpcEndpointType:   pulumi.String("Interface"),
			SubnetIds:         privIDs,
			SecurityGroupIds:  pulumi.StringArray{sg.ID().ToStringOutput()},
			PrivateDnsEnabled: pulumi.Bool(true),
		}, child); err != nil {
			return nil, err
		}
	}

	n.VpcID = vpc.ID()
	n.PublicSubnetIDs = pubIDs.ToStringArrayOutput()
	n.PrivateSubnetIDs = privIDs.ToStringArrayOutput()
	return n, ctx.RegisterResourceOutputs(n, pulumi.Map{
		"vpcId":            n.VpcID,
		"publicSubnetIds":  n.PublicSubnetIDs,
		"privateSubnetIds": n.PrivateSubnetIDs,
	})
}

// naclRule refuses one TCP port from anywhere.
func naclRule(no int, action string, port int) ec2.DefaultNetworkAclIngressArgs {
	return ec2.DefaultNetworkAclIngressArgs{RuleNo: pulumi.Int(no), Action: pulumi.String(action), Protocol: pulumi.String("tcp"),
		FromPort: pulumi.Int(port), ToPort: pulumi.Int(port), CidrBlock: pulumi.String("0.0.0.0/0")}
}
