#!/usr/bin/env bash
# Load tests on a release build over the embedded PostgreSQL cluster, with the demo data
# plus `seed --demo --scale 2000` (2 000 clients, ~10 users, ~100 tasks and 30 invoices each).
# Installs wrk from Debian when missing. Prints req/s, p50, p99 and the API's peak RSS, and the
# PDF render time of a 10-line and a 60-line invoice (crates/pdf/examples/bench.rs), and the payment
# webhook throughput and settlement latency (crates/server/examples/payments_bench.rs).
#
#   ./x bench [duration-seconds] [connections]
#   NOURX_BENCH_ONLY=support ./x bench 10    only the support desk and pipeline endpoints
#   NOURX_BENCH_ONLY=events ./x bench        only the live event streams
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${1:-15}
CONNECTIONS=${2:-32}
SCALE=${NOURX_BENCH_SCALE:-2000}
ONLY=${NOURX_BENCH_ONLY:-}
ADDR=127.0.0.1:18000
DATA=$ROOT/target/bench-data
export NOURX_DATA_DIR=$DATA NOURX_API_ADDR=$ADDR

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

echo "==> building the release binary (and the event streams' load generator)"
cargo build --release --quiet -p nourx-server
if [ -z "$ONLY" ] || [ "$ONLY" = events ]; then cargo build --release --quiet -p nourx-server --example events_bench; fi

PDF_RESULTS="" PAYMENT_RESULTS=""
if [ -z "$ONLY" ]; then
  # Before the API starts, so the renders have the two cores to themselves.
  echo "==> PDF render time (crates/pdf, release, warm: median and p95 over 200 renders)"
  PDF_RESULTS=$(cargo run --release -q -p nourx-pdf --example bench)
  echo "$PDF_RESULTS"

  echo "==> payments: webhook throughput and settlement latency (crates/server/examples/payments_bench.rs, release)"
  PAYMENT_RESULTS=$(cargo run --release -q -p nourx-server --example payments_bench 2>/dev/null)
  echo "$PAYMENT_RESULTS"
fi

echo "==> scale data: $SCALE clients (once)"
RUST_LOG=warn "${CARGO_TARGET_DIR:-$ROOT/target}/release/nourx" seed --demo --scale "$SCALE"

echo "==> starting nourx on $ADDR"
LOG_FORMAT=json RUST_LOG=info "${CARGO_TARGET_DIR:-$ROOT/target}/release/nourx" up >"$ROOT/target/bench-api.log" 2>&1 &
API_PID=$!
trap 'kill -INT $API_PID 2>/dev/null || true; wait $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://$ADDR/api/ready/" >/dev/null 2>&1 && break
  kill -0 $API_PID 2>/dev/null || { cat "$ROOT/target/bench-api.log"; exit 1; }
  sleep 0.2
done

login() { # email password → sessionid
  local jar csrf
  jar=$(mktemp)
  curl -fsS -c "$jar" -b "$jar" "http://$ADDR/api/auth/csrf/" >/dev/null
  csrf=$(awk '$6 == "csrftoken" {print $7}' "$jar")
  curl -fsS -c "$jar" -b "$jar" -H "X-CSRFToken: $csrf" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "http://$ADDR/api/auth/login/" >/dev/null
  awk '$6 == "sessionid" {print $7}' "$jar"
  rm -f "$jar"
}

CLIENT=$(login user2@echelle00001.demo demo-client-2026)
AWA=$(login awa@akwaba.demo demo-client-2026)
ADMIN=$(login admin@nourx.demo demo-admin-2026)

RESULTS=()
bench() { # label session path [connections]
  local out rps p50 p99 non2xx
  curl -fsS -o /dev/null -H "Cookie: sessionid=$2" "http://$ADDR$3"
  out=$(wrk -t2 -c"${4:-$CONNECTIONS}" -d"${DURATION}s" --latency -H "Cookie: sessionid=$2" "http://$ADDR$3")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  RESULTS+=("$(printf '%-40s %-8s req/s=%-9s p50=%-8s p99=%-9s non-2xx=%s' "$3" "$1" "$rps" "$p50" "$p99" "${non2xx:-0}")")
  echo "${RESULTS[-1]}"
}

echo "==> wrk, ${DURATION}s per endpoint, $CONNECTIONS connections"
if [ -z "$ONLY" ]; then
bench "client" "$AWA" "/api/me/"
bench "client" "$CLIENT" "/api/tasks/?page_size=25"
bench "client" "$CLIENT" "/api/projects/"
bench "admin" "$ADMIN" "/api/tasks/?page_size=25"
bench "admin" "$ADMIN" "/api/projects/"
bench "client" "$CLIENT" "/api/invoices/?page_size=25"
bench "admin" "$ADMIN" "/api/invoices/?page_size=25"
# The dashboard's figures (issue 14: p99 <= 50 ms at 8 connections on --scale 2000, ~60 000 invoices).
bench "admin" "$ADMIN" "/api/admin/kpis/" 8
bench "admin" "$ADMIN" "/api/admin/kpis/?period=year" 8
# The staff search (issue 14: under 100 ms on the scale data): an exact number, a name, a broad prefix.
bench "admin" "$ADMIN" "/api/admin/search/?q=NX-E01062-015" 8
bench "admin" "$ADMIN" "/api/admin/search/?q=elephant" 8
bench "admin" "$ADMIN" "/api/admin/search/?q=nx-e01" 8
# The staff's global board (issue 15: first page p99 <= 30 ms at 8 connections over ~200 000
# tasks), a column unfiltered and filtered by assignee (a third of the tasks are the admin's).
ADMIN_ID=$(curl -fsS -H "Cookie: sessionid=$ADMIN" "http://$ADDR/api/me/" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
bench "admin" "$ADMIN" "/api/tasks/?status=todo&ordering=board&page_size=50" 8
bench "admin" "$ADMIN" "/api/tasks/?status=todo&ordering=board&page_size=50&assigned_to=$ADMIN_ID" 8
bench "admin" "$ADMIN" "/api/admin/workload/" 8
# The billing desk (issue 16): the staff invoice list at 8 connections (p99 <= 30 ms over ~60 000
# invoices), the filtered set's totals, and the accountant's CSV export of every invoice, streamed
# (time, size, and the API's resident memory sampled during it: it must not hold the invoices).
bench "admin" "$ADMIN" "/api/invoices/?page_size=25" 8
bench "admin" "$ADMIN" "/api/admin/invoices/totals/?status=unpaid" 8
fi
# The support desk and the pipeline (issue 17: p99 <= 30 ms at 8 connections over ~200 000
# tickets and ~20 000 prospects): the inbox by time left, at risk, unassigned; the board; a list.
if [ -z "$ONLY" ] || [ "$ONLY" = support ]; then
bench "admin" "$ADMIN" "/api/tickets/?status=open&ordering=time_left&page_size=25" 8
bench "admin" "$ADMIN" "/api/tickets/?at_risk=true&ordering=time_left&page_size=25" 8
bench "admin" "$ADMIN" "/api/tickets/?unassigned=true&ordering=time_left&page_size=25" 8
bench "admin" "$ADMIN" "/api/admin/pipeline/" 8
bench "admin" "$ADMIN" "/api/admin/prospects/?page_size=25&ordering=-estimated_value" 8
fi
# Live events (issue 18): 2 000 streams open, memory per stream, and the time from a change to
# its delivery while 200 changes a second are made (crates/server/examples/events_bench.rs).
if [ -z "$ONLY" ] || [ "$ONLY" = events ]; then
  echo "==> live events: 2 000 streams, 200 changes/s (crates/server/examples/events_bench.rs, release)"
  EVENTS_RESULTS=$(NOURX_BENCH_ADDR=$ADDR NOURX_BENCH_API_PID=$API_PID "${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/events_bench")
  echo "$EVENTS_RESULTS"
  RESULTS+=("$EVENTS_RESULTS")
fi
if [ -z "$ONLY" ]; then
RSS_BEFORE_KB=$(awk '/VmRSS/ {print $2}' "/proc/$API_PID/status")
( peak=0; while kill -0 $API_PID 2>/dev/null && [ ! -e "$ROOT/target/bench-export.done" ]; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$API_PID/status"); [ "$rss" -gt "$peak" ] && peak=$rss
    echo "$peak" >"$ROOT/target/bench-export.peak"; sleep 0.05; done ) &
EXPORT=$(curl -fsS -o "$ROOT/target/bench-export.csv" -w '%{time_total} %{size_download}' \
  -H "Cookie: sessionid=$ADMIN" "http://$ADDR/api/admin/invoices/export/")
touch "$ROOT/target/bench-export.done"; sleep 0.2
PEAK_KB=$(cat "$ROOT/target/bench-export.peak"); rm -f "$ROOT/target/bench-export.done"
EXPORT_LINES=$(($(wc -l <"$ROOT/target/bench-export.csv") - 1))
RESULTS+=("$(printf 'CSV export: %s invoices in %s s, %s bytes; API RSS %s MiB before, %s MiB peak during' \
  "$EXPORT_LINES" "${EXPORT%% *}" "${EXPORT##* }" "$((RSS_BEFORE_KB / 1024))" "$((PEAK_KB / 1024))")")
echo "${RESULTS[-1]}"

fi

RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")
echo
printf '%s\n' "${RESULTS[@]}"
echo "$PDF_RESULTS"
echo "$PAYMENT_RESULTS"
echo "peak RSS of the API: $((RSS_KB / 1024)) MiB"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(uname -sr)"
