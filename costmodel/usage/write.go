package usage

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Marshal writes usage as a usage file (version 0.1) that Parse reads back
// to the same values, so a workload model's usage can be saved, reviewed,
// edited and passed to any breakdown with --usage.
func Marshal(u *Usage) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "version: %s\n", FileVersion)
	if u == nil {
		return b.Bytes()
	}
	section := func(name string, m map[string]Values) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s:\n", name)
		for _, k := range sortedKeys(m) {
			fmt.Fprintf(&b, "  %q:\n", k)
			vals := m[k]
			keys := make([]string, 0, len(vals))
			for vk := range vals {
				keys = append(keys, vk)
			}
			sort.Strings(keys)
			open := "" // the grouped key whose mapping is being written
			for _, vk := range keys {
				base, group, grouped := strings.Cut(vk, GroupSep)
				switch {
				case !grouped:
					open = ""
					fmt.Fprintf(&b, "    %s: %s\n", vk, vals[vk].String())
				case base != open:
					open = base
					fmt.Fprintf(&b, "    %s:\n", base)
					fallthrough
				default:
					fmt.Fprintf(&b, "      %s: %s\n", group, vals[vk].String())
				}
			}
		}
	}
	section("resource_type_default_usage", u.TypeDefaults)
	section("resource_usage", u.Resources)
	return b.Bytes()
}

func sortedKeys(m map[string]Values) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
