#!/usr/bin/env bash
# Upstream source tarballs for source-build tests and trials, without internet beyond the Debian
# mirror: Debian's source packages carry the pristine upstream tarballs (*.orig.tar.*). Uses a private
# apt state (no change to the machine's apt configuration). Cached in .lab/sources/.
# Prints the two tarball paths: postgresql first, keepalived second.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=.lab/sources
mkdir -p "$out"
find_tarballs() {
  pg=$(ls "$out"/postgresql-15_*.orig.tar.* 2>/dev/null | head -1 || true)
  ka=$(ls "$out"/keepalived_*.orig.tar.* 2>/dev/null | head -1 || true)
}
find_tarballs
if [ -z "$pg" ] || [ -z "$ka" ]; then
  mirror=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
           | awk '{print $2}' | grep -v security | head -1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  state=$(mktemp -d)
  trap 'rm -rf "$state"' EXIT
  mkdir -p "$state/lists/partial"
  echo "deb-src $mirror bookworm main" > "$state/sources.list"
  opts=(-o "Dir::Etc::SourceList=$state/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
        -o "Dir::State::Lists=$state/lists" -o "Debug::NoLocking=1" -q)
  echo "[fetch-sources] apt-get source from $mirror" >&2
  apt-get "${opts[@]}" update >&2
  # a missing Debian patch file (a newer revision on the mirror) does not matter: only *.orig.tar.* is used
  (cd "$out" && apt-get "${opts[@]}" source --download-only postgresql-15 keepalived >&2) || true
  find_tarballs
fi
[ -n "$pg" ] && [ -n "$ka" ] || { echo "[fetch-sources] tarballs not found in $out" >&2; exit 1; }
realpath "$pg" "$ka"
