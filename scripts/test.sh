#!/usr/bin/env bash
# The whole test suite, unit and integration (JUnit tag "lab"): the README's test command, and what
# .ci/run runs. Prepares the machine first when it cannot run the lab (no Docker engine answering, or
# no debian:bookworm base image, or no chromium for the drill report's test): scripts/lab-host-setup.sh,
# idempotent, needs root for that part.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=LabTest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test] %s\n' "$*" >&2; }

if ! docker info >/dev/null 2>&1 || ! docker image inspect debian:bookworm >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  log "Docker engine, debian:bookworm or chromium missing: running scripts/lab-host-setup.sh"
  if [ "$(id -u)" -eq 0 ]; then
    scripts/lab-host-setup.sh
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n scripts/lab-host-setup.sh || { log "scripts/lab-host-setup.sh needs root: run it as root once, then retry"; exit 1; }
  else
    log "scripts/lab-host-setup.sh needs root: run it as root once, then retry"; exit 1
  fi
fi

t0=$(date +%s)
status=0
mvn -B test "$@" || status=$?
log "mvn -B test finished in $(( $(date +%s) - t0 )) s with exit code $status"
exit "$status"
