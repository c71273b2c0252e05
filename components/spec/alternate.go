package spec

import "sort"

// AlternateInstanceType returns the second instance type an autoscaling
// group may launch when the first has no capacity (AutoScaling.6): the
// same architecture (the image must boot on it), at least the vCPUs and
// memory of typ, never burstable for a fixed-performance typ, from another family when the table has one, else the
// next size of the same family; the smallest such by vCPU, then memory.
// The group launches typ first (prioritized), so typ is what is priced.
func AlternateInstanceType(typ string) (string, bool) {
	cur, ok := EC2Type(typ)
	if !ok {
		return "", false
	}
	var other, same []Instance
	for _, i := range ec2Types {
		if i.Type == cur.Type || i.Arch != cur.Arch || i.VCPU < cur.VCPU || i.MemoryGiB < cur.MemoryGiB ||
			(i.Burstable() && !cur.Burstable()) {
			continue
		}
		if i.Family == cur.Family {
			same = append(same, i)
		} else {
			other = append(other, i)
		}
	}
	for _, cands := range [][]Instance{other, same} {
		if len(cands) == 0 {
			continue
		}
		sort.SliceStable(cands, func(a, b int) bool {
			if cands[a].VCPU != cands[b].VCPU {
				return cands[a].VCPU < cands[b].VCPU
			}
			if cands[a].MemoryGiB != cands[b].MemoryGiB {
				return cands[a].MemoryGiB < cands[b].MemoryGiB
			}
			return cands[a].Type < cands[b].Type
		})
		return cands[0].Type, true
	}
	return "", false
}
