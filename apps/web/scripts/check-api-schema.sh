#!/usr/bin/env bash
# Fails when lib/api/schema.d.ts is not what openapi-typescript makes of openapi/openapi.json.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npx --no-install openapi-typescript ../../openapi/openapi.json -o "$tmp/schema.d.ts" --silent >/dev/null 2>&1 \
  || npx --no-install openapi-typescript ../../openapi/openapi.json -o "$tmp/schema.d.ts"
if ! diff -u lib/api/schema.d.ts "$tmp/schema.d.ts" > "$tmp/diff"; then
  head -n 40 "$tmp/diff" >&2
  echo "lib/api/schema.d.ts is out of date: run 'npm run gen:api' in apps/web and commit it" >&2
  exit 1
fi
echo "lib/api/schema.d.ts matches openapi/openapi.json"
