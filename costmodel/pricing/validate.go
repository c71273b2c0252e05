package pricing

import (
	"fmt"
	"math"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// numericInput is an input a pricer multiplies by: it must be a number that
// is not negative, and a whole number when it counts things. A type's
// registration lists the inputs whose wrong type or sign would otherwise
// turn into a silent default or a negative cost.
type numericInput struct {
	name  string
	whole bool
}

// Shorthands for registrations' numeric inputs.
func wholeInput(name string) numericInput  { return numericInput{name, true} }
func amountInput(name string) numericInput { return numericInput{name, false} }

// validateInputs rejects a record whose priced inputs are not non-negative
// numbers, naming the resource, the input and what is allowed.
func validateInputs(rec *resource.Record) error {
	for _, in := range numericInputsOf(rec.Type) {
		v, ok := rec.Value(in.name)
		if !ok {
			continue
		}
		allowed := "a number >= 0"
		if in.whole {
			allowed = "a whole number >= 0"
		}
		n, isNumber := v.(float64)
		switch {
		case !isNumber:
			return fmt.Errorf("resource %s (%s): input %s: %v is not a number; allowed: %s", rec.Name, rec.Type, in.name, v, allowed)
		case n < 0 || math.IsNaN(n) || math.IsInf(n, 0):
			return fmt.Errorf("resource %s (%s): input %s: %v; allowed: %s", rec.Name, rec.Type, in.name, n, allowed)
		case in.whole && n != math.Trunc(n):
			return fmt.Errorf("resource %s (%s): input %s: %v; allowed: %s", rec.Name, rec.Type, in.name, n, allowed)
		}
	}
	return nil
}
