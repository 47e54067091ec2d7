#!/usr/bin/env bash
# Build-time benchmark for briefgen, optionally against Hugo on the same corpus.
#
#   scripts/bench.sh [--sizes "100 1000 10000"] [--runs 5] [--hugo] [--seed 1]
#                    [--rev REV | --bin PATH] [--out FILE]
#
# For each size N it generates (or reuses) a deterministic corpus under /dev/shm with
# examples/gen_corpus.rs, does one warm-up build, then RUNS measured builds of
#   briefgen build --quiet --root CORPUS --output /dev/shm/out-N
# (and, with --hugo, `hugo --quiet -s HUGOCORPUS -d /dev/shm/hugo-out-N`, alternating with
# briefgen's runs), each under /usr/bin/time -v. It prints a Markdown table of medians: wall
# time, user+sys CPU, peak RSS, and the pages written. Both tools rebuild over their own
# previous output, as they would in normal use.
#
#   --sizes LIST  corpus sizes (default "100 1000 10000"; 50000 works too, ~600 MB of Markdown)
#   --runs N      measured runs per tool and size (default 5)
#   --hugo        also benchmark Hugo (apt-get install -y hugo) on the same corpus
#   --seed S      corpus seed (default 1)
#   --rev REV     build briefgen from git revision REV (git archive into /dev/shm, own target
#                 folder) instead of the working tree: measures a commit while others edit
#   --bin PATH    benchmark this briefgen binary instead of building target/release/briefgen
#                 (either way a private copy is timed, so concurrent builds cannot swap it)
#   --quiet-wait S  before each run, wait up to S seconds (default 0) for a second in which
#                 other processes use < 10% of a core, so runs land in quiet moments
#   --out FILE    also write the Markdown report to FILE
#
# Corpora are cached in /dev/shm/briefgen-bench by size and seed, and regenerated when the
# generator or the Hugo templates (bench/hugo) would now write something different.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file while a benchmark is
# running (bash otherwise reads scripts as it goes) cannot change what that benchmark does.
{
SIZES="100 1000 10000"
RUNS=5
HUGO=0
SEED=1
BIN=""
REV=""
QUIET_WAIT=0
OUT_FILE=""

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --hugo) HUGO=1; shift ;;
    --seed) SEED="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --rev) REV="$2"; shift 2 ;;
    --quiet-wait) QUIET_WAIT="$2"; shift 2 ;;
    --out) OUT_FILE="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "bench.sh: --runs needs a positive number" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHM=/dev/shm
WORK="$SHM/briefgen-bench"
mkdir -p "$WORK"
log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------

if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (/usr/bin/time)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null
  else sudo apt-get install -y time >/dev/null; fi
fi
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
  echo "bench.sh: --hugo needs hugo on PATH (apt-get install -y hugo)" >&2
  exit 1
fi

DESCRIBE=""
if [ -n "$BIN" ]; then
  DESCRIBE="given binary"
elif [ -n "$REV" ]; then
  sha=$(cd "$ROOT" && git rev-parse --verify "$REV^{commit}")
  src="$WORK/src-${sha:0:12}"
  if [ ! -f "$src/Cargo.toml" ]; then
    log "exporting $REV ($sha) to $src"
    rm -rf "$src.tmp" && mkdir -p "$src.tmp"
    (cd "$ROOT" && git archive "$sha") | tar -x -C "$src.tmp"
    mv "$src.tmp" "$src"
  fi
  log "building briefgen $REV (release)"
  (cd "$src" && CARGO_TARGET_DIR="${TMPDIR:-/tmp}/briefgen-bench-target" \
     cargo build --release --quiet --locked --bin briefgen)
  BIN="${TMPDIR:-/tmp}/briefgen-bench-target/release/briefgen"
  DESCRIBE="commit ${sha:0:12}"
else
  log "building briefgen (release)"
  (cd "$ROOT" && cargo build --release --quiet --bin briefgen)
  BIN="$ROOT/target/release/briefgen"
  DESCRIBE="working tree at commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- src templates static Cargo.toml Cargo.lock 2>/dev/null || echo ' with uncommitted changes')"
fi
[ -x "$BIN" ] || { echo "bench.sh: $BIN is not executable" >&2; exit 1; }
# Benchmark a private copy: a concurrent `cargo build --release` must not swap the binary
# mid-run. At the end it becomes $WORK/briefgen, the binary scripts/profile.sh uses by default.
BIN_SRC="$BIN"
BIN="$WORK/briefgen.$$"
trap 'rm -f "$WORK/briefgen.$$" "$WORK/gen_corpus.$$"' EXIT
cp "$BIN_SRC" "$BIN"
BIN_HASH="$(sha256sum "$BIN" | cut -c1-12)"

# The generator uses only std, so it is compiled on its own: this keeps the benchmark usable
# while the library is mid-edit. (`cargo run --release --example gen_corpus` is equivalent.)
GEN="$WORK/gen_corpus"
GEN_SRC="$ROOT/examples/gen_corpus.rs"
GEN_HASH="$(sha256sum "$GEN_SRC" | cut -c1-16)"
if [ ! -x "$GEN" ] || [ "$(cat "$GEN.hash" 2>/dev/null)" != "$GEN_HASH" ]; then
  log "compiling examples/gen_corpus.rs"
  CARGO_MANIFEST_DIR="$ROOT" rustc --edition 2021 -C opt-level=3 -o "$GEN.$$" "$GEN_SRC"
  mv "$GEN.$$" "$GEN"
  echo "$GEN_HASH" > "$GEN.hash"
fi

# --- corpora -----------------------------------------------------------------------------------

corpus_dir() { echo "$WORK/corpus-n$1-s$SEED"; }
hugo_dir() { echo "$WORK/hugo-n$1-s$SEED"; }

# fingerprint KIND DIR K: hash of a corpus's configuration, templates and first K briefings.
fingerprint() {
  local kind=$1 dir=$2 k=$3
  [ -d "$dir/content/briefings" ] || { echo missing; return; }
  (
    cd "$dir" || exit 1
    if [ "$kind" = hugo ]; then
      cat hugo.toml
      find layouts static -type f 2>/dev/null | sort | xargs -r cat
    else
      cat site.toml
    fi
    cat content/briefings/_index.md
    find content/briefings -name '[0-9]*.md' | sort | head -n "$k" | xargs -r cat
  ) 2>/dev/null | sha256sum | cut -c1-16
}

# Reuses a cached corpus when it has N briefings and its first briefings match what the current
# generator writes (a briefing depends only on seed and index, so a small probe run is enough).
# Stale corpora are regenerated beside the old ones and swapped in, so other users of a cached
# corpus see the old or the new one, never a half-written one.
ensure_corpus() {
  local n=$1 want_hugo=$2 dir hdir k probe stale_b=0 stale_h=0 count
  dir=$(corpus_dir "$n"); hdir=$(hugo_dir "$n")
  k=$(( n < 50 ? n : 50 ))
  probe="$WORK/probe"
  rm -rf "$probe" "$probe-hugo"
  "$GEN" --n "$k" --seed "$SEED" --out "$probe" --hugo "$probe-hugo" \
    --hugo-layouts "$ROOT/bench/hugo/layouts" 2>/dev/null
  count=$(find "$dir/content/briefings" -name '*.md' 2>/dev/null | wc -l || true)
  if [ "$count" != $((n + 1)) ] || [ "$(fingerprint briefgen "$dir" "$k")" != "$(fingerprint briefgen "$probe" "$k")" ]; then
    stale_b=1
  fi
  if [ "$want_hugo" = 1 ]; then
    count=$(find "$hdir/content/briefings" -name '*.md' 2>/dev/null | wc -l || true)
    if [ "$count" != $((n + 1)) ] || [ "$(fingerprint hugo "$hdir" "$k")" != "$(fingerprint hugo "$probe-hugo" "$k")" ]; then
      stale_h=1
    fi
  fi
  rm -rf "$probe" "$probe-hugo" "$dir.stamp"  # (stamps were used by earlier versions)
  if [ "$stale_b" = 0 ] && [ "$stale_h" = 0 ]; then
    log "corpus n=$n seed=$SEED: cached ($dir)"
    return
  fi
  log "generating corpus n=$n seed=$SEED"
  rm -rf "$dir.new" "$hdir.new"
  if [ "$stale_h" = 1 ]; then
    "$GEN" --n "$n" --seed "$SEED" --out "$dir.new" --hugo "$hdir.new" --hugo-layouts "$ROOT/bench/hugo/layouts"
  else
    "$GEN" --n "$n" --seed "$SEED" --out "$dir.new"
  fi
  local pair
  for pair in "$stale_b:$dir" "$stale_h:$hdir"; do
    local target=${pair#*:}
    if [ "${pair%%:*}" = 1 ] && [ -d "$target.new" ]; then
      if [ -e "$target" ]; then mv "$target" "$target.old"; fi
      mv "$target.new" "$target"
      rm -rf "$target.old"
    else
      rm -rf "$target.new"
    fi
  done
}

# --- measurement -------------------------------------------------------------------------------

RAW="$WORK/raw-$(date +%Y%m%d-%H%M%S).tsv"
printf 'n\ttool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\tothers_cores\n' > "$RAW"

# Other work on the machine (another engineer's cargo build…) makes the numbers noisy. It is
# measured rather than guessed: CPU time the whole machine spent (from /proc/stat) minus the
# measured build's own user+sys, over the run's wall time, in cores.
HZ=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# Waits (up to --quiet-wait seconds) for a second in which other processes used < 10% of a core.
wait_quiet() {
  local waited=0 a b
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    a=$(busy_ticks); sleep 1; b=$(busy_ticks)
    if [ $(( (b - a) * 100 )) -lt $(( HZ * 10 )) ]; then break; fi
    waited=$((waited + 1))
  done
  if [ "$waited" -gt 0 ]; then log "waited ${waited}s for a quiet moment"; fi
}

# measure N TOOL RUN CMD...: one build under /usr/bin/time -v; appends a row to $RAW.
measure() {
  local n=$1 tool=$2 run=$3; shift 3
  local tf="$WORK/time.txt" ef="$WORK/stderr.txt" t0 t1 j0 j1
  if [ "$QUIET_WAIT" -gt 0 ]; then wait_quiet; fi
  j0=$(busy_ticks)
  t0=$EPOCHREALTIME
  if ! /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>"$ef"; then
    echo "bench.sh: $tool build failed (n=$n):" >&2
    cat "$ef" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  j1=$(busy_ticks)
  awk -v n="$n" -v tool="$tool" -v run="$run" -v t0="$t0" -v t1="$t1" -v j="$((j1 - j0))" -v hz="$HZ" -F': ' '
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END {
      others = j / hz - u - s; if (others < 0) others = 0
      printf "%s\t%s\t%s\t%.4f\t%s\t%s\t%s\t%.2f\n", n, tool, run, t1 - t0, u, s, m, others / (t1 - t0)
    }
  ' "$tf" >> "$RAW"
}

run_briefgen() { measure "$1" briefgen "$2" "$BIN" build --quiet --root "$(corpus_dir "$1")" --output "$SHM/out-$1"; }
run_hugo() { measure "$1" hugo "$2" hugo --quiet -s "$(hugo_dir "$1")" -d "$SHM/hugo-out-$1"; }

# Hugo 0.111 holds the whole site in memory: about 0.45 MB of RSS per briefing (4.3 GB at
# N = 10,000). Sizes it would not fit in comfortably are skipped for Hugo, not swapped to death.
declare -A PAGES STUBS FILES BYTES HUGO_N
for n in $SIZES; do
  HUGO_N[$n]=$HUGO
  avail_kb=$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)
  if [ "$HUGO" = 1 ] && [ $((n * 450)) -gt $((avail_kb * 7 / 10)) ]; then
    log "n=$n: skipping Hugo (needs ~$((n * 450 / 1000000 + 1)) GB of RAM, $((avail_kb / 1000000)) GB available)"
    HUGO_N[$n]=0
  fi
done
for n in $SIZES; do
  ensure_corpus "$n" "${HUGO_N[$n]}"
  log "n=$n: warm-up"
  run_briefgen "$n" 0
  if [ "${HUGO_N[$n]}" = 1 ]; then run_hugo "$n" 0; fi
  for r in $(seq 1 "$RUNS"); do
    log "n=$n: run $r/$RUNS"
    run_briefgen "$n" "$r"
    if [ "${HUGO_N[$n]}" = 1 ]; then run_hugo "$n" "$r"; fi
  done
  for tool in briefgen hugo; do
    if [ "$tool" = hugo ] && [ "${HUGO_N[$n]}" != 1 ]; then continue; fi
    out="$SHM/out-$n"
    if [ "$tool" = hugo ]; then out="$SHM/hugo-out-$n"; fi
    PAGES[$tool-$n]=$(find "$out" -name '*.html' | wc -l)
    # Hugo 0.111 writes a redirect stub at <list>/page/1/ for every paginated list.
    STUBS[$tool-$n]=$(find "$out" -path '*/page/1/index.html' | wc -l)
    FILES[$tool-$n]=$(find "$out" -type f | wc -l)
    BYTES[$tool-$n]=$(du -sb "$out" | cut -f1)
  done
done

# --- report ------------------------------------------------------------------------------------

# median N TOOL COLUMN: median over the measured runs (run > 0) of one column of $RAW.
median() {
  awk -F'\t' -v n="$1" -v tool="$2" -v col="$3" '
    NR > 1 && $1 == n && $2 == tool && $3 > 0 { print $col }' "$RAW" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
stat_cpu() {
  awk -F'\t' -v n="$1" -v tool="$2" 'NR > 1 && $1 == n && $2 == tool && $3 > 0 { print $5 + $6 }' "$RAW" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
minmax() {
  awk -F'\t' -v n="$1" -v tool="$2" 'NR > 1 && $1 == n && $2 == tool && $3 > 0 { print $4 }' "$RAW" |
    sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f–%.3f", lo, hi }'
}
# noisy_runs N: measured runs during which other processes used more than 0.1 core on average.
noisy_runs() {
  awk -F'\t' -v n="$1" 'NR > 1 && $1 == n && $3 > 0 && $8 > 0.1 { c++ } END { print c + 0 }' "$RAW"
}

REPORT="$WORK/report-$(date +%Y%m%d-%H%M%S).md"
{
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
       "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "briefgen: $BIN_SRC ($DESCRIBE; sha256 $BIN_HASH)"
  if [ "$HUGO" = 1 ]; then echo "hugo: $(hugo version | cut -d' ' -f1-2)"; fi
  echo "Runs: 1 warm-up + $RUNS measured per tool and size; seed $SEED; medians; raw data $RAW"
  echo
  echo "| N | tool | HTML pages | of which page/1 stubs | files | output MB | wall (s) | wall min–max (s) | CPU user+sys (s) | peak RSS (MiB) | pages/s | other load (cores) |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in $SIZES; do
    for tool in briefgen hugo; do
      if [ "$tool" = hugo ] && [ "${HUGO_N[$n]}" != 1 ]; then continue; fi
      wall=$(median "$n" "$tool" 4); cpu=$(stat_cpu "$n" "$tool"); rss=$(median "$n" "$tool" 7)
      awk -v n="$n" -v t="$tool" -v p="${PAGES[$tool-$n]}" -v st="${STUBS[$tool-$n]}" -v f="${FILES[$tool-$n]}" \
          -v b="${BYTES[$tool-$n]}" -v w="$wall" -v mm="$(minmax "$n" "$tool")" -v c="$cpu" -v r="$rss" \
          -v o="$(median "$n" "$tool" 8)" \
        'BEGIN { printf "| %d | %s | %d | %d | %d | %.0f | %.3f | %s | %.2f | %.0f | %.0f | %.2f |\n",
                 n, t, p, st, f, b / 1e6, w, mm, c, r / 1024, (p - st) / w, o }'
    done
  done
  if [ "$HUGO" = 1 ]; then
    echo
    echo "| N | briefgen wall (s) | Hugo wall (s) | briefgen/Hugo | briefgen CPU / Hugo CPU |"
    echo "| ---: | ---: | ---: | ---: | ---: |"
    for n in $SIZES; do
      if [ "${HUGO_N[$n]}" != 1 ]; then
        awk -v n="$n" -v b="$(median "$n" briefgen 4)" 'BEGIN { printf "| %d | %.3f | skipped (memory) | | |\n", n, b }'
        continue
      fi
      awk -v n="$n" -v b="$(median "$n" briefgen 4)" -v h="$(median "$n" hugo 4)" \
          -v bc="$(stat_cpu "$n" briefgen)" -v hc="$(stat_cpu "$n" hugo)" \
        'BEGIN { printf "| %d | %.3f | %.3f | %.2f | %.2f |\n", n, b, h, b / h, bc / hc }'
    done
  fi
  noisy=""
  for n in $SIZES; do
    c=$(noisy_runs "$n")
    if [ "$c" -gt 0 ]; then noisy="${noisy:+$noisy, }n=$n: $c of $((RUNS * (HUGO_N[$n] + 1)))"; fi
  done
  if [ -n "$noisy" ]; then
    echo
    echo "Note: other processes used more than 0.1 core on average during some measured runs ($noisy), so wall times there are noisy; the \"other load\" column gives the median."
  fi
  # Targets the project has set itself (see BENCHMARKS.md).
  targets=""
  for n in $SIZES; do
    w=$(median "$n" briefgen 4)
    if [ "$n" = 10000 ]; then
      c=$(stat_cpu "$n" briefgen); r=$(median "$n" briefgen 7)
      targets="$targets$(awk -v w="$w" -v c="$c" -v r="$r" 'BEGIN {
        printf "| 10,000: wall ≤ 4.0 s | %.2f s | %s |\n", w, (w <= 4.0 ? "met" : "not met")
        printf "| 10,000: CPU ≤ 6 s | %.2f s | %s |\n", c, (c <= 6.0 ? "met" : "not met")
        printf "| 10,000: peak RSS ≤ 800 MB | %.0f MiB | %s |\n", r / 1024, (r / 1024 <= 800 ? "met" : "not met") }')
"
      if [ "${HUGO_N[$n]}" = 1 ]; then
        h=$(median "$n" hugo 4)
        targets="$targets$(awk -v w="$w" -v h="$h" 'BEGIN {
          printf "| 10,000: briefgen/Hugo ≤ 0.4 | %.2f | %s |\n", w / h, (w / h <= 0.4 ? "met" : "not met") }')
"
      fi
    elif [ "$n" = 100 ]; then
      targets="$targets$(awk -v w="$w" 'BEGIN {
        printf "| 100: wall ≤ 0.10 s | %.3f s | %s |\n", w, (w <= 0.10 ? "met" : "not met") }')
"
    fi
  done
  if [ -n "$targets" ]; then
    echo
    echo "| target | measured | |"
    echo "| --- | ---: | --- |"
    printf '%s' "$targets"
  fi
} > "$REPORT"

cat "$REPORT"
if [ -n "$OUT_FILE" ]; then cp "$REPORT" "$OUT_FILE"; fi
mv "$BIN" "$WORK/briefgen"
log "report saved to $REPORT"
exit 0
}
