package tui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestRunCtrlCIsInterrupted: Ctrl-C ends Run with ErrInterrupted (the CLI
// exits 130 for it), while q quits cleanly (TestRunQuitsOnQ).
func TestRunCtrlCIsInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Run(ctx, Options{Engine: &fakeEngine{}, Target: "dev", NoColor: true, In: strings.NewReader("\x03"), Out: &bytes.Buffer{}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run after Ctrl-C = %v, want ErrInterrupted", err)
	}
}
