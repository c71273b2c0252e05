package components

import (
	"reflect"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Tag keys every taggable resource gets besides the provider's default
// tags (Project, Environment, Tier): the component that created it and
// its logical name, so that a bill's lines can be traced back to the plan
// (see docs/actuals.md; package costmodel/actual reads the same keys).
const (
	TagComponent  = "Component"
	TagPulumiName = "PulumiName"
)

// tagWith tags a resource whose arguments take a tags map (or, for an Auto
// Scaling group, tag blocks that propagate to the instances it launches,
// which the bill lists under their own IDs). A tag already set, by the
// resource or by an inner component, is kept.
func tagWith(kind string) pulumi.ResourceTransformation {
	return func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		add := map[string]string{TagComponent: kind, TagPulumiName: args.Name}
		if g, ok := args.Props.(*autoscaling.GroupArgs); ok {
			tagGroup(g, add)
			return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: args.Opts}
		}
		v := reflect.ValueOf(args.Props)
		if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
			return nil
		}
		f := v.Elem().FieldByName("Tags")
		if !f.IsValid() || !f.CanSet() || f.Type() != stringMapInput {
			return nil
		}
		f.Set(reflect.ValueOf(mergeTags(f.Interface(), add)))
		return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: args.Opts}
	}
}

var stringMapInput = reflect.TypeOf((*pulumi.StringMapInput)(nil)).Elem()

// mergeTags adds the tags missing from a tags input.
func mergeTags(existing any, add map[string]string) pulumi.StringMapInput {
	switch m := existing.(type) {
	case nil:
		out := pulumi.StringMap{}
		for k, v := range add {
			out[k] = pulumi.String(v)
		}
		return out
	case pulumi.StringMap:
		out := pulumi.StringMap{}
		for k, v := range m {
			out[k] = v
		}
		for k, v := range add {
			if _, ok := out[k]; !ok {
				out[k] = pulumi.String(v)
			}
		}
		return out
	case pulumi.StringMapInput:
		return m.ToStringMapOutput().ApplyT(func(in map[string]string) map[string]string {
			out := map[string]string{}
			for k, v := range in {
				out[k] = v
			}
			for k, v := range add {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
			return out
		}).(pulumi.StringMapOutput)
	}
	return nil
}

// tagGroup adds propagating tag blocks to an Auto Scaling group.
func tagGroup(g *autoscaling.GroupArgs, add map[string]string) {
	arr, _ := g.Tags.(autoscaling.GroupTagArray)
	if g.Tags != nil && arr == nil {
		return // an output: leave it as the component set it
	}
	have := map[string]bool{}
	for _, t := range arr {
		if a, ok := t.(autoscaling.GroupTagArgs); ok {
			if s, ok := a.Key.(pulumi.String); ok {
				have[string(s)] = true
			}
		}
	}
	for _, k := range []string{TagComponent, TagPulumiName} {
		if !have[k] {
			arr = append(arr, autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: pulumi.String(add[k]), PropagateAtLaunch: pulumi.Bool(true)})
		}
	}
	g.Tags = arr
}
