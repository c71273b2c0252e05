//go:build unix

package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// TestImportHelperProcess is the import that TestKilledImport kills; it
// only runs when that test starts it.
func TestImportHelperProcess(t *testing.T) {
	spec := os.Getenv("TIERCOST_IMPORT_HELPER")
	if spec == "" {
		t.Skip("helper process for TestKilledImportLeavesThePreviousCatalog")
	}
	offer, out, _ := strings.Cut(spec, "|")
	if _, err := Import(context.Background(), []string{offer}, out, Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// TestKilledImportLeavesThePreviousCatalog kills an import with SIGKILL at
// 24 points spread over its whole run (parsing, reading the old catalog,
// merging, writing, renaming). Each time the catalog must be byte for
// byte the previous one, or byte for byte the finished import when the
// kill came after the rename; never anything else. Temporary files a kill
// leaves are removed by the next import.
func TestKilledImportLeavesThePreviousCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 24 subprocesses")
	}
	dir := t.TempDir()
	offer := filepath.Join(dir, "offer.json")
	f, err := os.Create(offer)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := writeSyntheticEC2(w, 12<<20); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A large previous catalog makes the read, merge and write phases
	// long enough for kills to land in them too.
	out := filepath.Join(dir, "catalog.json")
	prev := &catalog.Layer{AsOf: "2026-01-01"}
	for i := range 30000 {
		prev.Prices = append(prev.Prices, catalog.Price{Product: catalog.EC2Instance("eu-west-1", fmt.Sprintf("k%d.large", i)),
			Term: catalog.OnDemandTerm, Unit: "Hrs", USD: decimal.New(int64(i+1), -4), Source: "previous", AsOf: "2026-01-01"})
	}
	if err := catalog.WriteLayerFile(out, prev); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	helper := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TIERCOST_IMPORT_HELPER="+offer+"|"+out)
		return cmd
	}
	// Runs to the end give the finished catalog and the run's length; the
	// shorter of two, so a busy machine stretches kills less.
	length := time.Duration(1 << 62)
	for range 2 {
		start := time.Now()
		if msg, err := helper().CombinedOutput(); err != nil {
			t.Fatalf("uninterrupted import: %v\n%s", err, msg)
		}
		length = min(length, time.Since(start))
		if err := os.WriteFile(out, before, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if msg, err := helper().CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", err, msg)
	}
	after, err := os.ReadFile(out)
	if err != nil || bytes.Equal(after, before) {
		t.Fatalf("the uninterrupted import did not change the catalog: %v", err)
	}
	restore := func() {
		if err := os.WriteFile(out, before, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	restore()
	const kills = 24
	var kept, finished, strays int
	for i := range kills {
		// Spread over 1.1 times the run, so the last kills may land after
		// the rename.
		delay := time.Duration(float64(length) * 1.1 * (float64(i) + 0.5) / kills)
		cmd := helper()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, err := os.ReadFile(out)
		switch {
		case err != nil:
			t.Fatalf("kill %d at %v: catalog unreadable: %v", i, delay, err)
		case bytes.Equal(got, before):
			kept++
		case bytes.Equal(got, after):
			finished++
			restore()
		default:
			t.Fatalf("kill %d at %v: the catalog is neither the previous one nor the finished import (%d bytes)", i, delay, len(got))
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".catalog.json.tmp*")); len(m) > 0 {
			strays++
		}
	}
	t.Logf("run length %v; %d kills: %d left the previous catalog, %d came after the rename; %d left a temporary file", length.Round(time.Millisecond), kills, kept, finished, strays)
	if kept < kills/4 {
		t.Errorf("only %d of %d kills landed before the rename; the test does not exercise the import", kept, kills)
	}
	// The next import cleans up whatever the kills left.
	if msg, err := helper().CombinedOutput(); err != nil {
		t.Fatalf("import after the kills: %v\n%s", err, msg)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".catalog.json.tmp*")); len(m) > 0 {
		t.Errorf("temporary files left after a clean import: %v", m)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, after) {
		t.Error("the import after the kills did not give the finished catalog")
	}
}
