#!/usr/bin/env bash
# Installs what ColorPix needs on Debian 12, by group. Idempotent: a machine that already has
# every package does no apt work at all (no `apt-get update`), so it is cheap to call on every run.
#
#   scripts/setup.sh [runtime|test|fuzz]...     (default: runtime)
#
# Later issues add packages to a group below rather than writing a new script.
set -euo pipefail

# Running ColorPix needs no system package besides the .NET SDK: TorchSharp brings libtorch (with MKL and
# oneDNN) and SkiaSharp its codecs, from NuGet. The group stays for later needs.
RUNTIME_PACKAGES=()

# Only the test suite needs these: PyTorch for reference numbers, PIL/numpy for fixtures,
# PostgreSQL 15 for the metadata store tests (a throwaway cluster on a loopback port).
# Chromium (and its driver) for the web app's tests in a real browser, driven by Microsoft.Playwright.
# binutils' readelf checks, independently of the build step, how libLibTorchSharp.so was made loadable.
# GNU time (/usr/bin/time -v) gives `bench memory` the peak RSS of each colorization from the OS.
# nginx runs deploy/nginx/colorpix.conf in front of two replicas for the rolling-restart test.
TEST_PACKAGES=(
  python3-torch python3-pil python3-numpy python3-aiosmtpd
  postgresql
  chromium chromium-driver
  binutils time
  nginx
  python3-prometheus-client
)

# scripts/fuzz.sh drives the SharpFuzz-instrumented targets of ColorPix.Fuzz with AFL++ (afl-fuzz, afl-cmin).
FUZZ_PACKAGES=(afl++)

# The S3 tests run s3rver (npm, pinned in tools/s3rver/package-lock.json) under Node.
S3RVER_DIR=tools/s3rver

log() { printf 'setup: %s\n' "$*" >&2; }

usage() {
  echo "usage: scripts/setup.sh [runtime|test|fuzz]...   (test and fuzz include runtime)" >&2
  exit 2
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root (or sudo) to run: $*"; exit 1
  fi
}

is_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

install_missing() {
  local missing=() pkg
  for pkg in "$@"; do is_installed "$pkg" || missing+=("$pkg"); done
  if [[ ${#missing[@]} -eq 0 ]]; then return; fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

check_dotnet() {
  if ! command -v dotnet >/dev/null || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    log "the .NET SDK 10 is required but was not found (dotnet --list-sdks)."
    log "install it from Microsoft's packages (dotnet-sdk-10.0) and run this again."
    exit 1
  fi
}

# A machine may have Node from NodeSource (its nodejs bundles npm and conflicts with Debian's npm):
# only install Debian's packages when there is no node or npm at all.
ensure_node() {
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [[ ${#missing[@]} -gt 0 ]]; then install_missing "${missing[@]}"; fi
}

ensure_s3rver() {
  local dir
  dir="$(dirname "$0")/../$S3RVER_DIR"
  if [[ -f $dir/node_modules/s3rver/bin/s3rver.js ]]; then return; fi
  log "installing s3rver into $S3RVER_DIR"
  npm ci --prefix "$dir" --no-audit --no-fund >&2
}

main() {
  local groups=("$@") packages=()
  [[ ${#groups[@]} -gt 0 ]] || groups=(runtime)
  for group in "${groups[@]}"; do
    case $group in
      runtime) packages+=("${RUNTIME_PACKAGES[@]}") ;;
      test) packages+=("${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
      fuzz) packages+=("${RUNTIME_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}") ;;
      *) usage ;;
    esac
  done
  check_dotnet
  if [[ ${#packages[@]} -gt 0 ]]; then install_missing "${packages[@]}"; fi
  if [[ " ${groups[*]} " == *" test "* ]]; then
    ensure_node
    ensure_s3rver
  fi
}

main "$@"
