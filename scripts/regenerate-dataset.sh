#!/bin/sh
# Regenerates the bundled dataset from its source text. The metadata lives here, in one
# place; tests/cli.rs runs this script and fails if the committed JSON differs.
#
# Usage: scripts/regenerate-dataset.sh [BIN]
#   BIN  the pa-explorer binary (default: cargo run --quiet --)
#   OUT  environment variable: where to write (default: data/jinan-poverty-alleviation.json)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-"cargo run --quiet --"}
OUT=${OUT:-data/jinan-poverty-alleviation.json}
$BIN import data/jinan-poverty-alleviation.txt -o "$OUT" \
  --id jinan-poverty-alleviation \
  --title "“脱贫攻坚的生动实践”主题系列发布会（第三场）：社会保障兜底扶贫" \
  --publisher "济南市人民政府新闻办公室" \
  --date 2021-04-09 \
  --language zh-Hans \
  --inferred title --inferred date \
  --note "Title composed from the release's own words; the page title was not kept with the text." \
  --note "Date: the briefing was held on 4月9日 (stated); the year 2021 is inferred from the content, which reports results to the end of 2020." \
  --note "Publisher: the municipal government press office (市政府新闻办), which held the briefing series named in the lead."
