package main

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Scratch: delete before committing.
func BenchmarkScratchProf(b *testing.B) {
	bin := "/tmp/perfw/followup"
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build: %v", err)
	}
	for _, conc := range []int{50} {
		b.Run(fmt.Sprintf("concurrent=%d", conc), func(b *testing.B) {
			for range b.N {
				benchCommands(b, bin, 4000, conc)
			}
		})
	}
}
