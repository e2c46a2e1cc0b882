#!/usr/bin/env bash
# Makes this machine able to run the pgha lab (scripts/test.sh runs it; `pgha lab up` too, from the jar,
# when no engine answers or the base image is missing): a Docker engine that answers and a local
# debian:bookworm base image; and Debian's chromium, in which a test opens the drill's HTML report. Idempotent: each step is skipped when already done.
# Needs root on Debian when the engine or the image is missing (see ../shared/LAB.md):
# no registry is reachable here, so the base image is made with debootstrap.
set -euo pipefail

log() { printf '[lab-host-setup] %s\n' "$*" >&2; }
STATE_DIR=${PGHA_LAB_STATE:-/var/lib/pgha-lab}
mkdir -p "$STATE_DIR"

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then log "need root to install: ${missing[*]}"; exit 1; fi
  if [ $apt_updated -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

debian_mirror() {
  # First Debian mirror from the apt sources (deb822 or one-line format).
  local m
  m=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
      | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  apt_install iptables
  # A dockerd may be there already, starting or still shutting down (a session just ended): wait for it
  # to answer or to go away, and start one whenever none runs.
  local starts=0
  for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then return 0; fi
    if ! pgrep -x dockerd >/dev/null; then
      [ "$starts" -lt 3 ] || break
      log "starting dockerd (log: $STATE_DIR/dockerd.log)"
      nohup dockerd >>"$STATE_DIR/dockerd.log" 2>&1 &
      starts=$((starts + 1))
    fi
    sleep 1
  done
  log "dockerd did not answer within 120 s; see $STATE_DIR/dockerd.log"; tail -n 20 "$STATE_DIR/dockerd.log" >&2 || true
  exit 1
}

ensure_base_image() {
  if docker image inspect debian:bookworm >/dev/null 2>&1; then return 0; fi
  apt_install debootstrap
  local root="$STATE_DIR/bookworm-rootfs" mirror
  mirror=$(debian_mirror)
  rm -rf "$root"
  log "debootstrap bookworm from $mirror (about 90 s)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$STATE_DIR/debootstrap.log" 2>&1 \
    || { tail -n 20 "$STATE_DIR/debootstrap.log" >&2; exit 1; }
  # Same mirror for apt inside the image, plus security updates.
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" >"$root/etc/apt/sources.list"
  tar -C "$root" -c . | docker import - debian:bookworm >/dev/null
  rm -rf "$root"
  log "debian:bookworm imported"
}

# The drill's HTML report is checked by opening it in a headless browser (DrillHtmlTest); `pgha lab up`,
# which runs this script on a machine that cannot run the lab yet, needs none (PGHA_LAB_BROWSER=0).
ensure_browser() {
  [ "${PGHA_LAB_BROWSER:-1}" = 1 ] || return 0
  command -v chromium >/dev/null 2>&1 || apt_install chromium
}

ensure_engine
ensure_base_image
ensure_browser
log "ready: $(docker version --format '{{.Server.Version}}') with debian:bookworm; $(chromium --version 2>/dev/null || echo 'no chromium')"
