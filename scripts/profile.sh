#!/usr/bin/env bash
# Profiles one briefgen build of a benchmark corpus with perf and summarises where time goes.
#
#   scripts/profile.sh [--n 10000] [--seed 1] [--bin PATH] [--freq 999]
#
# Needs perf (apt-get install -y linux-perf) and the corpus scripts/bench.sh caches under
# /dev/shm/briefgen-bench (run `scripts/bench.sh --sizes N --runs 1` first). Without --bin it
# profiles the binary bench.sh last measured (/dev/shm/briefgen-bench/briefgen). Prints the stage
# timings (BRIEFGEN_TIMINGS=1), perf's flat profile, and scripts/perf_summary.py's breakdown.
# perf.data (about 60 MB per second of build) is left in /dev/shm/briefgen-bench/.
set -euo pipefail

{  # one block, read before it runs (see scripts/bench.sh)
N=10000
SEED=1
BIN=/dev/shm/briefgen-bench/briefgen
FREQ=999
while [ $# -gt 0 ]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --freq) FREQ="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "profile.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK=/dev/shm/briefgen-bench
CORPUS="$WORK/corpus-n$N-s$SEED"
OUT="/dev/shm/out-$N"
command -v perf >/dev/null || { echo "profile.sh: perf not found (apt-get install -y linux-perf)" >&2; exit 1; }
[ -d "$CORPUS" ] || { echo "profile.sh: no corpus at $CORPUS; run scripts/bench.sh --sizes $N --runs 1" >&2; exit 1; }
[ -x "$BIN" ] || { echo "profile.sh: $BIN is not executable" >&2; exit 1; }

echo "== stage timings (BRIEFGEN_TIMINGS=1), after a warm-up build"
"$BIN" build --quiet --root "$CORPUS" --output "$OUT"
BRIEFGEN_TIMINGS=1 "$BIN" build --quiet --root "$CORPUS" --output "$OUT" || true

echo
echo "== perf record -F $FREQ --call-graph dwarf"
perf record -q -F "$FREQ" --call-graph dwarf,65528 -o "$WORK/perf.data" -- \
  "$BIN" build --quiet --root "$CORPUS" --output "$OUT"

echo
echo "== flat profile (self time)"
perf report -i "$WORK/perf.data" --no-children --stdio -g none --percent-limit 0.7 2>/dev/null |
  grep '%' | sed 's/ *$//' | cut -c1-150 | head -40

echo
echo "== breakdown"
perf script -i "$WORK/perf.data" -F comm,tid,ip,sym 2>/dev/null > "$WORK/perf.script"
python3 "$ROOT/scripts/perf_summary.py" "$WORK/perf.script"
rm -f "$WORK/perf.script"
exit 0
}
