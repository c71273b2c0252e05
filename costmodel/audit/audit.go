package audit

import (
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Status is a control's or a finding's outcome.
type Status string

// Outcomes, from best to worst for a control.
const (
	Pass          Status = "pass"
	NotApplicable Status = "not-applicable"
	Exception     Status = "exception"
	Fail          Status = "fail"
)

// Finding is one control's verdict on one resource ("" for the stack as a
// whole).
type Finding struct {
	Resource string `json:"resource"`
	Type     string `json:"type"`
	Status   Status `json:"status"`
	Reason   string `json:"reason"`
	// Exception names the documented exception that covers a failure.
	Exception string `json:"exception,omitempty"`
}

// Control is one FSBP control as tiercost evaluates it.
type Control struct {
	ID    string
	Title string
	// Types are the resource types it looks at; with none in the stack the
	// control does not apply.
	Types []string
	// check judges one record of Types.
	check func(s *stack, r *resource.Record) (Status, string)
	// stackCheck, when set, judges the stack instead (for controls about
	// what must exist, such as an event subscription).
	stackCheck func(s *stack) []Finding
}

// Result is one control's outcome over a stack.
type Result struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Status   Status    `json:"status"`
	Findings []Finding `json:"findings"`
}

// Summary counts controls by outcome.
type Summary struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	Exception     int `json:"exception"`
	NotApplicable int `json:"notApplicable"`
	Total         int `json:"total"`
}

// Report is a whole evaluation.
type Report struct {
	// Project and Tier come from the aws provider's default tags; a stack
	// without them gets only the exceptions that hold for any stack.
	Project string   `json:"project,omitempty"`
	Tier    string   `json:"tier,omitempty"`
	Results []Result `json:"controls"`
	Summary Summary  `json:"summary"`
	// Exceptions are the documented exceptions that apply, for reference.
	Exceptions []ExceptionUse `json:"exceptions,omitempty"`
}

// ExceptionUse is a documented exception a report relies on, with the
// controls it covered there.
type ExceptionUse struct {
	ID       string   `json:"id"`
	Controls []string `json:"controls"`
	Setting  string   `json:"setting"`
	Reason   string   `json:"reason"`
}

// Failed reports whether any control fails without a documented exception.
func (r Report) Failed() bool { return r.Summary.Fail > 0 }

// Run evaluates every control over the records.
func Run(recs []resource.Record) Report {
	s := newStack(recs)
	rep := Report{Project: s.tags["Project"], Tier: s.tags["Tier"]}
	used := map[string][]string{} // exception -> the controls it covered
	for _, c := range Controls() {
		res := Result{ID: c.ID, Title: c.Title}
		if c.stackCheck != nil {
			res.Findings = c.stackCheck(s)
		} else {
			for _, r := range s.of(c.Types...) {
				st, why := c.check(s, r)
				res.Findings = append(res.Findings, Finding{Resource: r.Name, Type: r.Type, Status: st, Reason: why})
			}
		}
		for i := range res.Findings {
			f := &res.Findings[i]
			if f.Status != Fail {
				continue
			}
			if e := exceptionFor(s, c.ID, *f); e != nil {
				f.Status, f.Exception = Exception, e.ID
				if !contains(used[e.ID], c.ID) {
					used[e.ID] = append(used[e.ID], c.ID)
				}
			}
		}
		if res.Findings == nil {
			res.Findings = []Finding{}
		}
		res.Status = outcome(res.Findings)
		rep.Results = append(rep.Results, res)
		switch res.Status {
		case Pass:
			rep.Summary.Pass++
		case Fail:
			rep.Summary.Fail++
		case Exception:
			rep.Summary.Exception++
		default:
			rep.Summary.NotApplicable++
		}
	}
	rep.Summary.Total = len(rep.Results)
	for _, e := range Exceptions() {
		if cs := used[e.ID]; len(cs) > 0 {
			rep.Exceptions = append(rep.Exceptions, ExceptionUse{ID: e.ID, Controls: cs, Setting: e.Setting, Reason: e.Reason})
		}
	}
	return rep
}

// outcome is the worst finding: a failure, else an exception, else a pass;
// no findings, or only not-applicable ones, is not applicable.
func outcome(fs []Finding) Status {
	rank := map[Status]int{NotApplicable: 0, Pass: 1, Exception: 2, Fail: 3}
	worst := NotApplicable
	for _, f := range fs {
		if rank[f.Status] > rank[worst] {
			worst = f.Status
		}
	}
	return worst
}

// ControlIDs lists the covered controls' IDs in order.
func ControlIDs() []string {
	var out []string
	for _, c := range Controls() {
		out = append(out, c.ID)
	}
	return out
}
