#!/usr/bin/env bash
# The cluster test (docs/scaling.md): PostgreSQL from Debian's packages and an S3 server (s3s-fs
# from crates.io) on loopback, receiver instances sharing them, and 32 clients sending whole
# packages to the instances in turn with retries (tests/cluster/clients.mjs). With --chaos, every
# few seconds one instance is killed with `kill -9` and started again, and the database is
# stopped at once (as by a crash) and restarted once. Afterwards the clean-up runs, a day's export
# copies every file back out of the bucket, and tests/cluster/verify.mjs checks that every package
# a client was answered for is stored exactly once with its receipt and correct files, that no
# receipt number is repeated or skipped, and that no orphaned file remains. Logs: target/cluster/.
#   scripts/cluster.sh                    the short test (test.sh runs it): 3 instances, chaos, 20 s
#   scripts/cluster.sh --scaling 30       the benchmark (bench.sh): packages/s for 1, 2 and 3 instances
# Options: --instances N, --seconds S, --clients C, --no-chaos, --release (the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/scaled.sh

instances=3 seconds=20 clients=32 chaos=1 profile=debug scaling=""
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --clients) clients="$2"; shift ;;
    --no-chaos) chaos=0 ;;
    --release) profile=release ;;
    --scaling) scaling="$2"; profile=release; chaos=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$profile" = release ]; then cargo build --quiet --release -p zhicheng_receiver; else cargo build --quiet -p zhicheng_receiver; fi
BIN="$CARGO_TARGET/$profile/zhicheng-receiver"
LOGS="$CARGO_TARGET/cluster"
rm -rf "$LOGS" && mkdir -p "$LOGS"
WORK="$(mktemp -d /tmp/zhicheng-cluster.XXXXXX)"
PIDS=() PORTS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  stop_s3; stop_postgres; rm -rf "$WORK"
}
trap cleanup EXIT

start_postgres
start_s3
DATABASE="$ZHICHENG_TEST_DATABASE"
FILES="s3://zhicheng/cluster"
BUCKET="$S3_ROOT/zhicheng/cluster"

# Instance $1 on its port, with a data folder of its own for temporary files only; started again
# until it answers (it cannot start while the database is down).
start_instance() {
  local i="$1"
  for _ in $(seq 60); do
    "$BIN" serve --addr "127.0.0.1:${PORTS[$i]}" --data "$WORK/instance-$i" --forms public/forms \
      --database "$DATABASE" --files "$FILES" --rate 100000 --burst 100000 >>"$LOGS/instance-$i.log" 2>&1 &
    PIDS[$i]=$!
    for _ in $(seq 50); do
      curl -fs "http://127.0.0.1:${PORTS[$i]}/v1/capabilities" >/dev/null 2>&1 && return 0
      kill -0 "${PIDS[$i]}" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "${PIDS[$i]}" 2>/dev/null || true
    wait "${PIDS[$i]}" 2>/dev/null || true
    sleep 0.5
  done
  echo "instance $i did not start (see $LOGS/instance-$i.log)" >&2
  return 1
}

# Starts $1 instances together (their migrations race: one runs them, the others wait).
start_instances() {
  PORTS=() PIDS=()
  for i in $(seq 0 $(($1 - 1))); do PORTS[$i]="$(free_port)"; done
  local starting=()
  for i in $(seq 0 $(($1 - 1))); do start_instance "$i" & starting+=($!); done
  # Only these: a bare `wait` would also wait for the S3 server.
  for pid in "${starting[@]}"; do wait "$pid"; done
  # The background starts set PIDS in subshells: read the real ones back from the ports.
  for i in $(seq 0 $(($1 - 1))); do PIDS[$i]="$(pgrep -f -- "--addr 127.0.0.1:${PORTS[$i]} " | head -1)"; done
}

stop_instances() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  PIDS=()
}

urls() { local list="" i; for i in "${!PORTS[@]}"; do list+="${list:+,}http://127.0.0.1:${PORTS[$i]}/"; done; echo "$list"; }

# CPU seconds the processes $@ have used so far (user and system, from /proc).
cpu_seconds() {
  local ticks=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
postgres_pids() { local main; main="$(head -1 "$PG_DATA/postmaster.pid")"; echo "$main" $(pgrep -P "$main"); }
spent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [ -n "$scaling" ]; then
  echo "Receiver instances sharing PostgreSQL and an S3 bucket ($clients clients, ${scaling} s each, release build, $(nproc) cores):"
  for n in 1 2 3; do
    start_instances "$n"
    before=("$(cpu_seconds "${PIDS[@]}")" "$(cpu_seconds $(postgres_pids))" "$(cpu_seconds "$S3_PID")")
    report="$(URLS="$(urls)" CLIENTS="$clients" DURATION="$scaling" node tests/cluster/clients.mjs)"
    after=("$(cpu_seconds "${PIDS[@]}")" "$(cpu_seconds $(postgres_pids))" "$(cpu_seconds "$S3_PID")")
    line="$(head -1 <<<"$report")"
    printf '  %d instance(s): %s\n' "$n" "${line#* packages answered in }"
    used=("$(spent "${before[0]}" "${after[0]}")" "$(spent "${before[1]}" "${after[1]}")" "$(spent "${before[2]}" "${after[2]}")"
      "$(tail -1 <<<"$report" | sed 's/.*CPU: *\([0-9.]*\) s/\1/')")
    total="$(awk -v a="${used[0]}" -v b="${used[1]}" -v c="${used[2]}" -v d="${used[3]}" 'BEGIN { printf "%.1f", a + b + c + d }')"
    printf '     CPU seconds: receivers %s, PostgreSQL %s, S3 server %s, clients %s: %s of the %d the cores had\n' \
      "${used[@]}" "$total" "$(( $(nproc) * scaling ))"
    stop_instances
  done
  echo "  What limits it here: one $(nproc)-core machine runs PostgreSQL, the S3 server, the clients and every instance,"
  echo "  and together they use the cores the whole time (the CPU seconds above against $(nproc) × ${scaling} s): more"
  echo "  instances only share the same cores. On separate machines each instance brings its own."
  exit 0
fi

echo "==> Cluster test: $instances instances, $clients clients, $seconds s$( [ "$chaos" = 1 ] && echo ', kill -9 every few seconds, one database crash')"
start_instances "$instances"
ANSWERS="$WORK/answers.jsonl"
URLS="$(urls)" CLIENTS="$clients" DURATION="$seconds" ANSWERS="$ANSWERS" node tests/cluster/clients.mjs >"$LOGS/clients.log" 2>&1 &
clients_pid=$!
if [ "$chaos" = 1 ]; then
  round=0
  while kill -0 "$clients_pid" 2>/dev/null; do
    sleep 2.5
    kill -0 "$clients_pid" 2>/dev/null || break
    round=$((round + 1))
    victim=$((RANDOM % instances))
    echo "$(date +%T) kill -9 instance $victim (pid ${PIDS[$victim]})" >>"$LOGS/chaos.log"
    kill -9 "${PIDS[$victim]}" 2>/dev/null || true
    wait "${PIDS[$victim]}" 2>/dev/null || true
    if [ "$round" = 3 ]; then
      echo "$(date +%T) database stopped at once and restarted" >>"$LOGS/chaos.log"
      restart_postgres
    fi
    start_instance "$victim"
    echo "$(date +%T) instance $victim back (pid ${PIDS[$victim]})" >>"$LOGS/chaos.log"
  done
fi
wait "$clients_pid" || { cat "$LOGS/clients.log"; echo "the clients failed" >&2; exit 1; }
cat "$LOGS/clients.log"
[ "$chaos" = 0 ] || echo "  chaos: $(grep -c 'kill -9' "$LOGS/chaos.log") instances killed, $(grep -c database "$LOGS/chaos.log") database crash"
stop_instances

# The clean-up, by the operator's command (instances do it every ten minutes): files put by an
# instance killed before it recorded them belong to nobody and go. One such file is planted, as
# a crash between the put and the record leaves it, so the clean-up is seen to work every time.
planted="$(head -c 32 /dev/urandom | sha256sum | cut -d' ' -f1)"
head -c 1000 /dev/urandom >"$BUCKET/$planted"
# And something not named by a hash (an operator's note beside the files) must be left alone.
echo "not a package's file" >"$BUCKET/operator-notes.txt"
"$BIN" prune --data "$WORK/operator" --database "$DATABASE" --files "$FILES" | tee -a "$LOGS/operator.log"
exports=()
for day in $(node -e 'const fs=require("fs");const days=new Set(fs.readFileSync(process.argv[1],"utf8").split("\n").filter(Boolean).map(l=>JSON.parse(l).receipt.slice(2,10)));console.log([...days].join(" "))' "$ANSWERS"); do
  "$BIN" export "$day" --copy-files "$WORK/copied" --data "$WORK/operator" --database "$DATABASE" --files "$FILES" \
    >"$WORK/export-$day.jsonl" 2>>"$LOGS/operator.log"
  exports+=("$WORK/export-$day.jsonl")
done
[ ! -e "$BUCKET/$planted" ] || { echo "the clean-up left the planted orphan $planted" >&2; exit 1; }
[ -e "$BUCKET/operator-notes.txt" ] || { echo "the clean-up deleted an object not named by a hash" >&2; exit 1; }
ANSWERS="$ANSWERS" EXPORTS="$(IFS=,; echo "${exports[*]}")" COPIED="$WORK/copied" BUCKET="$BUCKET" \
  node tests/cluster/verify.mjs | tee "$LOGS/verdict.log"
