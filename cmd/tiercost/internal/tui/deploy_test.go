package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDeployNeedsTwoConfirmations(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "d")
	if m.deploy.stage != stageConfirm || len(hs.deployer.Calls()) != 0 {
		t.Fatalf("after d: stage %d calls %v; want the first confirmation and no calls", m.deploy.stage, hs.deployer.Calls())
	}
	// Keys other than y do not confirm.
	m = press(t, m, "enter", "x")
	if m.deploy.stage != stageConfirm || len(hs.deployer.Calls()) != 0 {
		t.Fatalf("enter/x moved on: stage %d calls %v", m.deploy.stage, hs.deployer.Calls())
	}
	m = press(t, m, "y")
	// First confirmation: check, then preview streamed; no up yet.
	if want := []string{"check dev", "preview dev"}; !slices.Equal(hs.deployer.Calls(), want) {
		t.Fatalf("calls = %v, want %v", hs.deployer.Calls(), want)
	}
	if m.deploy.stage != stageConfirmUp || !slices.Contains(m.deploy.log, "+ aws:rds/instance:Instance tc-db create") {
		t.Fatalf("stage %d log %v; want the second confirmation and the streamed preview", m.deploy.stage, m.deploy.log)
	}
	// y again is only typed text; enter with a wrong name refuses.
	m = press(t, m, "y", "enter")
	if m.deploy.stage != stageConfirmUp || !strings.Contains(m.deploy.hint, `type "dev" exactly`) {
		t.Fatalf("wrong name: stage %d hint %q", m.deploy.stage, m.deploy.hint)
	}
	if slices.Contains(hs.deployer.Calls(), "up dev") {
		t.Fatal("up ran without the second confirmation")
	}
	m = press(t, m, "d", "e", "v", "enter")
	if want := []string{"check dev", "preview dev", "up dev"}; !slices.Equal(hs.deployer.Calls(), want) {
		t.Fatalf("calls = %v, want %v", hs.deployer.Calls(), want)
	}
	if m.deploy.stage != stageDone || m.deploy.result != "2 created" {
		t.Fatalf("stage %d result %q", m.deploy.stage, m.deploy.result)
	}
	m = press(t, m, "esc")
	if m.deploy.active() {
		t.Error("esc did not close the finished dialog")
	}
}

func TestDeployRefusedOverBudgetUntilOverride(t *testing.T) {
	t.Parallel()
	// prod: $1,150.00 against a $1,000.00 budget, 115 %: over.
	m, hs := loaded(t, "prod", false, 80, 24)
	m = press(t, m, "d")
	if m.deploy.stage != stageOverride {
		t.Fatalf("stage %d, want the override prompt", m.deploy.stage)
	}
	if v := m.View(); !strings.Contains(v, "REFUSED: the estimate is over budget by $150.00/mo.") {
		t.Errorf("refusal not shown:\n%s", v)
	}
	m = press(t, m, "y", "enter") // y is not the override word
	if m.deploy.stage != stageOverride || len(hs.deployer.Calls()) != 0 {
		t.Fatalf("y overrode the budget: stage %d calls %v", m.deploy.stage, hs.deployer.Calls())
	}
	m = press(t, m, "o", "v", "e", "r", "r", "i", "d", "x", "backspace", "e", "enter")
	if m.deploy.stage != stageConfirm || len(hs.deployer.Calls()) != 0 {
		t.Fatalf("after override: stage %d calls %v; want the first confirmation, no calls", m.deploy.stage, hs.deployer.Calls())
	}
	m = press(t, m, "y")
	if want := []string{"check prod", "preview prod"}; !slices.Equal(hs.deployer.Calls(), want) {
		t.Errorf("calls = %v, want %v", hs.deployer.Calls(), want)
	}
}

func TestDeployBudgetUsesConfiguredEnvironment(t *testing.T) {
	t.Parallel()
	// A what-if of 10,000 users ($200.00) is over dev's $150 budget, but
	// Pulumi deploys dev as configured ($110.00): no refusal, and a warning
	// that the what-if is not deployed.
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "u", "u", "u", "u", "d")
	if m.deploy.stage != stageConfirm {
		t.Fatalf("stage %d, want the first confirmation", m.deploy.stage)
	}
	if v := m.View(); !strings.Contains(v, "Not deployed: your what-if (users).") || !strings.Contains(v, "Estimate $110.00/mo") {
		t.Errorf("what-if warning or configured estimate missing:\n%s", v)
	}
}

func TestDeployCheckErrorShown(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 100, 30)
	hs.deployer.checkErr = errors.New("pulumi CLI not found on PATH: install it (curl -fsSL https://get.pulumi.com | sh) and open a new shell")
	m = press(t, m, "d", "y")
	if m.deploy.stage != stageCheckFailed {
		t.Fatalf("stage %d, want check failed", m.deploy.stage)
	}
	if v := m.View(); !strings.Contains(v, "Cannot deploy yet:") || !strings.Contains(v, "pulumi CLI not found on PATH: install it") {
		t.Errorf("check error not shown:\n%s", v)
	}
	if want := []string{"check dev"}; !slices.Equal(hs.deployer.Calls(), want) {
		t.Errorf("calls = %v, want %v", hs.deployer.Calls(), want)
	}
	m = press(t, m, "esc")
	if m.deploy.active() {
		t.Error("esc did not close")
	}
}

func TestDeployCancelAndRefusals(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "d", "n")
	if m.deploy.active() || len(hs.deployer.Calls()) != 0 {
		t.Errorf("n did not cancel: active %v calls %v", m.deploy.active(), hs.deployer.Calls())
	}
	m = press(t, m, "d", "esc")
	if m.deploy.active() {
		t.Error("esc did not cancel")
	}

	tier, ths := loaded(t, "1k", true, 80, 24)
	tier = press(t, tier, "d")
	if tier.deploy.active() || !strings.Contains(tier.status, "deploy works on environments; 1k is a tier") || len(ths.deployer.Calls()) != 0 {
		t.Errorf("tier deploy: active %v status %q", tier.deploy.active(), tier.status)
	}

	none := New(Options{Engine: &fakeEngine{}, Target: "dev", NoColor: true})
	none = run(t, none, none.Init())
	none = press(t, none, "d")
	if none.deploy.active() || !strings.Contains(none.status, "no Pulumi deployer is configured") {
		t.Errorf("nil deployer: active %v status %q", none.deploy.active(), none.status)
	}
}

func TestDeployDropsOutputOfCancelledRun(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "d")
	run1 := m.deploy.run
	m = press(t, m, "esc", "d")
	if m.deploy.run == run1 {
		t.Fatal("a new attempt reused the run number")
	}
	next, _ := m.Update(checkDoneMsg{run: run1})
	if next.(Model).deploy.stage != stageConfirm {
		t.Error("a cancelled attempt's check result moved the new attempt on")
	}
}
