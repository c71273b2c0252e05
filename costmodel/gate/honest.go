package gate

import (
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Names of the gates that keep a total honest.
const (
	Incomplete = "incomplete"
	Overloaded = "overloaded"
)

// maxItems bounds how many items a reason names.
const maxItems = 10

// incomplete fails an estimate whose total leaves cost-bearing items out
// (lines without a price, resources of types no pricer knows): its total
// is only a lower bound, so no budget verdict on it is safe. The reason
// names the items. --allow-unpriced lets it pass, saying so.
func incomplete(in Input) (Result, bool) {
	b := in.Current
	t := b.Monthly()
	r := Result{Gate: Incomplete, Pass: true, Total: ptr(t.Amount)}
	if !t.LowerBound() {
		r.Reason = "every cost-bearing item is priced"
		return r, true
	}
	var items []string
	for _, res := range b.Resources {
		if res.Status == pricing.StatusUnsupported {
			items = append(items, fmt.Sprintf("%s (unsupported type %s)", res.Name, res.Type))
		}
	}
	for n, c := range b.Lines() {
		if n.Top.Status == pricing.StatusPriced && c.Unpriced() {
			items = append(items, fmt.Sprintf("%s: %s", n.Path(), c.Name))
		}
	}
	more := ""
	if len(items) > maxItems {
		more = fmt.Sprintf("; and %d more", len(items)-maxItems)
		items = items[:maxItems]
	}
	where := b.Region
	if where == "" {
		where = "the estimate"
	}
	r.Reason = fmt.Sprintf("the total %s is a lower bound, %s in %s: %s%s", t.USD(), t.UnpricedText(), where, strings.Join(items, "; "), more)
	if in.Limits.AllowUnpriced {
		r.Allowed = true
		r.Reason += " (allowed by --allow-unpriced)"
	} else {
		r.Pass = false
		r.Reason += " (--allow-unpriced passes it)"
	}
	return r, true
}

// overloaded fails an estimate whose architecture cannot carry its load
// at peak: Overloads from the capacity model, else the mark a saved
// breakdown keeps. It runs only on sources with a capacity model (Sized)
// or such a mark; a stack export has neither. --allow-overload lets it
// pass, saying so.
func overloaded(in Input) (Result, bool) {
	mark := in.Current.Metadata[pricing.MetaOverloaded]
	r := Result{Gate: Overloaded, Pass: true}
	switch {
	case len(in.Overloads) > 0:
		parts := make([]string, len(in.Overloads))
		for i, o := range in.Overloads {
			parts[i] = o.Layer + " " + o.Detail
		}
		r.Reason = strings.Join(parts, "; ")
	case mark != "":
		r.Reason = mark + " at peak"
	case in.Sized:
		r.Reason = "every layer is within its capacity at peak"
		return r, true
	default:
		return Result{}, false
	}
	if in.Limits.AllowOverload {
		r.Allowed = true
		r.Reason += " (allowed by --allow-overload)"
	} else {
		r.Pass = false
		r.Reason += " (--allow-overload passes it)"
	}
	return r, true
}
