#!/usr/bin/env bash
# Reads Surefire's XML reports (default target/surefire-reports) and prints each test class that took a second or
# more, longest first, with its counts; with --count only the closing line "tests: N passed, N failed, N skipped".
# scripts/test.sh prints both at the end of a run, so the next slow class is seen by the change that makes it.
set -euo pipefail
count_only=0
if [ "${1:-}" = --count ]; then count_only=1; shift; fi
dir=${1:-target/surefire-reports}
shopt -s nullglob
files=("$dir"/TEST-*.xml)
# One line per class: name time tests failures errors skipped, from the <testsuite ...> element's attributes.
rows=$(for f in "${files[@]}"; do
  head -c 4000 "$f" | tr '\n' ' ' | grep -o '<testsuite [^>]*>' | head -n 1 | awk '
    { line = $0; out = "";
      n = split("name time tests failures errors skipped", keys, " ");
      for (i = 1; i <= n; i++) {
        v = "0";
        if (match(line, " " keys[i] "=\"[^\"]*\"")) { v = substr(line, RSTART + length(keys[i]) + 3, RLENGTH - length(keys[i]) - 4) }
        gsub(",", "", v); out = out (i > 1 ? " " : "") v
      }
      print out }'
done)
if [ "$count_only" -eq 1 ]; then
  echo "$rows" | awk 'NF == 6 { t += $3; f += $4 + $5; s += $6 }
    END { printf "tests: %d passed, %d failed, %d skipped\n", t - f - s, f, s }'
  exit 0
fi
echo "$rows" | awk 'NF == 6 && $2 >= 1 { sub(/.*\./, "", $1); printf "%8.1f s  %4d tests  %2d failed  %s\n", $2, $3, $4 + $5, $1 }' \
  | sort -rn | { echo "test classes of 1 s or more, longest first:"; cat; }
