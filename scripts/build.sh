#!/usr/bin/env bash
# Builds a static followup binary (cgo for SQLite, linked statically so the
# runtime image needs no libc). The Dockerfile and .ci/run both call this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bin/followup}
# A second argument adds build tags: "scaleout" for PostgreSQL and /metrics.
extra=${2:-}
mkdir -p "$(dirname "$out")"
CGO_ENABLED=1 go build -trimpath \
  -tags "osusergo netgo sqlite_omit_load_extension${extra:+ $extra}" \
  -ldflags '-s -w -linkmode external -extldflags "-static"' \
  -o "$out" ./cmd/followup
# Prove it is static: ldd says so, or file(1) does where ldd is absent.
if command -v ldd >/dev/null 2>&1 && ldd "$out" 2>&1 | grep -q '=>'; then
  echo "build.sh: $out is dynamically linked" >&2
  exit 1
fi
echo "built $out ($(du -h "$out" | cut -f1), static)"
