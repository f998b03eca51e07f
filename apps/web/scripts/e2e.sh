#!/usr/bin/env bash
# End-to-end run in a real Chromium: builds the web app, starts the API with demo data on a
# throw-away embedded PostgreSQL, serves the app, runs Playwright, and stops everything.
#
#   bash scripts/e2e.sh [playwright args…]     e.g. --project=phone, -g "wrong password"
#   bash scripts/e2e.sh --budget [--lighthouse]  the performance budget instead (scripts/budget.mjs)
#
# NOURX_BIN picks the API binary (default: the newest of target/debug/nourx, target/release/nourx,
# built when neither exists). Screenshots land in test-results/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
WEB=$PWD
ROOT=$(cd ../.. && pwd)
export NEXT_TELEMETRY_DISABLED=1

say() { printf '\033[1m[e2e]\033[0m %s\n' "$*"; }

# Debian's Chromium; Playwright's own download does not work here.
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM_PATH" ]; then
  say "installing Debian's chromium (once per machine)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH

if [ ! -d node_modules ]; then
  say "installing the web dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ -z "${NOURX_BIN:-}" ]; then
  for candidate in "${CARGO_TARGET_DIR:-$ROOT/target}/debug/nourx" "${CARGO_TARGET_DIR:-$ROOT/target}/release/nourx"; do
    if [ -x "$candidate" ] && { [ -z "${NOURX_BIN:-}" ] || [ "$candidate" -nt "$NOURX_BIN" ]; }; then
      NOURX_BIN=$candidate
    fi
  done
fi
if [ -z "${NOURX_BIN:-}" ]; then
  say "building the nourx binary"
  (cd "$ROOT" && cargo build --quiet -p nourx-server)
  NOURX_BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/nourx
fi

read -r API_PORT WEB_PORT SANDBOX_PORT < <(node -e '
  const net = require("node:net");
  const free = () => new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  Promise.all([free(), free(), free()]).then((p) => console.log(p.join(" ")));')
API_ADDR=127.0.0.1:$API_PORT
WEB_ORIGIN=http://127.0.0.1:$WEB_PORT
# The CinetPay sandbox (its API and its checkout page) that `nourx up` starts in-process, over
# HTTPS like CinetPay; the payment tests meet its checkout page there.
SANDBOX_ADDR=127.0.0.1:$SANDBOX_PORT
export E2E_SANDBOX_URL=https://$SANDBOX_ADDR

RUN_DIR=$(mktemp -d /tmp/nourx-e2e.XXXXXX)
# The embedded cluster runs as the postgres user when we are root: let it reach its folder.
chmod 755 "$RUN_DIR"
# Without SMTP, `nourx up` writes every email there as an .eml file (the mail viewer masks tokens).
export E2E_MAIL_DIR=$RUN_DIR/data/mail
# The NOURX website, whose contact form posts leads to the API (e2e/helpers.ts: sendWebsiteLead).
export E2E_WEBSITE_ORIGIN=https://www.nourx.ci
API_PID=""
WEB_PID=""
cleanup() {
  local status=$?
  set +e
  if [ -n "$WEB_PID" ]; then
    kill "$WEB_PID" 2>/dev/null
    wait "$WEB_PID" 2>/dev/null
  fi
  # SIGINT lets the API stop its PostgreSQL cluster cleanly.
  if [ -n "$API_PID" ]; then
    kill -INT "$API_PID" 2>/dev/null
    wait "$API_PID" 2>/dev/null
  fi
  if [ "$status" -ne 0 ]; then
    say "failed; last API log lines:"
    tail -n 15 "$RUN_DIR/api.log" 2>/dev/null || true
    say "last web log lines:"
    tail -n 15 "$RUN_DIR/web.log" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "API $API_ADDR ($NOURX_BIN), web $WEB_ORIGIN, CinetPay sandbox $SANDBOX_ADDR"
# The web server forwards /api/* from 127.0.0.1 with the client's address in X-Forwarded-For.
NOURX_DATA_DIR=$RUN_DIR/data NOURX_API_ADDR=$API_ADDR NOURX_PUBLIC_URL=$WEB_ORIGIN NOURX_TRUSTED_PROXIES=127.0.0.1 \
  NOURX_STAFF_ALLOWED_NETWORKS=127.0.0.0/30 NOURX_LEAD_ALLOWED_ORIGINS=$E2E_WEBSITE_ORIGIN \
  CSRF_TRUSTED_ORIGINS=$WEB_ORIGIN CORS_ALLOWED_ORIGINS=$WEB_ORIGIN CINETPAY_SANDBOX_ADDR=$SANDBOX_ADDR \
  "$NOURX_BIN" up </dev/null >"$RUN_DIR/api.log" 2>&1 &
API_PID=$!

# Build while the API starts, in a folder of its own (`./x up` may be serving .next meanwhile).
say "building the web app for this run"
export NOURX_WEB_DIST_DIR=.next-e2e
npx --no-install next build >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log"; exit 1; }

for _ in $(seq 1 600); do
  curl -sf "http://$API_ADDR/api/ready/" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { say "the API stopped"; exit 1; }
  sleep 0.2
done
curl -sf "http://$API_ADDR/api/ready/" >/dev/null || { say "the API did not become ready"; exit 1; }
# The sandbox's test authority is made at start-up: Chromium trusts only its leaf's key (SPKI hash,
# playwright.config.ts), read from the sandbox through that authority's PEM file.
E2E_SANDBOX_SPKI=$(curl -sf --cacert "$RUN_DIR/data/cinetpay-sandbox-ca.pem" "$E2E_SANDBOX_URL/_sandbox/tls/spki") ||
  { say "the CinetPay sandbox does not answer over HTTPS"; exit 1; }
export E2E_SANDBOX_SPKI
# Tests that talk to the sandbox from Node (Playwright's request API) trust its authority too.
export NODE_EXTRA_CA_CERTS=$RUN_DIR/data/cinetpay-sandbox-ca.pem

NOURX_API_ADDR=$API_ADDR NOURX_WEB_ADDR=127.0.0.1:$WEB_PORT NOURX_PUBLIC_URL=$WEB_ORIGIN \
  node scripts/serve.mjs start >"$RUN_DIR/web.log" 2>&1 &
WEB_PID=$!
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$WEB_ORIGIN/connexion" && break
  kill -0 "$WEB_PID" 2>/dev/null || { say "the web app stopped"; exit 1; }
  sleep 0.2
done

if [ "${1:-}" = --budget ]; then
  shift
  E2E_BASE_URL=$WEB_ORIGIN node scripts/budget.mjs "$@"
  exit 0
fi

rm -rf test-results/screenshots
say "running Playwright"
E2E_BASE_URL=$WEB_ORIGIN npx --no-install playwright test "$@"
say "screenshots in apps/web/test-results/screenshots/"
