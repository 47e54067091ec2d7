#!/usr/bin/env bash
# Quality gates for a built briefgen site: HTML validity (Nu HTML Checker), accessibility (axe-core
# in headless Chromium), internal links, Atom feeds (RFC 4287), the sitemap (sitemaps.org XSD) and
# screenshots with a no-horizontal-scroll check at 390 px. Prints one line per gate with its
# duration and result, then `gates: N passed, M failed`; exits 1 if any gate failed.
#
#   bash scripts/gates/run.sh                      # builds the example site with
#                                                  # target/release/briefgen into target/gates-site
#   bash scripts/gates/run.sh --site DIR --base-url URL   # checks an already built site
#
# Options: --site DIR, --base-url URL (default with --site: read from DIR/robots.txt's Sitemap
# line), --screens DIR (default target/screenshots), --only html,a11y,links,feeds,sitemap,screens,
# --dark (axe also in dark mode), --all-pages (axe on every page, slow).
# Installs what is missing: chromium, a CJK font, libxml2-utils and python3-venv (apt-get), vnu-jar (npm -g),
# tests/e2e's npm packages (npm ci) and feedparser (pip, into target/gates-venv).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GATES="$REPO/scripts/gates"
E2E="$REPO/tests/e2e"
VNU_VERSION=26.9.27
FEEDPARSER_VERSION=6.0.14

SITE=""
BASE_URL=""
SCREENS="$REPO/target/screenshots"
ONLY="html,a11y,links,feeds,sitemap,screens"
BROWSER_FLAGS=()
usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --site) SITE="${2:?--site needs a folder}"; shift 2 ;;
    --base-url) BASE_URL="${2:?--base-url needs a URL}"; shift 2 ;;
    --screens) SCREENS="${2:?--screens needs a folder}"; shift 2 ;;
    --only) ONLY="${2:?--only needs a list}"; shift 2 ;;
    --dark) BROWSER_FLAGS+=(--dark); shift ;;
    --all-pages) BROWSER_FLAGS+=(--all-pages); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
for g in ${ONLY//,/ }; do
  case "$g" in html|a11y|links|feeds|sitemap|screens) ;; *) echo "run.sh: unknown gate $g in --only" >&2; exit 2 ;; esac
done
case "$SCREENS" in /*) ;; *) SCREENS="$PWD/$SCREENS" ;; esac
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

WORK="$REPO/target/gates"
mkdir -p "$WORK"

# ---- setup ---------------------------------------------------------------------------------------
t_setup=$(now)
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  echo "  installing $* (apt-get)"
  if [ -z "$APT_UPDATED" ]; then
    $SUDO apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_apt=()
if wants a11y || wants screens; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  # Japanese (and Chinese) pages need a CJK font, or screenshots show empty boxes.
  if ! fc-list :lang=ja 2>/dev/null | grep -q .; then need_apt+=(fonts-ipafont-gothic fonts-ipafont-mincho); fi
fi
if wants sitemap; then command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils); fi
if wants html; then command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless); fi
if [ ${#need_apt[@]} -gt 0 ]; then apt_install "${need_apt[@]}"; fi

if wants html; then
  VNU_JAR="$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar"
  if [ ! -f "$VNU_JAR" ]; then
    echo "  installing vnu-jar@$VNU_VERSION (npm -g)"
    npm install -g --no-audit --no-fund --loglevel=error "vnu-jar@$VNU_VERSION" >/dev/null
    VNU_JAR="$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar"
  fi
fi

if wants a11y || wants screens || wants sitemap; then
  if ! (cd "$E2E" && [ -d node_modules/axe-core ] && [ -d node_modules/sitemap ] && npm ls --depth=0 >/dev/null 2>&1); then
    echo "  installing tests/e2e packages (npm ci)"
    (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  SITEMAP_XSD="$(find "$E2E/node_modules/sitemap" -name sitemap.xsd -print -quit)"
  [ -n "$SITEMAP_XSD" ] || { echo "run.sh: sitemap.xsd not found in tests/e2e/node_modules/sitemap" >&2; exit 1; }
fi

PY=python3
if wants feeds; then
  VENV="$REPO/target/gates-venv"
  PY="$VENV/bin/python"
  if ! "$PY" -c "import feedparser" >/dev/null 2>&1; then
    echo "  installing feedparser==$FEEDPARSER_VERSION (pip, into target/gates-venv)"
    rm -rf "$VENV"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
      rm -rf "$VENV"
      apt_install python3-venv
      python3 -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "feedparser==$FEEDPARSER_VERSION"
  fi
fi
echo "setup: $(secs "$t_setup" "$(now)") s"

# ---- the site ------------------------------------------------------------------------------------
if [ -z "$SITE" ]; then
  BASE_URL="${BASE_URL:-https://example.github.io/briefs/}"
  SITE="$REPO/target/gates-site"
  BIN="$REPO/target/release/briefgen"
  [ -x "$BIN" ] || { echo "run.sh: $BIN is missing: run cargo build --release first" >&2; exit 1; }
  t_build=$(now)
  (cd "$REPO" && "$BIN" build --quiet --base-url "$BASE_URL" --output "$SITE")
  echo "build: $(secs "$t_build" "$(now)") s → target/gates-site ($BASE_URL)"
else
  [ -d "$SITE" ] || { echo "run.sh: --site $SITE is not a folder" >&2; exit 2; }
  SITE="$(cd "$SITE" && pwd)"
  if [ -z "$BASE_URL" ]; then
    BASE_URL="$(sed -n 's/^[Ss]itemap:[[:space:]]*\(.*\)sitemap\.xml[[:space:]]*$/\1/p' "$SITE/robots.txt" 2>/dev/null | head -n1)"
    [ -n "$BASE_URL" ] || { echo "run.sh: give --base-url (no Sitemap line in $SITE/robots.txt to read it from)" >&2; exit 2; }
  fi
  echo "site: $SITE ($BASE_URL)"
fi
case "$BASE_URL" in */) ;; *) BASE_URL="$BASE_URL/" ;; esac

# ---- gates ---------------------------------------------------------------------------------------
PASSED=0
FAILED=0
SUMMARY=()
record() { # name seconds ok(0/1) detail
  local line
  line=$(printf '%-9s %-6s %6s s  %s' "$1" "$([ "$3" -eq 0 ] && echo PASS || echo FAIL)" "$2" "$4")
  echo "gate $line"
  SUMMARY+=("$line")
  if [ "$3" -eq 0 ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}
show() { [ -s "$1" ] && sed 's/^/    /' "$1" | head -n 400; return 0; }
run_gate() { # name detail command...
  local name=$1 detail=$2
  shift 2
  local log="$WORK/$name.log" t rc=0
  echo "== $name: $detail"
  t=$(now)
  timeout 600 "$@" >"$log" 2>&1 || rc=$?
  show "$log"
  record "$name" "$(secs "$t" "$(now)")" "$rc" "$detail"
}

if wants html; then
  run_gate html "Nu HTML Checker, errors only" \
    java -jar "$VNU_JAR" --skip-non-html --errors-only "$SITE"
fi
if wants links; then
  run_gate links "internal href/src/#anchors resolve under $(python3 -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path)' "$BASE_URL")" \
    python3 "$GATES/links.py" "$SITE" "$BASE_URL"
fi
if wants feeds; then
  run_gate feeds "Atom feeds: feedparser bozo=0 and RFC 4287" \
    "$PY" "$GATES/feeds.py" "$SITE" "$BASE_URL"
fi
if wants sitemap; then
  run_gate sitemap "sitemaps.org XSD (xmllint) and every <loc> exists" \
    python3 "$GATES/sitemap.py" "$SITE" "$BASE_URL" "$SITEMAP_XSD"
fi
if wants a11y || wants screens; then
  only=()
  if ! wants a11y; then only=(--only screens); elif ! wants screens; then only=(--only a11y); fi
  echo "== a11y + screens: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) at 1280/390 px; screenshots → ${SCREENS#"$REPO"/}"
  report="$WORK/browser.json"
  rm -f "$report"
  t=$(now)
  rc=0
  (cd "$E2E" && timeout 600 node gates_browser.mjs --site "$SITE" --base-url "$BASE_URL" --screens "$SCREENS" \
    --report "$report" ${only[@]+"${only[@]}"} ${BROWSER_FLAGS[@]+"${BROWSER_FLAGS[@]}"}) >"$WORK/browser.log" 2>&1 || rc=$?
  total=$(secs "$t" "$(now)")
  show "$WORK/browser.log"
  for g in a11y screens; do
    wants "$g" || continue
    if [ -f "$report" ]; then
      read -r n s < <("$PY" -c 'import json, sys; g = json.load(open(sys.argv[1]))["gates"][sys.argv[2]]; print(len(g["findings"]), "%.1f" % g["seconds"])' "$report" "$g")
      if [ "$g" = a11y ]; then d="axe-core WCAG 2.1 A/AA: $n finding(s)"; else d="screenshots, no horizontal scroll at 390 px: $n finding(s)"; fi
      record "$g" "$s" "$([ "$n" -eq 0 ] && echo 0 || echo 1)" "$d"
    else
      record "$g" "$total" 1 "the browser run failed (exit $rc) before writing its report: see above"
    fi
  done
fi

echo
echo "summary (details above; logs in ${WORK#"$REPO"/}/):"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "gates: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
