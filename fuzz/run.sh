#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 600) under nice, logging to fuzz/runs/<target>-<n>.log.
# Usage: fuzz/run.sh TARGET [SECONDS]   (after `cargo +nightly fuzz build` and fuzz/seed.sh)
# FUZZ_TARGET_DIR picks another build, e.g. fuzz/target-nosan from
# `cargo +nightly fuzz build -s none --target-dir fuzz/target-nosan TARGET`.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
target="$1"
secs="${2:-600}"
bin="${FUZZ_TARGET_DIR:-$fuzz/target}/x86_64-unknown-linux-gnu/release/$target"
mkdir -p "$fuzz/corpus/$target" "$fuzz/artifacts/$target" "$fuzz/runs"
n=1
while [ -e "$fuzz/runs/$target-$n.log" ]; do n=$((n + 1)); done
exec nice -n 15 "$bin" "$fuzz/corpus/$target" "$fuzz/seeds/$target" \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$fuzz/artifacts/$target/" >"$fuzz/runs/$target-$n.log" 2>&1
