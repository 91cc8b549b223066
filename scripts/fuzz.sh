#!/usr/bin/env bash
# Fuzzes one target of ColorPix.Fuzz with AFL++ for a while, then keeps what it learnt:
#
#   scripts/fuzz.sh TARGET [MINUTES]        (default 15; targets: dotnet run --project ColorPix.Fuzz -- list)
#
# Installs afl++ if missing, builds ColorPix.Fuzz into .fuzz/bin, instruments the managed code under test with
# SharpFuzz (Skia's codecs and libtorch are native: not instrumented, though their crashes are still seen), runs
# afl-fuzz on ColorPix.Fuzz/corpus/TARGET, prints afl's figures, and adds the inputs afl-cmin keeps from the queue to
# that corpus (the seeds stay). Crashes and hangs are left in the findings folder it names: read them back with
#   dotnet run --project ColorPix.Fuzz -c Release -- replay TARGET FOLDER
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${1:?usage: scripts/fuzz.sh TARGET [MINUTES]}
MINUTES=${2:-15}
WORK=.fuzz
BIN=$WORK/bin
CORPUS=ColorPix.Fuzz/corpus/$TARGET
DICTIONARY=ColorPix.Fuzz/dictionaries/$TARGET.dict
FINDINGS=$WORK/findings/$TARGET-$(date -u +%Y%m%dT%H%M%SZ)
# Managed assemblies whose branches guide AFL: ours (colorpix.dll is ColorPix.Web: the ZIP album reader), and the TIFF
# library ours drives.
INSTRUMENTED=(ColorPix.Core.dll colorpix.dll BitMiracle.LibTiff.NET.dll)
# One input may rightly take seconds: a few bytes may declare an image up to the 40-megapixel cap, which is then decoded.
TIMEOUT_MS=10000
# Queue entries bigger than this stay out of the committed corpus (it must stay small: CI replays all of it).
MAX_CORPUS_FILE_BYTES=65536

step() { printf '==> %s\n' "$*" >&2; }

[[ -d $CORPUS ]] || { echo "fuzz.sh: no corpus folder $CORPUS (targets: $(ls ColorPix.Fuzz/corpus | tr '\n' ' '))" >&2; exit 2; }

step "setup fuzz"
scripts/setup.sh fuzz
dotnet tool restore >/dev/null

step "build and instrument"
mkdir -p "$WORK"
# The build copies a fresh, uninstrumented assembly only where none is: SharpFuzz refuses to instrument twice.
for dll in "${INSTRUMENTED[@]}"; do rm -f "$BIN/$dll"; done
dotnet build ColorPix.Fuzz -c Release -o "$BIN" </dev/null >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
for dll in "${INSTRUMENTED[@]}"; do dotnet sharpfuzz "$BIN/$dll"; done

# The target is `dotnet`, which carries no AFL instrumentation itself; the core pattern of a shared machine is not ours
# to change; no status screen in a log.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
# afl-cmin wants the program by its path.
run_target=("$(command -v dotnet)" "$BIN/ColorPix.Fuzz.dll" "$TARGET")
dictionary=()
[[ -f $DICTIONARY ]] && dictionary=(-x "$DICTIONARY")

step "afl-fuzz $TARGET for $MINUTES min into $FINDINGS"
mkdir -p "$(dirname "$FINDINGS")"
# Its own log: without a status screen afl prints a line per queue entry it works on.
afl-fuzz -V $((MINUTES * 60)) -i "$CORPUS" -o "$FINDINGS" -t "$TIMEOUT_MS" -m none "${dictionary[@]}" -- "${run_target[@]}" \
  >"$FINDINGS.log" 2>&1 || { tail -30 "$FINDINGS.log" >&2; exit 1; }
tail -4 "$FINDINGS.log"

stats=$FINDINGS/default/fuzzer_stats
figure() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
run_time=$(figure run_time) executions=$(figure execs_done)
printf '%s: %s executions in %s s (%s min), %s exec/s overall; corpus %s, crashes %s, hangs %s\n' "$TARGET" \
  "$executions" "$run_time" "$((run_time / 60))" "$((executions / (run_time > 0 ? run_time : 1)))" \
  "$(figure corpus_count)" "$(figure saved_crashes)" "$(figure saved_hangs)"

step "minimise the queue (afl-cmin) into $CORPUS"
minimised=$WORK/cmin/$TARGET
rm -rf "$minimised"
afl-cmin -i "$FINDINGS/default/queue" -o "$minimised" -t "$TIMEOUT_MS" -m none -- "${run_target[@]}" >"$WORK/cmin.log" 2>&1 \
  || { tail -20 "$WORK/cmin.log" >&2; exit 1; }
added=0
for file in "$minimised"/*; do
  # The seeds are in the queue too (orig:NAME): they are already in the corpus, under their own names.
  [[ $(basename "$file") == *orig:* ]] && continue
  (($(stat -c %s "$file") <= MAX_CORPUS_FILE_BYTES)) || continue
  name=afl-$(sha1sum "$file" | cut -c1-12)
  [[ -e $CORPUS/$name ]] || { cp "$file" "$CORPUS/$name"; added=$((added + 1)); }
done
echo "$TARGET: afl-cmin kept $(find "$minimised" -type f | wc -l) of $(figure corpus_count) queue entries; $added added to $CORPUS ($(find "$CORPUS" -type f | wc -l) files, $(du -sb "$CORPUS" | cut -f1) bytes)"
echo "crashes: $FINDINGS/default/crashes   hangs: $FINDINGS/default/hangs"
