#!/usr/bin/env bash
# The one entry point: sets the machine up, then runs ColorPix or its tests.
#
#   ./colorpix.sh run [ARGS...]   install runtime packages, then `colorpix ARGS` (default: serve)
#   ./colorpix.sh test            install test packages, build, run every test, print
#                                 "tests: N passed, N failed" and exit non-zero unless all passed
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ ${CI:-} == true ]]; then
  # Build servers outlive the build and keep CI's output pipe open: the run would never end.
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
fi

RESULTS_DIR=TestResults

step() { printf '==> %s\n' "$*" >&2; }

run() {
  step "setup runtime"
  scripts/setup.sh runtime
  step "colorpix ${*:-serve}  (the first run restores TorchSharp and libtorch from NuGet: about 600 MB)"
  exec dotnet run --project ColorPix.Web -c Release -- "${@:-serve}" </dev/null
}

# Sums the counters of every TRX file: "passed failed skipped", one line.
trx_counts() {
  python3 - "$RESULTS_DIR" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for path in glob.glob(f"{sys.argv[1]}/*.trx"):
    c = ET.parse(path).getroot().find(f"{ns}ResultSummary/{ns}Counters").attrib
    n = lambda key: int(c.get(key, 0))
    bad = n("failed") + n("error") + n("timeout") + n("aborted")
    passed += n("passed")
    failed += bad
    # VSTest leaves notExecuted at 0 for ignored tests: whatever neither passed nor failed was skipped.
    skipped += n("total") - n("passed") - bad
print(passed, failed, skipped)
PY
}

test_all() {
  step "setup test"
  scripts/setup.sh test
  step "build"
  dotnet build ColorPix.sln -c Release </dev/null
  step "test"
  rm -rf "$RESULTS_DIR" && mkdir -p "$RESULTS_DIR"
  local status=0
  # A hung test fails the run after 20 minutes instead of eating CI's 90.
  dotnet test ColorPix.sln -c Release --no-build --results-directory "$RESULTS_DIR" \
    --logger "trx;LogFilePrefix=colorpix" --logger "console;verbosity=normal" \
    --blame-hang-timeout 20m --blame-hang-dump-type none </dev/null 2>&1 | tee "$RESULTS_DIR/test.log" || status=$?

  if ! compgen -G "$RESULTS_DIR/*.trx" >/dev/null; then
    echo "colorpix.sh: dotnet test wrote no results (exit $status); see $RESULTS_DIR/test.log" >&2
    exit 1
  fi
  local passed failed skipped
  read -r passed failed skipped < <(trx_counts)
  local summary="tests: $passed passed, $failed failed"
  if ((skipped > 0)); then summary+=", $skipped skipped"; fi
  echo "$summary"
  if ((failed > 0 || passed == 0 || status != 0)); then exit 1; fi
}

case ${1:-} in
  run) shift; run "$@" ;;
  test) shift; test_all ;;
  *) echo "usage: ./colorpix.sh run [ARGS...] | ./colorpix.sh test" >&2; exit 2 ;;
esac
