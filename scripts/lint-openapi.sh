#!/usr/bin/env bash
# Lints the OpenAPI document exactly as the service serves it (`colorpix openapi`) with Redocly's recommended rules
# (redocly.yaml). Any error or warning fails: generated clients depend on operation ids, errors and servers.
# Expects a Release build (./colorpix.sh test builds first).
set -euo pipefail
cd "$(dirname "$0")/.."

# In the repo, not a temp dir: .redocly.lint-ignore.yaml names the file by its path from here.
document=TestResults/openapi.json
mkdir -p "$(dirname "$document")"
dotnet ColorPix.Web/bin/Release/net10.0/linux-x64/colorpix.dll openapi --out "$document" </dev/null
output=$(npx --yes @redocly/cli@2.77.0 lint --config redocly.yaml "$document" 2>&1) || { echo "$output" >&2; exit 1; }
if grep -qE "You have [0-9]+ warning" <<<"$output"; then
  echo "$output" >&2
  echo "lint-openapi: warnings fail the lint" >&2
  exit 1
fi
echo "lint-openapi: $document has no errors and no warnings"
