# One command to run, one to test. See README.md.
.PHONY: run test build bench bench-slack

run:
	go run ./cmd/followup

test:
	go vet ./...
	go test -race -count=1 ./...

build:
	./scripts/build.sh bin/followup

bench:
	go test -run '^$$' -bench . -benchmem ./...

# The Slack load benchmark of the README (real binary against the emulator).
bench-slack:
	go test -run '^$$' -bench SlashCommands -benchtime 1x ./cmd/followup
