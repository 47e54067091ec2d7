#!/usr/bin/env bash
# Image-processing benchmark: a generated archive of N briefings (default 1,000), each showing
# one 2,000-pixel-wide JPEG in a figure, built cold (empty image cache), then warm (cache
# filled), against the same archive without the images.
#
#   scripts/bench_images.sh [--n 1000] [--runs 3] [--bin target/release/briefgen]
#
# Corpora live in /dev/shm/briefgen-bench-images; output goes to /dev/shm too. Each build runs
# under /usr/bin/time; the table gives every run's wall and user+sys CPU seconds.
set -euo pipefail
N=1000
RUNS=3
BIN=target/release/briefgen
while [ $# -gt 0 ]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    *) echo "bench_images.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=/dev/shm/briefgen-bench-images
mkdir -p "$WORK"
BIN_COPY="$WORK/briefgen.$$"
cp "$BIN" "$BIN_COPY"
trap 'rm -f "$BIN_COPY"' EXIT

PLAIN="$WORK/plain-$N"
IMAGES="$WORK/images-$N"
if [ ! -d "$PLAIN" ]; then
  (cd "$ROOT" && cargo run --quiet --release --example gen_corpus -- --n "$N" --seed 1 --out "$PLAIN")
fi
if [ ! -d "$IMAGES" ]; then
  cp -r "$PLAIN" "$IMAGES"
  /usr/bin/python3 "$ROOT/scripts/bench_images.py" "$IMAGES"
fi

run() { # run LABEL SITE: one build, prints "LABEL wall cpu"
  local t
  t=$( { /usr/bin/time -f "%e %U %S" "$BIN_COPY" build --quiet --root "$2" --output "$WORK/out-$N" >/dev/null; } 2>&1 | tail -1)
  awk -v l="$1" -v t="$t" 'BEGIN { split(t, a, " "); printf "| %s | %.2f | %.2f |\n", l, a[1], a[2] + a[3] }'
}

echo "| build ($N briefings) | wall s | CPU s |"
echo "| --- | ---: | ---: |"
run "warm-up, no images" "$PLAIN" >/dev/null
for i in $(seq "$RUNS"); do run "no images" "$PLAIN"; done
rm -rf "$IMAGES/.briefgen-cache"
run "images, cold cache" "$IMAGES"
for i in $(seq "$RUNS"); do run "images, warm cache" "$IMAGES"; done
for i in $(seq "$RUNS"); do run "no images" "$PLAIN"; done
