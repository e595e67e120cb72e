# One command to run, one to test. See README.md.
.PHONY: run test build bench bench-slack

run:
	go run ./cmd/followup

# The store and scheduler tests run on SQLite, and on PostgreSQL too when
# TEST_DATABASE_URL names a server (each test in a schema of its own).
test:
	go vet ./...
	go test -race -count=1 ./...
	@[ -n "$$TEST_DATABASE_URL" ] || echo "skipped: the PostgreSQL run (subtest <Test>/PostgreSQL) of every store and scheduler test, as TEST_DATABASE_URL is not set"

build:
	./scripts/build.sh bin/followup

bench:
	go test -run '^$$' -bench . -benchmem ./...

# The Slack load benchmark of the README (real binary against the emulator).
bench-slack:
	go test -run '^$$' -bench SlashCommands -benchtime 1x ./cmd/followup
