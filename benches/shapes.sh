#!/usr/bin/env bash
# The corpus speed table of the README, in one run: both corpus shapes built with the
# project's own generator, side by side with `fzf --filter` on the same records.
#
#   benches/shapes.sh [FIGURES] [QUERY...]     (default: 1000000 figures, a query set)
#
# Shapes: a folder of report files (FILES of them, default 1000) and one document holding
# every figure. For each: opening (`sections --data`) from JSON (`--no-cache`) and again
# (the cache written by the warm-up run), peak memory per figure, the explorer's first
# frame (the real binary in tmux, polled until the panes are drawn), and one-shot
# `search` against `fzf --filter` per query, whole process. Medians of RUNS (default 5)
# from hyperfine; ratios are from the same run, since this machine is shared and noisy.
# Needs fzf, hyperfine and tmux (`apt-get install -y fzf hyperfine tmux`).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
shift || true
queries=("$@")
[ ${#queries[@]} -eq 0 ] && queries=("就业" "养老保险费" "jiuye" "48300" "98%" "农村 低保")
files="${FILES:-1000}"
runs="${RUNS:-5}"
dir="${TMPDIR:-/tmp}/pa-explorer-shapes-$n"
mkdir -p "$dir"
cargo build --release --quiet --bin pa-explorer --example gen_corpus
gen=target/release/examples/gen_corpus
bin="$PWD/target/release/pa-explorer"
if [ ! -d "$dir/folder" ]; then
    "$gen" --figures "$n" --files "$files" -o "$dir/folder" --records "$dir/folder.tsv"
fi
if [ ! -s "$dir/one.json" ]; then
    "$gen" --figures "$n" --one-document -o "$dir/one.json" --records "$dir/one.tsv"
fi
export PA_EXPLORER_CACHE_DIR="$dir/cache"

median_ms() { # hyperfine JSON file, command name
    python3 -c 'import json,sys; r={x["command"]:x["median"] for x in json.load(open(sys.argv[1]))["results"]}; print(round(r[sys.argv[2]]*1e3))' "$1" "$2"
}

first_frame_ms() { # data path; median of 3 launches in tmux until the panes show
    local data="$1" times=()
    for _ in 1 2 3; do
        tmux kill-session -t pa-shapes 2>/dev/null || true
        local start end
        start=$(date +%s%N)
        tmux new-session -d -s pa-shapes -x 120 -y 35 "$bin --data '$data'"
        until tmux capture-pane -p -t pa-shapes 2>/dev/null | grep -q "Figures"; do
            sleep 0.005
        done
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
        tmux kill-session -t pa-shapes
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

peak_bytes_per_figure() { # extra flags…
    local kb
    kb=$( { /usr/bin/time -f '%M' "$bin" sections "$@" > /dev/null; } 2>&1 | tail -1)
    echo $((kb * 1024 / n))
}

echo "## $n figures: a folder of $files reports, and one document (RUNS=$runs)"
echo
echo "| | folder of $files reports | one document |"
echo "|---|---|---|"
declare -A open_json open_cached mem_json mem_cached frame
for shape in folder one; do
    data="$dir/folder"
    [ "$shape" = one ] && data="$dir/one.json"
    out="$dir/open-$shape.json"
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$out" \
        -n json "$bin sections --no-cache --data '$data' > /dev/null" \
        -n cached "$bin sections --data '$data' > /dev/null" > /dev/null
    open_json[$shape]=$(median_ms "$out" json)
    open_cached[$shape]=$(median_ms "$out" cached)
    mem_json[$shape]=$(peak_bytes_per_figure --no-cache --data "$data")
    mem_cached[$shape]=$(peak_bytes_per_figure --data "$data")
    frame[$shape]=$(first_frame_ms "$data")
done
echo "| open from JSON (\`--no-cache\`) | ${open_json[folder]} ms | ${open_json[one]} ms |"
echo "| reopen (cache) | ${open_cached[folder]} ms | ${open_cached[one]} ms |"
echo "| peak memory, JSON / cache | ${mem_json[folder]} / ${mem_cached[folder]} B per figure | ${mem_json[one]} / ${mem_cached[one]} B per figure |"
echo "| explorer, first frame (cache) | ${frame[folder]} ms | ${frame[one]} ms |"
echo
echo "One-shot search, whole process, medians in ms; ratio = fzf / pa-explorer (> 1: faster than fzf)"
echo
echo "| query | fzf (folder records) | search folder, cached | ratio | fzf (one-document records) | search one document, cached | ratio |"
echo "|---|---|---|---|---|---|---|"
for q in "${queries[@]}"; do
    out="$dir/search.json"
    # fzf exits 1 when nothing matches (pinyin queries), hence -i.
    hyperfine --style none -i --warmup 1 --runs "$runs" --export-json "$out" \
        -n fzf-folder "fzf --filter '$q' < '$dir/folder.tsv' > /dev/null" \
        -n folder "$bin search '$q' --limit 20 --format jsonl --data '$dir/folder' > /dev/null" \
        -n fzf-one "fzf --filter '$q' < '$dir/one.tsv' > /dev/null" \
        -n one "$bin search '$q' --limit 20 --format jsonl --data '$dir/one.json' > /dev/null" \
        > /dev/null 2>&1
    python3 - "$out" "$q" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ff, f, fo, o = r["fzf-folder"], r["folder"], r["fzf-one"], r["one"]
print(f"| `{sys.argv[2]}` | {ff*1e3:.0f} | {f*1e3:.0f} | {ff/f:.1f}× | {fo*1e3:.0f} | {o*1e3:.0f} | {fo/o:.1f}× |")
PY
done
echo
echo "Per keystroke at this size: \`PA_BENCH_1M=1 cargo bench --bench keystrokes\`."
