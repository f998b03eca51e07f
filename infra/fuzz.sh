#!/usr/bin/env bash
# Property-based fuzzing of the API from its own OpenAPI document (schemathesis), against a real
# `nourx up`: the debug binary with the demo data, on a throw-away data directory and free ports.
#
#   infra/fuzz.sh                      the CI run: fixed seed, 75 s per logged-in session, ~3 min
#   FUZZ_SECONDS=600 infra/fuzz.sh     a longer run (seconds per logged-in session)
#   FUZZ_SEED=7 infra/fuzz.sh          another seed (FUZZ_EXAMPLES: cases per operation and pass)
#   infra/fuzz.sh --include-path-regex tickets   extra arguments go to every `st run`
#
# Three sessions: anonymous (the public operations: login, password reset, invitations, CinetPay's
# notification and return, probes), a client (awa@akwaba.demo) and NOURX staff (admin@nourx.demo),
# the last two with their session cookie and the CSRF cookie and header, as the web app sends
# them. Phases: the documented examples, coverage (boundaries and invalid values of every
# parameter and field, missing bodies, undocumented methods), then fuzzing repeated until the
# budget is spent; infra/fuzz_hooks.py adds a NUL character to one string in about a case in
# four. Checks: no 5xx (and no panic or 500 in the API's log), every status code documented,
# bodies, content types and headers as documented, 405 with an exact `Allow` for undocumented
# methods. Failures are listed with a curl command to reproduce; the reports (JUnit, NDJSON) and
# the API's log stay in target/fuzz/.
#
# schemathesis comes from PyPI, pinned with its dependencies (infra/fuzz-requirements.txt),
# installed once into target/fuzz-venv (later runs need no network). NOURX_BIN picks the API binary (default: the
# debug build, built when needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCHEMATHESIS_VERSION=4.32.5
VENV=$ROOT/target/fuzz-venv
OUT=$ROOT/target/fuzz
SEED=${FUZZ_SEED:-20261207}
EXAMPLES=${FUZZ_EXAMPLES:-15}
# Seconds for each logged-in session (the anonymous one gets a fifth): schemathesis repeats its
# fuzzing phase with new cases until the budget is spent.
BUDGET=${FUZZ_SECONDS:-75}

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# ---- schemathesis and its dependencies, pinned, installed once (per checkout of target/) ----
REQUIREMENTS=$ROOT/infra/fuzz-requirements.txt
if ! cmp -s "$REQUIREMENTS" "$VENV/nourx-requirements.txt" || ! "$VENV/bin/st" --version >/dev/null 2>&1; then
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into target/fuzz-venv (infra/fuzz-requirements.txt)"
  command -v python3 >/dev/null || { echo "python3 (3.10 or newer) is needed for the fuzzing" >&2; exit 1; }
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$VENV/nourx-requirements.txt"
fi
"$VENV/bin/st" --version | grep -q "$SCHEMATHESIS_VERSION" || { echo "infra/fuzz-requirements.txt pins another schemathesis" >&2; exit 1; }

# ---- the API, with the demo data, on free ports and a throw-away data directory ----
if [ -z "${NOURX_BIN:-}" ]; then
  cargo build --quiet -p nourx-server
  NOURX_BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/nourx
fi
read -r API_PORT SANDBOX_PORT < <("$VENV/bin/python" -c '
import socket
ports = []
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0)); ports.append(s.getsockname()[1])
for s in sockets:
    s.close()
print(*ports)')
API=http://127.0.0.1:$API_PORT
RUN_DIR=$(mktemp -d /tmp/nourx-fuzz.XXXXXX)
chmod 755 "$RUN_DIR" # the embedded cluster runs as the postgres user when we are root
rm -rf "$OUT" && mkdir -p "$OUT"
API_PID=""
cleanup() {
  local status=$?
  set +e
  if [ -n "$API_PID" ]; then
    kill -INT "$API_PID" 2>/dev/null # SIGINT stops the PostgreSQL cluster cleanly
    wait "$API_PID" 2>/dev/null
  fi
  cp "$RUN_DIR/api.log" "$OUT/api.log" 2>/dev/null
  if [ "$status" -ne 0 ]; then
    say "failed; server errors in the API log, if any (target/fuzz/api.log):"
    grep -E "request failed|panicked at" "$RUN_DIR/api.log" 2>/dev/null | tail -n 10
  fi
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "API $API ($NOURX_BIN), data in $RUN_DIR"
boot=$SECONDS
NOURX_DATA_DIR=$RUN_DIR/data NOURX_API_ADDR=127.0.0.1:$API_PORT CINETPAY_SANDBOX_ADDR=127.0.0.1:$SANDBOX_PORT \
  RUST_LOG=${RUST_LOG:-warn} "$NOURX_BIN" up </dev/null >"$RUN_DIR/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$API/api/ready/" && break
  kill -0 "$API_PID" 2>/dev/null || { say "the API stopped:"; tail -n 20 "$RUN_DIR/api.log"; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null "$API/api/ready/" || { say "the API did not become ready"; exit 1; }
curl -sf "$API/api/openapi.json" -o "$OUT/openapi.json"
say "API ready with the demo data in $((SECONDS - boot)) s"

# Logs in through the API and prints the headers of that session: its cookie, the CSRF cookie
# and the CSRF header (as the web app sends them). Without an email: a visitor's headers, the
# CSRF cookie and header alone (what the login page has before logging in).
session_headers() { # [email password]
  local jar=$RUN_DIR/cookies-${1:-anonymous} csrf session
  curl -sf -c "$jar" -o /dev/null "$API/api/auth/csrf/"
  csrf=$(awk '$6 == "csrftoken" { print $7 }' "$jar")
  if [ $# -eq 0 ]; then
    [ -n "$csrf" ] || { echo "no CSRF cookie from /api/auth/csrf/" >&2; return 1; }
    printf '%s\n' "Cookie: csrftoken=$csrf" "X-CSRFToken: $csrf"
    return 0
  fi
  curl -sf -b "$jar" -c "$jar" -o /dev/null -H 'Content-Type: application/json' -H "X-CSRFToken: $csrf" \
    -d "{\"email\": \"$1\", \"password\": \"$2\"}" "$API/api/auth/login/"
  csrf=$(awk '$6 == "csrftoken" { print $7 }' "$jar")
  session=$(awk '$6 == "sessionid" { print $7 }' "$jar")
  [ -n "$session" ] && [ -n "$csrf" ] || { echo "login of $1 failed" >&2; return 1; }
  printf '%s\n' "Cookie: sessionid=$session; csrftoken=$csrf" "X-CSRFToken: $csrf"
}

# Operations left out, and why (each would end the session the run is using, and every later
# case would be a 401):
# - POST /api/auth/logout/;
# - DELETE /api/me/sessions/{id}/, which ends the current session when given its id (the run
#   reads the ids from GET /api/me/sessions/);
# - POST /api/auth/login/ and /api/auth/login/two-factor/ in the logged-in runs: the documented
#   example logs in as the demo client, which replaces the run's session; they are fuzzed in the
#   anonymous run instead;
# - GET /api/events/, the live event stream, which never ends (tests/api/events.rs checks it).
EXCLUDED=(--exclude-path /api/auth/logout/ --exclude-path '/api/me/sessions/{id}/' --exclude-path /api/events/)
LOGGED_IN_EXCLUDED=(--exclude-path /api/auth/login/ --exclude-path /api/auth/login/two-factor/)
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,unsupported_method,allow_header_conformance
PUBLIC='^/api/(auth/(csrf|login|password-reset|invitations)|health|ready|payments/(webhook|return)|branding)/'

TOTAL_FAILED=0
run() { # name seconds [st args…]
  local name=$1 budget=$2 started=$SECONDS status=0; shift 2
  say "session: $name ($budget s)"
  # One worker: Hypothesis' threads race in its own code now and then (a spurious error). Run from
  # target/fuzz, where schemathesis keeps its cache (emptied by every run: the same cases each time).
  (cd "$OUT" && SCHEMATHESIS_HOOKS=fuzz_hooks PYTHONPATH=$ROOT/infra PYTHONDONTWRITEBYTECODE=1 \
    timeout $((budget + 60)) "$VENV/bin/st" run "$OUT/openapi.json" --url "$API" --seed "$SEED" \
    --max-examples "$EXAMPLES" --max-time "$budget" \
    --checks "$CHECKS" --workers 1 --phases examples,coverage,fuzzing --no-shrink \
    --request-timeout 30 --suppress-health-check all --warnings off \
    --report junit,ndjson --report-dir "$OUT/$name" "${EXCLUDED[@]}" "$@" </dev/null >"$OUT/$name.log" 2>&1) || status=$?
  sed -n '/^=* *SUMMARY/,$p' "$OUT/$name.log" | grep -vE '^\s*$' | head -n 40
  say "$name: exit $status in $((SECONDS - started)) s (log: target/fuzz/$name.log)"
  [ "$status" -eq 0 ] || TOTAL_FAILED=$((TOTAL_FAILED + 1))
}

as_headers() { # variable [email password]: sets the variable to the -H arguments of that session
  local -n headers=$1
  shift
  headers=()
  while IFS= read -r line; do headers+=(-H "$line"); done < <(session_headers "$@")
  [ "${#headers[@]}" -eq 4 ]
}

# Both logins first: the anonymous run's failed logins could throttle the demo accounts.
as_headers CLIENT_HEADERS awa@akwaba.demo demo-client-2026
as_headers STAFF_HEADERS admin@nourx.demo demo-admin-2026
as_headers VISITOR_HEADERS
started=$SECONDS
run anonymous $((BUDGET >= 5 ? BUDGET / 5 : 1)) "${VISITOR_HEADERS[@]}" --include-path-regex "$PUBLIC" "$@"
run client "$BUDGET" "${CLIENT_HEADERS[@]}" "${LOGGED_IN_EXCLUDED[@]}" "$@"
run staff "$BUDGET" "${STAFF_HEADERS[@]}" "${LOGGED_IN_EXCLUDED[@]}" "$@"

if grep -qE "request failed|panicked at" "$RUN_DIR/api.log"; then
  say "the API logged server errors:"
  grep -E "request failed|panicked at" "$RUN_DIR/api.log" | tail -n 10
  TOTAL_FAILED=$((TOTAL_FAILED + 1))
fi
say "done in $((SECONDS - started)) s: $TOTAL_FAILED failing session(s)"
[ "$TOTAL_FAILED" -eq 0 ]
