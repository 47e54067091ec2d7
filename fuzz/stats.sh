#!/usr/bin/env bash
# Prints one Markdown table row per fuzz/runs/*.log from libFuzzer's final stats lines.
set -euo pipefail
cd "$(dirname "$0")/runs"
[ $# -gt 0 ] || set -- *.log
for log in "$@"; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1 | cut -d' ' -f2)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  crashes=$(grep -c 'ERROR: libFuzzer' "$log" || true)
  echo "| ${log%.log} | $runs | $rate | ${secs:-stopped at crash} | $corp | $cov | $crashes |"
done
