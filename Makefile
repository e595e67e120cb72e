# One command to run, one to test. See README.md.
.PHONY: run demo test build bench bench-slack fuzz

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

# Every fuzz target for FUZZTIME each (CI: 3s). Run longer with e.g.
# make fuzz FUZZTIME=10m, or one target: go test -run '^$$' -fuzz '^FuzzValues$$' -fuzztime 1h ./messages
FUZZTIME ?= 3s
FUZZ_TARGETS = messages:FuzzCheck messages:FuzzValues messages:FuzzLogArgs messages:FuzzModalState bot:FuzzCommandText

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t#*:}; \
		echo "== $$fn ($$pkg, $(FUZZTIME))"; \
		go test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$pkg; \
	done
