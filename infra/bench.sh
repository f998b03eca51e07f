#!/usr/bin/env bash
# Load test of GET /api/me/ (session lookup + user + memberships) on a release build
# over the embedded PostgreSQL cluster. Installs wrk from Debian when missing.
#
#   ./x bench [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${1:-20}
CONNECTIONS=${2:-32}
ADDR=127.0.0.1:18000
DATA=$ROOT/target/bench-data

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

echo "==> building the release binary"
cargo build --release --quiet -p nourx-server

echo "==> starting nourx on $ADDR (data in $DATA)"
NOURX_DATA_DIR=$DATA NOURX_API_ADDR=$ADDR LOG_FORMAT=json RUST_LOG=info \
  "$ROOT/target/release/nourx" up >"$ROOT/target/bench-api.log" 2>&1 &
API_PID=$!
trap 'kill -INT $API_PID 2>/dev/null || true; wait $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://$ADDR/api/ready/" >/dev/null 2>&1 && break
  kill -0 $API_PID 2>/dev/null || { cat "$ROOT/target/bench-api.log"; exit 1; }
  sleep 0.2
done

JAR=$(mktemp)
curl -fsS -c "$JAR" -b "$JAR" "http://$ADDR/api/auth/csrf/" >/dev/null
CSRF=$(awk '$6 == "csrftoken" {print $7}' "$JAR")
curl -fsS -c "$JAR" -b "$JAR" -H "X-CSRFToken: $CSRF" -H 'Content-Type: application/json' \
  -d '{"email":"awa@akwaba.demo","password":"demo-client-2026"}' "http://$ADDR/api/auth/login/" >/dev/null
SESSION=$(awk '$6 == "sessionid" {print $7}' "$JAR")
rm -f "$JAR"
curl -fsS -H "Cookie: sessionid=$SESSION" "http://$ADDR/api/me/" >/dev/null

echo "==> wrk: GET /api/me/ for ${DURATION}s with $CONNECTIONS connections"
OUT=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: sessionid=$SESSION" "http://$ADDR/api/me/")
echo "$OUT"
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")
RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
P50=$(echo "$OUT" | awk '$1 == "50%" {print $2}')
P99=$(echo "$OUT" | awk '$1 == "99%" {print $2}')
NON2XX=$(echo "$OUT" | awk '/Non-2xx/ {print $NF}')
echo
echo "GET /api/me/  req/s=$RPS  p50=$P50  p99=$P99  peak RSS=$((RSS_KB / 1024)) MiB  non-2xx=${NON2XX:-0}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(uname -sr)"
