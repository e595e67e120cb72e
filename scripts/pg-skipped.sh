#!/usr/bin/env sh
# Prints, in one line, the tests whose PostgreSQL run was skipped because
# TEST_DATABASE_URL is not set: every test that runs once per engine
# (storetest.Run or storetest.Engines). Prints nothing when it is set.
[ -n "$TEST_DATABASE_URL" ] && exit 0
cd "$(dirname "$0")/.."
names=$(awk 'FNR == 1 { fn = "" }
	/^func (Test|Benchmark)[A-Za-z0-9_]*\(/ { match($0, /(Test|Benchmark)[A-Za-z0-9_]*/); fn = substr($0, RSTART, RLENGTH) }
	/storetest\.(Run|Engines)\(/ && fn != "" && fn !~ /^Benchmark/ { print fn }' \
	$(grep -rl --include='*_test.go' 'storetest\.' .) | sort -u)
n=$(printf '%s\n' "$names" | grep -c .)
echo "skipped, as TEST_DATABASE_URL is not set: the PostgreSQL run of $n tests (SQLite ran): $(printf '%s\n' "$names" | paste -sd ' ' | sed 's/ /, /g')"
