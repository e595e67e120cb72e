# One command to run, one to test. See README.md.
.PHONY: run demo test build bench bench-slack

run:
	go run ./cmd/followup

# The real bot in a browser, against a built-in Slack: no token, no network.
demo:
	go run ./cmd/followup demo

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
