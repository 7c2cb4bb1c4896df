# Sourced by the build scripts: pinned versions, the go tool's settings for reproducible static builds, a log line.
. "$(dirname "${BASH_SOURCE[0]}")/versions.sh"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
log() { printf '[build] %s\n' "$*" >&2; }
