#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another on one core,
# then prints a table of executions and crashes per target (from libFuzzer's final
# stats). Needs cargo-fuzz (`cargo install cargo-fuzz`); works on stable through
# RUSTC_BOOTSTRAP, since cargo-fuzz only needs nightly flags for the sanitizer.
#
#   scripts/fuzz.sh            # 10 minutes per target
#   scripts/fuzz.sh 60 dataset # one minute, one target
#
# Crashing inputs land in fuzz/artifacts/TARGET/; keep each as a regression case in
# tests/bad_inputs/ with a test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(extract dataset tui_keys)
fi
export RUSTC_BOOTSTRAP=1

# Seeds: the real report and every bad input, so the fuzzer starts from inputs that
# reach deep into the extractor and the loader instead of from nothing.
mkdir -p corpus/extract corpus/dataset corpus/tui_keys
cp ../data/*.txt ../tests/bad_inputs/*.txt corpus/extract/
cp ../data/*.json ../tests/bad_inputs/*.json corpus/dataset/

summary=()
for t in "${targets[@]}"; do
  log="artifacts/$t.log"
  mkdir -p "artifacts/$t"
  before=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \) | wc -l)
  echo "== $t: ${seconds}s" >&2
  # -timeout flags an input that takes over 10 s: that is how a quadratic path shows.
  # One process, one core: no -jobs/-workers, which would move the stats to fuzz-N.log.
  cargo fuzz run -O "$t" -- -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || true
  after=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \) | wc -l)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  runs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}' || true)
  speed=$(grep -E '^stat::average_exec_per_sec:' "$log" | tail -1 | awk '{print $2}' || true)
  summary+=("| $t | $seconds | ${runs:-?} | ${speed:-?} | $((after - before)) | ${done_line:-see $log} |")
done

echo
echo "| target | seconds | executions | exec/s | new crashes | libFuzzer final line |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
