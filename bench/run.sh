#!/usr/bin/env bash
# pgha against Ansible on the same playbooks and the same SSH nodes (issue 12, item 1).
#
#   bench/run.sh                 N = 2 10 30 50 light SSH nodes, 3 runs of each measurement (an hour or more
#                                on 2 cores: Ansible's runs at N = 30 and 50 take most of it)
#   NS="2 10" REPEAT=1 bench/run.sh    a quick try (about 6 minutes on 2 cores)
#   bench/run.sh --bootstrap     pgha bootstrap re-run on the bootstrapped lab (-i .lab/NAME, NAME from
#                                PGHA_LAB_NAME, default pgha-lab), REPEAT times
#
# For each N it starts N containers pgha-bench-n1..nN (sshd as PID 1, sudo, python3; no systemd) on
# the Docker network pgha-bench (BENCH_SUBNET.0/24, 172.30.120.0/24 by default), writes one inventory
# both tools read, and runs the playbooks of bench/playbooks/ with `pgha play` and `ansible-playbook`:
#   (a) cmd1.yml, cmd50.yml    1 and 50 tasks of command "true" with become
#   (b) idem1.yml, idem20.yml  1 and 20 file/lineinfile tasks on converged hosts (nothing changes)
# Each is timed (wall, median of REPEAT) with the controller's peak RSS (/usr/bin/time -v). Per task:
# (t_50 - t_1) / 49 and (t_20 - t_1) / 19, hosts in parallel, so start-up and connections cancel out.
# It prints a table and writes it into BENCHMARKS.md (its own section; the --bootstrap part has its own).
# Nodes and network are removed at the end, whatever happens; the image pgha-bench-node:HASH stays.
#
# Environment: NS, REPEAT, BENCH_SUBNET (three octets), BENCH_OUT (the markdown file, default
# BENCHMARKS.md), BENCH_NOTE (a line written above the table), BENCH_WORK (work directory, default a
# new /tmp/pgha-bench.XXXXXX, removed on success unless KEEP_WORK=1), ANSIBLE_WARM=1 (keep Ansible's
# ControlPersist connections from one run to the next; by default every timed run of either tool starts
# without an open connection), PGHA_JAR (the jar to run, default target/pgha.jar, built by ./pgha only
# when missing). Needs root when something has to be installed (Docker engine, debian:bookworm image,
# ansible, time).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/.." && pwd)"

DEFAULT_NS="2 10 30 50"
NS=${NS:-$DEFAULT_NS}
REPEAT=${REPEAT:-3}
SUBNET=${BENCH_SUBNET:-172.30.120}
NET=pgha-bench
PREFIX=pgha-bench-n
LABEL=io.pgha.bench
OUT=${BENCH_OUT:-$root/BENCHMARKS.md}
ANSIBLE_WARM=${ANSIBLE_WARM:-0}
FLOOR_SAMPLES=21

MODE=nodes
case "${1:-}" in
  "") ;;
  --bootstrap) MODE=bootstrap ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: bench/run.sh [--bootstrap]   (bench/run.sh --help)" >&2; exit 2 ;;
esac

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive number, got '$REPEAT'"
for n in $NS; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] && [ "$n" -le 200 ] || die "NS: each N must be 1..200, got '$n'"
done
[[ "$SUBNET" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "BENCH_SUBNET must be three octets (e.g. 172.30.120), got '$SUBNET'"

# One benchmark at a time on this machine (they share the network name and the node names).
exec 9>/tmp/pgha-bench.lock
flock -n 9 || die "another bench/run.sh holds /tmp/pgha-bench.lock"

START_S=$(date +%s)

# ---------------------------------------------------------------- prerequisites

apt_updated=0
apt_install() { # apt_install PACKAGE... (only the missing ones)
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "need root to install: ${missing[*]}"
  if [ $apt_updated -eq 0 ]; then apt-get -o DPkg::Lock::Timeout=600 update -qq; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
}

ensure_jar() {
  local jar=${PGHA_JAR:-$root/target/pgha.jar}
  if [ ! -f "$jar" ]; then
    [ -n "${PGHA_JAR:-}" ] && die "PGHA_JAR=$jar does not exist"
    log "target/pgha.jar missing: building it with ./pgha (Maven, once)"
    "$root/pgha" --version >/dev/null
  elif [ -z "${PGHA_JAR:-}" ] && [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    log "note: target/pgha.jar is older than src/ (./pgha would rebuild it); measuring the jar as it is"
    JAR_NOTE=", target/pgha.jar older than src/"
  fi
  # A copy, so that a rebuild during the run cannot swap the program under the measurement.
  cp "$jar" "$WORK/pgha.jar"
  JAR=$WORK/pgha.jar
}

ensure_tools_common() {
  command -v java >/dev/null || die "java is missing (pgha needs Java 17+)"
  [ -x /usr/bin/time ] || apt_install time
  command -v ssh >/dev/null && command -v ssh-keygen >/dev/null && command -v ssh-keyscan >/dev/null \
    || apt_install openssh-client
}

ensure_tools_nodes() {
  ensure_tools_common
  if ! docker info >/dev/null 2>&1 || ! docker image inspect debian:bookworm >/dev/null 2>&1; then
    log "Docker engine or debian:bookworm missing: scripts/lab-host-setup.sh"
    "$root/scripts/lab-host-setup.sh"
  fi
  command -v ansible-playbook >/dev/null || apt_install ansible
  command -v ansible-playbook >/dev/null || die "ansible-playbook still missing after apt-get install ansible"
}

# ---------------------------------------------------------------- helpers

now_ns() { date +%s%N; }

median() { # median of the numbers on stdin (the mean of the two middle ones for an even count)
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    if (NR % 2) printf "%.6f\n", v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

machine_lines() { # markdown bullet lines describing this machine and the tools
  local cpu mem
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)
  mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "- machine: $(nproc) CPUs${cpu:+ ($cpu)}, $mem RAM, kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- load average at start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Java: $(java -version 2>&1 | head -n1)"
  echo "- pgha: $(env PGHA_JAR="$JAR" "$root/pgha" --version 2>/dev/null | head -n1) (commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$root" status --porcelain -- src pom.xml 2>/dev/null)" ] && echo ', src/ with uncommitted changes')${JAR_NOTE:-})"
  if [ "$MODE" = nodes ]; then
    local av
    av=$(ansible-playbook --version 2>/dev/null || true) # whole, then read: a pipe into head breaks Ansible's output
    echo "- Ansible: ansible-core $(sed -n '1s/.*core \([0-9.]*\).*/\1/p' <<<"$av"), Python $(sed -n 's/^ *python version = \([0-9.]*\).*/\1/p' <<<"$av")$(dpkg-query -W -f=', Debian package ansible ${Version}' ansible 2>/dev/null || true)"
    echo "- OpenSSH client: $(ssh -V 2>&1); Docker $(docker version --format '{{.Server.Version}}')"
  fi
}

command_line() { # the command as it was run, with the settings that differ from the defaults
  local c=""
  [ "$NS" != "$DEFAULT_NS" ] && c+="NS=\"$NS\" "
  [ "$REPEAT" != 3 ] && c+="REPEAT=$REPEAT "
  [ "$SUBNET" != 172.30.120 ] && c+="BENCH_SUBNET=$SUBNET "
  [ "$ANSIBLE_WARM" != 0 ] && c+="ANSIBLE_WARM=$ANSIBLE_WARM "
  [ -n "${PGHA_JAR:-}" ] && c+="PGHA_JAR=$PGHA_JAR "
  c+="bench/run.sh"
  [ "$MODE" = bootstrap ] && c+=" --bootstrap"
  echo "$c"
}

write_section() { # write_section NAME FILE: replace <!-- bench:NAME begin -->..end in $OUT with FILE
  local name=$1 body=$2 tmp
  if [ ! -f "$OUT" ]; then
    {
      echo "# Benchmarks"
      echo
      echo "Written by \`bench/run.sh\` (each part rewrites only its own section). How to run and what is"
      echo "measured: the comments at the top of [bench/run.sh](bench/run.sh); the playbooks are in"
      echo "[bench/playbooks/](bench/playbooks/)."
      echo
      echo "<!-- bench:nodes begin -->"
      echo "## pgha and Ansible, same playbooks, same SSH nodes (\`bench/run.sh\`)"
      echo
      echo "Not measured yet."
      echo "<!-- bench:nodes end -->"
      echo
      echo "<!-- bench:bootstrap begin -->"
      echo "## pgha bootstrap re-run on a healthy two-node lab (\`bench/run.sh --bootstrap\`)"
      echo
      echo "Not measured yet."
      echo "<!-- bench:bootstrap end -->"
    } >"$OUT"
  fi
  grep -q "^<!-- bench:$name begin -->$" "$OUT" || printf '\n<!-- bench:%s begin -->\n<!-- bench:%s end -->\n' "$name" "$name" >>"$OUT"
  tmp=$(mktemp "$OUT.XXXXXX")
  awk -v name="$name" -v body="$body" '
    $0 == "<!-- bench:" name " begin -->" { print; while ((getline l < body) > 0) print l; skip = 1; next }
    $0 == "<!-- bench:" name " end -->" { skip = 0 }
    !skip { print }' "$OUT" >"$tmp"
  mv "$tmp" "$OUT"
  chmod 0644 "$OUT"
}

# run_timed TAG CMD...: runs CMD with its output in $WORK/logs/TAG.log; sets T_S (wall seconds) and
# T_RSS (peak RSS, kB). Fails the benchmark when CMD fails. (No subshell: a failure must end the run.)
run_timed() {
  local tag=$1; shift
  local logf=$WORK/logs/$tag.log t0 t1 rc=0
  t0=$(now_ns)
  /usr/bin/time -v -o "$logf.time" "$@" >"$logf" 2>&1 || rc=$?
  t1=$(now_ns)
  if [ $rc -ne 0 ]; then
    tail -n 30 "$logf" >&2
    die "$tag failed (exit $rc): $* (log: $logf)"
  fi
  T_RSS=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$logf.time")
  T_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}

# changed count from a run's log: pgha's RECAP table (column 3), or Ansible's PLAY RECAP (changed=)
changed_pgha() {
  awk '/^RECAP/ { on = 1; next } on && $1 != "host" && NF == 7 && $2 ~ /^[0-9]+$/ { c += $3 } END { print c + 0 }' "$1"
}
changed_ansible() {
  awk '/^PLAY RECAP/ { on = 1; next } on { for (i = 1; i <= NF; i++) if ($i ~ /^changed=/) { split($i, a, "="); c += a[2] } } END { print c + 0 }' "$1"
}

# ================================================================ --bootstrap

bootstrap_main() {
  local rel=.lab/${PGHA_LAB_NAME:-pgha-lab}   # the lab's inventory, written by `pgha lab up`
  local inv=$root/$rel
  WORK=${BENCH_WORK:-$(mktemp -d /tmp/pgha-bench.XXXXXX)}
  mkdir -p "$WORK/logs"
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_tools_common
  [ -f "$inv/hosts.yml" ] || die "no lab inventory at $rel: bring the lab up and bootstrap it first (./pgha lab up; ./pgha bootstrap -i $rel)"
  ensure_jar
  cd "$root"
  export PGHA_HOME=$root
  log "checking that the lab is healthy first (pgha verify -i $rel, changes nothing)"
  env PGHA_JAR="$JAR" "$root/pgha" verify -i "$inv" >"$WORK/logs/verify.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/verify.log" >&2; die "pgha verify failed: this part needs a bootstrapped, healthy lab at $rel"; }

  local results=$WORK/bootstrap.tsv r s rss changed
  : >"$results"
  for r in $(seq 1 "$REPEAT"); do
    run_timed "bootstrap-$r" env PGHA_JAR="$JAR" "$root/pgha" bootstrap -i "$inv"
    s=$T_S rss=$T_RSS
    changed=$(changed_pgha "$WORK/logs/bootstrap-$r.log")
    grep -q "replication verified" "$WORK/logs/bootstrap-$r.log" || log "warning: run $r did not print 'replication verified' (log: $WORK/logs/bootstrap-$r.log)"
    log "bootstrap run $r/$REPEAT: ${s} s, peak RSS $((rss / 1024)) MB, $changed changed"
    printf '%s\t%s\t%s\t%s\n' "$r" "$s" "$rss" "$changed" >>"$results"
  done
  local med_s min_s max_s med_rss each_changed
  med_s=$(cut -f2 "$results" | median)
  min_s=$(cut -f2 "$results" | sort -g | head -n1)
  max_s=$(cut -f2 "$results" | sort -g | tail -n1)
  med_rss=$(cut -f3 "$results" | median)
  each_changed=$(cut -f4 "$results" | paste -sd, - | sed 's/,/, /g')

  local body=$WORK/bootstrap-section.md
  {
    echo "## pgha bootstrap re-run on a healthy two-node lab (\`bench/run.sh --bootstrap\`)"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); command: \`$(command_line)\`"
    machine_lines
    echo "- what: \`PGHA_JAR=COPY ./pgha bootstrap -i $rel\` (\`./pgha bootstrap\` on a copy of the jar, JVM start included) on the lab's two systemd nodes, already bootstrapped and verified healthy by \`pgha verify\` first; $REPEAT runs"
    echo
    echo "| runs | median s | min s | max s | changed, each run (0 expected) | controller peak RSS MB (median) |"
    echo "|---:|---:|---:|---:|---:|---:|"
    awk -v n="$REPEAT" -v m="$med_s" -v a="$min_s" -v b="$max_s" -v c="$each_changed" -v r="$med_rss" \
      'BEGIN { printf "| %d | %.2f | %.2f | %.2f | %s | %.0f |\n", n, m, a, b, c, r / 1024 }'
  } >"$body"
  echo
  sed -n '/^| runs/,$p' "$body"
  write_section bootstrap "$body"
  log "written to $OUT (section bootstrap); took $(( $(date +%s) - START_S )) s"
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}

if [ "$MODE" = bootstrap ]; then
  bootstrap_main
  exit 0
fi

# ================================================================ pgha and Ansible on N light nodes

WORK=${BENCH_WORK:-$(mktemp -d /tmp/pgha-bench.XXXXXX)}
mkdir -p "$WORK/logs" "$WORK/cp" "$WORK/ansible-local"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
KEY=$WORK/id_ed25519
KNOWN=$WORK/known_hosts
SSH_OPTS=(-i "$KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile="$KNOWN"
          -o StrictHostKeyChecking=yes -o ConnectTimeout=10)
FLOOR_SOCK=$WORK/floor.sock
ok=0

node_ip() { echo "$SUBNET.$((10 + $1))"; }

close_ansible_masters() { # ends the ControlPersist masters Ansible left in $WORK/cp
  local s
  for s in "$WORK"/cp/*; do
    [ -S "$s" ] && ssh -o ControlPath="$s" -O exit bench-node >/dev/null 2>&1 || true
  done
}

cleanup() {
  local rc=$?
  set +e
  [ -S "$FLOOR_SOCK" ] && ssh -o ControlPath="$FLOOR_SOCK" -O exit bench-node >/dev/null 2>&1
  close_ansible_masters
  local ids
  ids=$(docker ps -aq --filter "label=$LABEL" 2>/dev/null)
  if [ -n "$ids" ]; then
    log "removing $(echo "$ids" | wc -l) node(s) and network $NET"
    # shellcheck disable=SC2086
    docker rm -f $ids >/dev/null 2>&1
  fi
  # only the benchmark's own network (a foreign one of that name made the run stop before it started)
  [ "$(docker network inspect -f "{{index .Labels \"$LABEL\"}}" "$NET" 2>/dev/null)" = 1 ] && docker network rm "$NET" >/dev/null 2>&1
  if [ $ok -eq 1 ] && [ "${KEEP_WORK:-0}" != 1 ]; then
    rm -rf "$WORK"
  else
    log "work directory kept: $WORK (logs in $WORK/logs)"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_tools_nodes
ensure_jar

# ---- image: built once per change of bench/Dockerfile or bench/entrypoint.sh
IMAGE_HASH=$(cat "$here/Dockerfile" "$here/entrypoint.sh" | sha256sum | cut -c1-12)
IMAGE=pgha-bench-node:$IMAGE_HASH
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "building image $IMAGE from bench/Dockerfile (once)"
  ctx=$WORK/image
  mkdir -p "$ctx"
  cp "$here/Dockerfile" "$here/entrypoint.sh" "$ctx/"
  docker build -q --pull=false --label "$LABEL.image=$IMAGE_HASH" -t "$IMAGE" "$ctx" >"$WORK/logs/image.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/image.log" >&2; die "docker build failed (log: $WORK/logs/image.log)"; }
fi

# ---- leftovers of an interrupted run, then the network
stale=$(docker ps -aq --filter "label=$LABEL")
# shellcheck disable=SC2086
[ -z "$stale" ] || { log "removing nodes left by an earlier run"; docker rm -f $stale >/dev/null; }
if docker network inspect "$NET" >/dev/null 2>&1; then
  [ "$(docker network inspect -f "{{index .Labels \"$LABEL\"}}" "$NET")" = 1 ] \
    || die "a Docker network named $NET exists and is not the benchmark's (no label $LABEL=1)"
  docker network rm "$NET" >/dev/null
fi
if ! docker network create --label "$LABEL=1" --subnet "$SUBNET.0/24" "$NET" >"$WORK/logs/network.log" 2>&1; then
  cat "$WORK/logs/network.log" >&2
  die "cannot create network $NET on $SUBNET.0/24 (in use? choose another with BENCH_SUBNET=A.B.C)"
fi

ssh-keygen -q -t ed25519 -N '' -C "pgha-bench" -f "$KEY"
: >"$KNOWN"
STARTED=0

ensure_nodes() { # ensure_nodes N: nodes 1..N running, sshd answering, host keys in $KNOWN
  local n=$1 i ip t0
  [ "$n" -le "$STARTED" ] && return 0
  t0=$(now_ns)
  for i in $(seq $((STARTED + 1)) "$n"); do
    docker run -d --name "$PREFIX$i" --hostname "n$i" --label "$LABEL=1" \
      --network "$NET" --ip "$(node_ip "$i")" \
      -e AUTHORIZED_KEY="$(cat "$KEY.pub")" "$IMAGE" >/dev/null
  done
  for i in $(seq $((STARTED + 1)) "$n"); do
    ip=$(node_ip "$i")
    local keys="" tries=0
    while [ -z "$keys" ]; do
      keys=$(ssh-keyscan -T 2 "$ip" 2>/dev/null | grep -v '^#' || true)
      [ -n "$keys" ] && break
      tries=$((tries + 1))
      [ $tries -lt 60 ] || die "node n$i ($ip): sshd does not answer (docker logs $PREFIX$i)"
      sleep 0.5
    done
    echo "$keys" >>"$KNOWN"
  done
  # every node answers with the key, and sudo works, before anything is measured
  for i in $(seq $((STARTED + 1)) "$n"); do
    ssh "${SSH_OPTS[@]}" "pgha@$(node_ip "$i")" sudo -n true \
      || die "node n$i: ssh with the bench key or sudo failed"
  done
  log "nodes n$((STARTED + 1))..n$n up ($(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s)"
  STARTED=$n
}

write_inventory() { # write_inventory N -> $WORK/nN/hosts.yml and $WORK/nN/ansible.cfg
  local n=$1 d=$WORK/n$1 i
  mkdir -p "$d"
  {
    echo "# bench/run.sh: $n light SSH nodes, read by pgha and by Ansible alike"
    echo "all:"
    echo "  hosts:"
    for i in $(seq 1 "$n"); do echo "    n$i: {ansible_host: $(node_ip "$i")}"; done
    echo "  vars:"
    echo "    ansible_user: pgha"
    echo "    ansible_ssh_private_key_file: $KEY"
    echo "    ansible_become: true"
    echo "    pgha_known_hosts: $KNOWN"
  } >"$d/hosts.yml"
  # Ansible tuned as its documentation advises for speed: pipelining, ControlPersist, no fact
  # gathering, no interpreter discovery, one fork per host. Host keys checked against the same file.
  cat >"$d/ansible.cfg" <<EOF
[defaults]
forks = $n
gathering = explicit
host_key_checking = True
interpreter_python = /usr/bin/python3
retry_files_enabled = False
local_tmp = $WORK/ansible-local
nocolor = True

[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=$KNOWN -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes
control_path_dir = $WORK/cp
EOF
}

# run_tool TOOL N PLAYBOOK TAG: one run; sets T_S, T_RSS and T_CHANGED (the run's changed count)
run_tool() {
  local tool=$1 n=$2 pb=$here/playbooks/$3 tag=$4
  local d=$WORK/n$n
  if [ "$tool" = pgha ]; then
    run_timed "$tag" env PGHA_JAR="$JAR" "$root/pgha" play "$pb" -i "$d/hosts.yml" --forks "$n"
    T_CHANGED=$(changed_pgha "$WORK/logs/$tag.log")
  else
    run_timed "$tag" env ANSIBLE_CONFIG="$d/ansible.cfg" ansible-playbook -i "$d/hosts.yml" "$pb"
    T_CHANGED=$(changed_ansible "$WORK/logs/$tag.log")
    [ "$ANSIBLE_WARM" = 1 ] || close_ansible_masters
  fi
}

RESULTS=$WORK/results.tsv # tool work n rep seconds rss_kb changed
: >"$RESULTS"
NOTES=$WORK/notes.txt
: >"$NOTES"

# expect TAG CHANGED WANT: a run must have changed exactly WANT (else the comparison is not like for like)
expect() {
  if [ "$2" != "$3" ]; then
    log "WARNING: $1 reported $2 changed, expected $3"
    echo "- $1 reported $2 changed, expected $3 (log kept in the work directory)" >>"$NOTES"
    KEEP_WORK=1
  fi
}

# ---- the floor: one SSH channel round trip over an already open connection, and a fresh connection
ensure_nodes 1
floor_ip=$(node_ip 1)
ssh "${SSH_OPTS[@]}" -o ControlMaster=yes -o ControlPath="$FLOOR_SOCK" -o ControlPersist=yes -fN "pgha@$floor_ip"
floor() { # floor CMD...: median ms of FLOOR_SAMPLES runs of CMD
  local k t0 t1
  for k in $(seq 1 "$FLOOR_SAMPLES"); do
    t0=$(now_ns); "$@" >/dev/null; t1=$(now_ns)
    echo $(( (t1 - t0) / 1000 ))
  done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
FLOOR_CHANNEL=$(floor ssh -o ControlPath="$FLOOR_SOCK" "pgha@$floor_ip" true)
FLOOR_SUDO=$(floor ssh -o ControlPath="$FLOOR_SOCK" "pgha@$floor_ip" sudo -n true)
FLOOR_CONNECT=$(floor ssh "${SSH_OPTS[@]}" -o ControlPath=none "pgha@$floor_ip" true)
ssh -o ControlPath="$FLOOR_SOCK" -O exit bench-node >/dev/null 2>&1 || true
log "floor: ssh channel round trip ${FLOOR_CHANNEL} ms (ssh -S SOCKET host true, open ControlMaster, median of $FLOOR_SAMPLES);" \
    "with sudo -n true ${FLOOR_SUDO} ms; a new connection (handshake, key auth, true) ${FLOOR_CONNECT} ms"

# ---- the measurements
for n in $NS; do
  ensure_nodes "$n"
  write_inventory "$n"
  # converge (b) with each tool, untimed: pgha first, then Ansible must find nothing to change
  run_tool pgha "$n" idem20.yml "n$n-converge-pgha"
  run_tool ansible "$n" idem20.yml "n$n-converge-ansible"
  expect "N=$n: Ansible's idem20.yml right after pgha converged the nodes" "$T_CHANGED" 0
  # warm the page cache for both programs (jar, Python modules), untimed
  run_tool pgha "$n" cmd1.yml "n$n-warm-pgha"
  run_tool ansible "$n" cmd1.yml "n$n-warm-ansible"
  for r in $(seq 1 "$REPEAT"); do
    for w in cmd1 cmd50 idem1 idem20; do
      case $w in cmd1) want=$n ;; cmd50) want=$((50 * n)) ;; *) want=0 ;; esac
      for tool in pgha ansible; do
        run_tool "$tool" "$n" "$w.yml" "n$n-$w-$tool-$r"
        s=$T_S rss=$T_RSS c=$T_CHANGED
        expect "N=$n $w $tool run $r" "$c" "$want"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$w" "$n" "$r" "$s" "$rss" "$c" >>"$RESULTS"
        log "N=$n run $r/$REPEAT $w $tool: $s s, peak RSS $((rss / 1024)) MB, $c changed"
      done
    done
  done
done

# ---- the table
med() { # med TOOL WORK N FIELD(5 seconds, 6 rss)
  awk -F'\t' -v t="$1" -v w="$2" -v n="$3" -v f="$4" '$1 == t && $2 == w && $3 == n { print $f }' "$RESULTS" | median
}
TABLE=$WORK/table.md
{
  echo "| work | N | pgha s | Ansible s | Ansible / pgha | pgha ms per task | Ansible ms per task | Ansible / pgha | pgha peak RSS MB | Ansible peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in $NS; do
    for pair in "cmd1:cmd1:(a) 1 × command" "cmd50:cmd1:(a) 50 × command" "idem1:idem1:(b) 1 × idempotent file" "idem20:idem1:(b) 20 × idempotent file"; do
      w=${pair%%:*}; rest=${pair#*:}; base=${rest%%:*}; label=${rest#*:}
      ps=$(med pgha "$w" "$n" 5); as=$(med ansible "$w" "$n" 5)
      pr=$(med pgha "$w" "$n" 6); ar=$(med ansible "$w" "$n" 6)
      pb=$(med pgha "$base" "$n" 5); ab=$(med ansible "$base" "$n" 5)
      case $w in cmd50) k=49 ;; idem20) k=19 ;; *) k=0 ;; esac
      awk -v label="$label" -v n="$n" -v ps="$ps" -v as="$as" -v pr="$pr" -v ar="$ar" -v pb="$pb" -v ab="$ab" -v k="$k" 'BEGIN {
        if (k > 0) { pt = (ps - pb) * 1000 / k; at = (as - ab) * 1000 / k
          ptask = sprintf("%.1f", pt) (pt <= 0 ? " (noise)" : ""); atask = sprintf("%.1f", at) (at <= 0 ? " (noise)" : "")
          tr = (pt > 0 && at > 0) ? sprintf("%.1f", at / pt) : "n/a" }
        else { ptask = "–"; atask = "–"; tr = "–" }
        printf "| %s | %d | %.2f | %.2f | %.1f | %s | %s | %s | %.0f | %.0f |\n", label, n, ps, as, as / ps, ptask, atask, tr, pr / 1024, ar / 1024 }'
    done
  done
} >"$TABLE"

# pgha prints each task's time on each host: the median of those (first task of each play left out, it
# opens the connection) is a second view of its per-task cost, free of the JVM start's run-to-run noise.
pgha_task_ms() { # pgha_task_ms LOG...: median per-host task time in ms
  awk '/^PLAY / { first = 1; next } /^RECAP/ { first = 0; next }
       /^  [^ ]/ && !/^  host / { if (first) { first = 0; next }
         for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+(ms|s)$/) { v = $i + 0; if ($i !~ /ms$/) v *= 1000; print v } }' "$@" | median
}
OWN=$WORK/own.md
{
  for n in $NS; do
    c=$(pgha_task_ms "$WORK"/logs/n"$n"-cmd50-pgha-*.log); i=$(pgha_task_ms "$WORK"/logs/n"$n"-idem20-pgha-*.log)
    printf -- "- N=%s: pgha's own task times (its console, per host, median over tasks 2.. of the timed runs): %.0f ms per \`command\` task, %.0f ms per idempotent file task\n" "$n" "$c" "$i"
  done
} >"$OWN"

echo
echo "pgha vs Ansible, same playbooks and nodes; median of $REPEAT run(s); ms per task = (t_50 - t_1)/49 or (t_20 - t_1)/19, hosts in parallel"
if command -v column >/dev/null; then column -t -s'|' -o'|' "$TABLE"; else cat "$TABLE"; fi
echo
echo "floor on this machine: one SSH channel round trip over an open connection ${FLOOR_CHANNEL} ms; with sudo -n true ${FLOOR_SUDO} ms; a new SSH connection ${FLOOR_CONNECT} ms"
cat "$OWN"
grep -q "(noise)" "$TABLE" && echo "(noise): the two runs' difference is below the run-to-run noise here; more REPEAT narrows it"
[ -s "$NOTES" ] && { echo "warnings:"; cat "$NOTES"; }

# ---- BENCHMARKS.md
quick=""
if [ "$REPEAT" -lt 3 ] || [ "$NS" != "$DEFAULT_NS" ]; then
  quick="**Quick run** (REPEAT=$REPEAT, N = $NS), not the full benchmark: to be replaced by a run of \`bench/run.sh\` with the defaults (N = $DEFAULT_NS, median of 3)."
fi
BODY=$WORK/section.md
{
  echo "## pgha and Ansible, same playbooks, same SSH nodes (\`bench/run.sh\`)"
  echo
  [ -n "$quick" ] && { echo "$quick"; echo; }
  [ -n "${BENCH_NOTE:-}" ] && { echo "$BENCH_NOTE"; echo; }
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); command: \`$(command_line)\`; took $(( ($(date +%s) - START_S + 30) / 60 )) min"
  machine_lines
  echo "- nodes: N containers \`$PREFIX*\` from \`bench/Dockerfile\` (Debian 12, sshd as PID 1, sudo, python3; no systemd) on Docker network \`$NET\` ($SUBNET.0/24), all on this same machine, so the nodes' sshd, sudo and python share its $(nproc) CPUs with the controller. That weighs more on Ansible, which starts a Python interpreter on the node for every task on every host, than on pgha (a \`/bin/sh\` per task); with real hosts each brings its own CPU"
  echo "- pgha: \`PGHA_JAR=COPY ./pgha play PLAYBOOK -i hosts.yml --forks N\` (that is \`./pgha play\` on a copy of the jar: its JVM options and class-data archive, JVM start included)"
  echo "- Ansible: \`ansible-playbook -i hosts.yml PLAYBOOK\` with pipelining, \`ssh_args = -o ControlMaster=auto -o ControlPersist=60s\`, \`gathering = explicit\` (and \`gather_facts: false\` in the plays), \`forks = N\`, \`interpreter_python = /usr/bin/python3\` (no discovery), host keys checked against the same known_hosts as pgha; $( [ "$ANSIBLE_WARM" = 1 ] && echo 'ControlPersist connections kept from one run to the next (ANSIBLE_WARM=1)' || echo 'its ControlPersist connections closed after each run, so every timed run of either tool opens its connections (ANSIBLE_WARM=1 keeps them)')"
  echo "- the same YAML files for both tools: [bench/playbooks/](bench/playbooks/), every task with \`become: true\` (sudo to root). (a) \`cmd1.yml\`, \`cmd50.yml\`: \`command: \"true\"\`; (b) \`idem1.yml\`, \`idem20.yml\`: \`file\` (directories, attributes) and \`lineinfile\` (with \`create\`, \`regexp\`), converged first (by pgha, then Ansible must report 0 changed), and timed when nothing changes; every timed run's changed count is checked (N for \`cmd1.yml\`, 50 × N for \`cmd50.yml\`, 0 for (b); warnings of this run: $(grep -c . "$NOTES" || true))"
  echo "- wall: median of $REPEAT run(s), the tools' runs interleaved, after one untimed warm-up run each; ms per task = (t_50 - t_1) / 49 for (a) and (t_20 - t_1) / 19 for (b) (t_1 = \`idem1.yml\`, the first task of (b) alone): hosts run in parallel, so that is the cost of one task on all N hosts, start-up and connections cancelled out"
  echo "- peak RSS: \`/usr/bin/time -v\`'s \"Maximum resident set size\" of the controller, median over the runs. For pgha that is the one JVM. Ansible forks a worker per host and task: the figure is its largest single process (that is what /usr/bin/time reports), not the sum over its processes"
  echo "- the floor on this machine: one SSH channel round trip over an already open connection (\`ssh -S SOCKET host true\`, OpenSSH ControlMaster, median of $FLOOR_SAMPLES): **${FLOOR_CHANNEL} ms**; with \`sudo -n true\`: ${FLOOR_SUDO} ms; a new SSH connection (handshake, key authentication, \`true\`): ${FLOOR_CONNECT} ms"
  echo
  cat "$TABLE"
  echo
  if grep -q "(noise)" "$TABLE"; then
    echo "(noise): t_50 - t_1 (or t_20 - t_1) came out at or below zero: the difference is smaller than the run-to-run noise of a run (mostly process start and connection setup on a busy machine); more repeats (REPEAT) narrow it. pgha's own task times below are free of that noise."
    echo
  fi
  cat "$OWN"
  if [ -s "$NOTES" ]; then echo; echo "Warnings of this run:"; echo; cat "$NOTES"; fi
} >"$BODY"
write_section nodes "$BODY"
log "written to $OUT (section nodes); took $(( $(date +%s) - START_S )) s"
ok=1
