#!/usr/bin/env bash
# Regenerates the checked-in Kiota client (ColorPix.Tests.Client/Generated) from the OpenAPI document exactly as the
# service serves it (`colorpix openapi`), with the Kiota pinned in .config/dotnet-tools.json. Run it after changing a
# route; GeneratedClientTests fails while the checked-in client differs. Expects a Release build of ColorPix.Web.
set -euo pipefail
cd "$(dirname "$0")/.."

document=TestResults/openapi.json
output=ColorPix.Tests.Client/Generated
mkdir -p "$(dirname "$document")"
dotnet ColorPix.Web/bin/Release/net10.0/linux-x64/colorpix.dll openapi --out "$document" </dev/null
dotnet tool restore >/dev/null
# The arguments are repeated in ColorPix.Tests/Api/GeneratedClientTests.cs, which regenerates to compare.
dotnet kiota generate -l CSharp -d "$document" -c ColorPixClient -n ColorPix.Client -o "$output" --clean-output --log-level Error >/dev/null
# Kiota's log of this run (warnings such as the relative server URL) is not part of the client.
rm -f "$output/.kiota.log"
echo "generate-client: $output regenerated from $document"
