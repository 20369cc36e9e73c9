#!/usr/bin/env bash
# Whole-process comparison of `pa-explorer search` with `fzf --filter` on the same
# records: one line per figure holding what search looks at (figure text, subject,
# sentence, headline).
#
#   benches/vs_fzf.sh [FIGURES] [QUERY...]        (default: 1000000 figures, a query set)
#
# fzf exits 1 when nothing matches (pinyin queries), hence `-i`.
# Needs fzf and hyperfine (`apt-get install -y fzf hyperfine`). Prints hyperfine's
# medians and the ratio fzf / pa-explorer per query (> 1: pa-explorer is faster), for a
# first open (JSON) and for a reopened file (binary cache).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
shift || true
queries=("$@")
[ ${#queries[@]} -eq 0 ] && queries=("就业" "养老保险费" "98%" "jiuye")
dir="${TMPDIR:-/tmp}/pa-explorer-vs-fzf"
mkdir -p "$dir"
json="$dir/corpus-$n.json"
records="$dir/records-$n.tsv"
cargo build --release --quiet --bin pa-explorer --example gen_corpus
if [ ! -s "$json" ] || [ ! -s "$records" ]; then
    target/release/examples/gen_corpus --figures "$n" -o "$json" --records "$records"
fi
bin=target/release/pa-explorer
# The binary cache is measured apart: `--no-cache` is the first open of a file (JSON),
# the other the reopening of an unchanged one (hyperfine's warm-up run writes the cache).
export PA_EXPLORER_CACHE_DIR="$dir/cache"
printf '| query | fzf --filter median ms | pa-explorer search, JSON (--no-cache) | ratio | pa-explorer search, cached | ratio |\n|---|---|---|---|---|---|\n'
for q in "${queries[@]}"; do
    out="$dir/hyperfine.json"
    hyperfine --style none -i --warmup 1 --runs "${RUNS:-5}" --export-json "$out" \
        -n fzf "fzf --filter '$q' < '$records' > /dev/null" \
        -n json "$bin search '$q' --limit 20 --format jsonl --no-cache --data '$json' > /dev/null" \
        -n cached "$bin search '$q' --limit 20 --format jsonl --data '$json' > /dev/null" \
        > /dev/null
    python3 - "$out" "$q" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
f, j, c = r["fzf"], r["json"], r["cached"]
print(f"| `{sys.argv[2]}` | {f*1e3:.0f} | {j*1e3:.0f} | {f/j:.2f}× | {c*1e3:.0f} | {f/c:.2f}× |")
PY
done
