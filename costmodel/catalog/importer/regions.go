package importer

import "strings"

// regionByLocation maps the Price List's location names to region codes.
// Offer files written before 2023 say "EU (Ireland)", later ones "Europe
// (Ireland)"; both spellings are listed. GovCloud and China are left out:
// they are not commercial regions.
var regionByLocation = map[string]string{
	"US East (N. Virginia)":      "us-east-1",
	"US East (Ohio)":             "us-east-2",
	"US West (N. California)":    "us-west-1",
	"US West (Oregon)":           "us-west-2",
	"Africa (Cape Town)":         "af-south-1",
	"Asia Pacific (Hong Kong)":   "ap-east-1",
	"Asia Pacific (Taipei)":      "ap-east-2",
	"Asia Pacific (Mumbai)":      "ap-south-1",
	"Asia Pacific (Hyderabad)":   "ap-south-2",
	"Asia Pacific (Singapore)":   "ap-southeast-1",
	"Asia Pacific (Sydney)":      "ap-southeast-2",
	"Asia Pacific (Jakarta)":     "ap-southeast-3",
	"Asia Pacific (Melbourne)":   "ap-southeast-4",
	"Asia Pacific (Malaysia)":    "ap-southeast-5",
	"Asia Pacific (New Zealand)": "ap-southeast-6",
	"Asia Pacific (Thailand)":    "ap-southeast-7",
	"Asia Pacific (Tokyo)":       "ap-northeast-1",
	"Asia Pacific (Seoul)":       "ap-northeast-2",
	"Asia Pacific (Osaka)":       "ap-northeast-3",
	"Canada (Central)":           "ca-central-1",
	"Canada West (Calgary)":      "ca-west-1",
	"EU (Frankfurt)":             "eu-central-1",
	"EU (Zurich)":                "eu-central-2",
	"EU (Ireland)":               "eu-west-1",
	"EU (London)":                "eu-west-2",
	"EU (Paris)":                 "eu-west-3",
	"EU (Milan)":                 "eu-south-1",
	"EU (Spain)":                 "eu-south-2",
	"EU (Stockholm)":             "eu-north-1",
	"Europe (Frankfurt)":         "eu-central-1",
	"Europe (Zurich)":            "eu-central-2",
	"Europe (Ireland)":           "eu-west-1",
	"Europe (London)":            "eu-west-2",
	"Europe (Paris)":             "eu-west-3",
	"Europe (Milan)":             "eu-south-1",
	"Europe (Spain)":             "eu-south-2",
	"Europe (Stockholm)":         "eu-north-1",
	"Israel (Tel Aviv)":          "il-central-1",
	"Middle East (Bahrain)":      "me-south-1",
	"Middle East (UAE)":          "me-central-1",
	"Mexico (Central)":           "mx-central-1",
	"South America (Sao Paulo)":  "sa-east-1",
	"South America (São Paulo)":  "sa-east-1",
	"Asia Pacific (Osaka-Local)": "ap-northeast-3",
}

// regionCode returns the region for a location name, "" when the location is
// not a commercial region.
func regionCode(location string) string { return regionByLocation[strings.TrimSpace(location)] }

// cfGroupByLocation maps CloudFront's fromLocation names to the region
// groups keys.go defines. Canada and Mexico are priced like the United
// States but carry their own SKUs; they are left out rather than merged, so
// a group never gets two prices for one tier.
var cfGroupByLocation = map[string]string{
	"United States": "United States",
	"Europe":        "Europe",
	"Asia Pacific":  "Asia",
	"Asia":          "Asia",
	"Japan":         "Japan",
	"Australia":     "Australia",
	"South America": "South America",
	"India":         "India",
	"South Africa":  "South Africa",
	"Middle East":   "Middle East",
}

// cfGroupByPrefix maps CloudFront usage-type prefixes (US-Requests-Tier1)
// to the same groups, for rows that do not name a location.
var cfGroupByPrefix = map[string]string{
	"US": "United States",
	"EU": "Europe",
	"AP": "Asia",
	"JP": "Japan",
	"AU": "Australia",
	"SA": "South America",
	"IN": "India",
	"ZA": "South Africa",
	"ME": "Middle East",
}
