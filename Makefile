# One command to run, one to test. See README.md.
.PHONY: run demo test build build-scaleout bench bench-slack fuzz soak

run:
	go run ./cmd/followup

# The real bot in a browser, against a built-in Slack: no token, no network.
demo:
	go run ./cmd/followup demo

# The README's test command. The default build, then the scale-out build
# (-tags scaleout: PostgreSQL and /metrics). The store and scheduler tests
# run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL names a
# server (each test in a schema of its own); without it the last line
# names the tests whose PostgreSQL run was skipped.
SCALEOUT_PKGS = ./store/... ./scheduler/... ./metrics/... ./bot/... ./cmd/followup
test:
	go vet ./... && go test -race -count=1 ./... && go vet -tags scaleout ./... && go test -race -count=1 -tags scaleout $(SCALEOUT_PKGS) && ./scripts/pg-skipped.sh

build:
	./scripts/build.sh bin/followup

# The build for several instances: PostgreSQL (pgx) and /metrics
# (client_golang), about 6 MiB more resident memory.
build-scaleout:
	./scripts/build.sh bin/followup-scaleout scaleout

bench:
	go test -run '^$$' -bench . -benchmem ./...

# The Slack load benchmark of the README (real binary against the emulator).
bench-slack:
	go test -run '^$$' -bench SlashCommands -benchtime 1x ./cmd/followup

# The soak of the README: three instances of the real binary on one
# PostgreSQL (TEST_DATABASE_URL), 300 nudges due at once, a SOAK_STORM
# stretch of 429/5xx/dropped posts with SOAK_KILLS SIGKILLs spread over it.
# Not part of `make test`; CI runs SOAK_KILLS=20 SOAK_STORM=15s.
SOAK_KILLS ?= 200
SOAK_STORM ?= 60s
soak:
	FOLLOWUP_SOAK=$(SOAK_KILLS) SOAK_STORM=$(SOAK_STORM) go test -tags scaleout -count=1 -run '^TestSoak' -v -timeout 15m ./cmd/followup
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
