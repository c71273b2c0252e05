package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestRunQuitsOnQ(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Run(ctx, Options{Engine: &fakeEngine{}, Target: "dev", NoColor: true, In: strings.NewReader("q"), Out: &out})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if out.Len() == 0 {
		t.Error("nothing was rendered")
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	if err := Run(context.Background(), Options{Target: "dev"}); err == nil || !strings.Contains(err.Error(), "Options.Engine is nil") {
		t.Errorf("nil engine: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// An input that never sends a key: only the cancelled context ends it.
	r, w := io.Pipe()
	defer w.Close()
	err := Run(ctx, Options{Engine: &fakeEngine{}, Target: "dev", In: r, Out: &bytes.Buffer{}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v, want context.Canceled", err)
	}
}

func TestEmptyTargetOpensFirstEnvironment(t *testing.T) {
	t.Parallel()
	m := New(Options{Engine: &fakeEngine{}, NoColor: true})
	if v := m.View(); !strings.Contains(v, "Pricing tiers and environments…") {
		t.Errorf("loading view:\n%s", v)
	}
	m = run(t, m, m.Init())
	// The fake lists tiers first, then dev: dev opens, $110.00.
	if m.target != "dev" || m.isTier || m.snap == nil || m.snap.Breakdown.TotalMonthlyCost.String() != "110" {
		t.Fatalf("target %q isTier %v snap %v", m.target, m.isTier, m.snap != nil)
	}
	if m.ov.cursor != 4 {
		t.Errorf("overview cursor %d, want 4 (dev)", m.ov.cursor)
	}
}
