package analyzer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Language is a minimal Pulumi language host for the runtime "tiercost":
// a policy pack folder whose PulumiPolicy.yaml says `runtime: tiercost` is
// started by the engine through it (RunPlugin), which runs the analyzer
// (Command) in that folder with the pack's runtime options as -key=value
// arguments and streams its output back. It runs no programs.
type Language struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	Version string
	// Command builds the analyzer process: the tiercost binary's
	// `analyzer serve` with the given arguments.
	Command func(ctx context.Context, args []string) *exec.Cmd
}

// Handshake accepts the engine.
func (l *Language) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the host's version.
func (l *Language) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: l.Version}, nil
}

// RunPlugin runs the analyzer for a policy pack and streams its output;
// the last message is its exit code.
func (l *Language) RunPlugin(req *pulumirpc.RunPluginRequest, stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	if req.GetKind() != "" && req.GetKind() != "analyzer" {
		return fmt.Errorf("the tiercost runtime runs analyzers (policy packs) only, not %s plugins", req.GetKind())
	}
	args := append([]string(nil), req.GetArgs()...)
	opts := req.GetInfo().GetOptions().AsMap()
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, fmt.Sprintf("-%s=%v", k, opts[k]))
	}
	cmd := l.Command(stream.Context(), args)
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	if cmd.Dir == "" {
		cmd.Dir = req.GetPwd()
	}
	if env := req.GetEnv(); len(env) > 0 {
		cmd.Env = env
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var mu sync.Mutex // Send is not safe for concurrent use
	send := func(r *pulumirpc.RunPluginResponse) {
		mu.Lock()
		defer mu.Unlock()
		_ = stream.Send(r)
	}
	var wg sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				send(wrap(append([]byte(nil), buf[:n]...)))
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()
	code := int32(0)
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return err
		}
		code = int32(ee.ExitCode())
	}
	send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
	return nil
}
