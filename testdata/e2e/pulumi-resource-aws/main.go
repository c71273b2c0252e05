// Command pulumi-resource-aws is a TEST-ONLY stand-in for the AWS provider
// plugin, kept under testdata/ so nobody mistakes it for the real one. The
// real plugin cannot be downloaded offline; this one lets the real Pulumi
// engine run tiercost's program end to end. It echoes inputs as outputs,
// adds the few computed outputs the program reads (arn, dnsName, ...), and
// never calls AWS.
package main

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// version matches the pulumi-aws SDK in go.mod, so the engine picks this
// plugin for the program's default and explicit providers.
const version = "6.83.4"

type standIn struct {
	pulumirpc.UnimplementedResourceProviderServer
}

func (standIn) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (standIn) Handshake(context.Context, *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	return &pulumirpc.ProviderHandshakeResponse{}, nil
}

func (standIn) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: "{}"}, nil
}

func (standIn) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (standIn) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (standIn) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{SupportsPreview: true, AcceptSecrets: false, AcceptResources: false}, nil
}

func (standIn) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// Diff reports the top-level input keys that changed, as updates in place.
func (standIn) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news := req.GetOldInputs().AsMap(), req.GetNews().AsMap()
	var changed []string
	for k, v := range news {
		if !reflect.DeepEqual(olds[k], v) {
			changed = append(changed, k)
		}
	}
	for k := range olds {
		if _, ok := news[k]; !ok {
			changed = append(changed, k)
		}
	}
	sort.Strings(changed)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
}

func (standIn) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	typ, name := typeAndName(req.GetUrn())
	out, err := outputs(typ, name, req.GetProperties())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: name + "_id", Properties: out}, nil
}

func (standIn) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	typ, name := typeAndName(req.GetUrn())
	out, err := outputs(typ, name, req.GetNews())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: out}, nil
}

func (standIn) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (standIn) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (standIn) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	return &pulumirpc.InvokeResponse{Return: req.GetArgs()}, nil
}

func (standIn) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// typeAndName splits urn:pulumi:stack::project::parent$type::name.
func typeAndName(urn string) (string, string) {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return "", urn
	}
	typ := parts[2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ, parts[len(parts)-1]
}

// outputs echoes the inputs and adds the computed outputs the program reads.
func outputs(typ, name string, in *structpb.Struct) (*structpb.Struct, error) {
	m := in.AsMap()
	if m == nil {
		m = map[string]any{}
	}
	service := "aws"
	if mod := strings.SplitN(strings.TrimPrefix(typ, "aws:"), "/", 2); len(mod) == 2 {
		service = mod[0]
	}
	setDefault(m, "arn", fmt.Sprintf("arn:aws:%s:us-east-1:123456789012:%s", service, name))
	setDefault(m, "arnSuffix", "app/"+name+"/0123456789abcdef")
	setDefault(m, "dnsName", name+".elb.example")
	setDefault(m, "domainName", name+".cloudfront.example")
	setDefault(m, "bucketRegionalDomainName", name+".s3.us-east-1.example")
	setDefault(m, "identifier", name)
	setDefault(m, "name", name)
	// Type-specific outputs the program reads: alias targets, the launch
	// template's version (the group pins it), the VPC's default ACL, a
	// bucket's name and domain, a key's id, a certificate's validation
	// records.
	switch typ {
	case "aws:lb/loadBalancer:LoadBalancer":
		setDefault(m, "zoneId", "ZSTANDINALB")
	case "aws:ec2/launchTemplate:LaunchTemplate":
		setDefault(m, "latestVersion", 1.0)
	case "aws:ec2/vpc:Vpc":
		setDefault(m, "defaultNetworkAclId", name+"-default-acl")
		setDefault(m, "defaultSecurityGroupId", name+"-default-sg")
	case "aws:s3/bucketV2:BucketV2":
		setDefault(m, "bucket", name)
		setDefault(m, "bucketDomainName", name+".s3.amazonaws.com")
	case "aws:kms/key:Key":
		setDefault(m, "keyId", name+"-key-id")
	case "aws:acm/certificate:Certificate":
		// One CNAME per name, as ACM returns for DNS validation.
		names := []any{m["domainName"]}
		if sans, ok := m["subjectAlternativeNames"].([]any); ok {
			names = append(names, sans...)
		}
		var dvos []any
		for _, n := range names {
			if n, ok := n.(string); ok {
				dvos = append(dvos, map[string]any{"domainName": n, "resourceRecordName": "_standin." + n + ".",
					"resourceRecordType": "CNAME", "resourceRecordValue": "_standin.acm-validations.aws."})
			}
		}
		setDefault(m, "domainValidationOptions", dvos)
	case "aws:route53/zone:Zone":
		setDefault(m, "zoneId", "ZSTANDINZONE")
	case "aws:route53/record:Record":
		if n, ok := m["name"].(string); ok {
			setDefault(m, "fqdn", n)
		}
	}
	return structpb.NewStruct(m)
}

func setDefault(m map[string]any, key string, v any) {
	if _, ok := m[key]; !ok {
		m[key] = v
	}
}

func main() {
	if err := provider.Main("aws", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return standIn{}, nil
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
