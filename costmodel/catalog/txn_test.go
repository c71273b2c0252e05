package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// onePrice is a valid one-price layer for instance type it.
func onePrice(it, usd string) *Layer {
	return &Layer{AsOf: "2026-09-25", Prices: []Price{{Product: EC2Instance(use1, it), Term: OnDemandTerm, Unit: "Hrs",
		USD: ref(usd), Source: "test", AsOf: "2026-09-25"}}}
}

func TestUpdateLeavesTheCatalogOnFailure(t *testing.T) {
	tests := []struct {
		name string
		fn   UpdateFunc
		want string
	}{
		{"negative price", func(*Layer) (*Layer, error) { return onePrice("t3.nano", "-1"), nil }, "field usd: -1 is negative"},
		{"1e308 price", func(*Layer) (*Layer, error) { return onePrice("t3.nano", "1e308"), nil }, "field usd: a 309-digit number is above the bound"},
		{"no prices", func(*Layer) (*Layer, error) { return &Layer{}, nil }, "field prices: empty"},
		{"the merge fails", func(*Layer) (*Layer, error) { return nil, errors.New("merge failed") }, "merge failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "catalog.json")
			if err := WriteLayerFile(path, overlayLayer()); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			err := Update(path, false, tt.fn)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the catalog changed")
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("folder holds %d entries, want the catalog only", len(entries))
			}
		})
	}
}

func TestUpdateRefusesADamagedCatalogUnlessReplacing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.json")
	if err := os.WriteFile(path, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	add := func(cur *Layer) (*Layer, error) {
		if cur != nil {
			return nil, errors.New("replace must not read the current file")
		}
		return onePrice("t3.nano", "0.0052"), nil
	}
	err := Update(path, false, add)
	if err == nil || !strings.HasSuffix(err.Error(), "; pass --replace to overwrite it") {
		t.Fatalf("err = %v, want the --replace hint", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "damaged" {
		t.Error("damaged catalog was changed without --replace")
	}
	if err := Update(path, true, add); err != nil {
		t.Fatal(err)
	}
	if l, err := ReadLayerFile(path); err != nil || len(l.Prices) != 1 || l.Name != path {
		t.Fatalf("after replace: %v", err)
	}
}

func TestUpdateRemovesStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.json")
	// What killed writers leave: this package's and the old importer's names.
	for _, n := range []string{".catalog.json.tmp-123", ".catalog.json.tmp456"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, ".other.json.tmp-1")
	if err := os.WriteFile(other, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Update(path, false, func(*Layer) (*Layer, error) { return onePrice("t3.nano", "0.0052"), nil }); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".other.json.tmp-1 catalog.json" {
		t.Errorf("folder holds %v, want the catalog and the other file's temp only", names)
	}
}

// Concurrent updates serialise on the folder lock: every one's price lands.
func TestConcurrentUpdatesKeepEveryPrice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.json")
	const n = 12
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- Update(path, false, func(cur *Layer) (*Layer, error) {
				l := onePrice(fmt.Sprintf("m%d.large", i), "0.1")
				if cur == nil {
					return l, nil
				}
				return Merge(l, cur), nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	l, err := ReadLayerFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Prices) != n {
		t.Errorf("%d prices after %d concurrent updates, want %d", len(l.Prices), n, n)
	}
}
