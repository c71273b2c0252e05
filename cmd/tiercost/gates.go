package main

import (
	"fmt"
	"math"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/money"
)

// overloads turns the capacity model's overloaded layers into the
// overloaded gate's input: each layer with its load, the sizes it assumes
// and the users it carries.
func overloads(res engine.Result) []gate.Overload {
	out := make([]gate.Overload, len(res.Overloaded))
	for i, l := range res.Overloaded {
		d := fmt.Sprintf("%s at %.0f %% of capacity at peak (%s", l.Resource, l.Load*100, l.Sizes)
		if !math.IsInf(l.Users, 0) && l.Users > 0 {
			d += fmt.Sprintf("; carries about %s users, the estimate has %s", money.Users(l.Users), money.Users(res.Users))
		}
		out[i] = gate.Overload{Layer: l.Layer, Detail: d + ")"}
	}
	return out
}

// gateInput is what the gates judge about one estimate; the caller adds
// the baseline and the limits.
func gateInput(res engine.Result) gate.Input {
	return gate.Input{Name: resultName(res), Current: res.Breakdown, Overloads: overloads(res), Sized: res.Spec != nil}
}

func regionOr(r string) string {
	if r == "" {
		return "the estimate"
	}
	return r
}
