#!/usr/bin/env bash
# Packages the crate as `cargo publish` would and runs the packaged crate's tests, built as
# crates.io users get it: from the packaged files and Cargo.lock alone, so with the registry's
# Tera (`[patch.crates-io]` in our Cargo.toml does not travel) and nothing else of the checkout.
#
#   bash scripts/check_package.sh [--allow-dirty]
#
# Prints the package's file count and size, then `cargo test --locked` of the unpacked crate.
# Dependencies shared with the checkout's own builds are reused from target/ (CARGO_TARGET_DIR),
# so the cost is compiling briefgen and Tera once more, not the whole tree.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
version="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "briefgen"))')"
# --no-verify: the tests below build the packaged crate anyway, tests included.
cargo package --no-verify "$@"
crate="target/package/briefgen-$version.crate"
echo "  $crate: $(tar -tzf "$crate" | grep -vc '/$') files, $(du -k "$crate" | cut -f1) KiB"
if tar -tzf "$crate" | grep -E '^briefgen-[^/]+/(vendor|fuzz|bench|scripts|\.github|\.ci|tests/e2e)/'; then
  echo "check_package.sh: the package holds files the crate does not need (above)" >&2
  exit 1
fi
unpacked="target/package/briefgen-$version"
rm -rf "$unpacked"
# -m: extracted files get the current time, so cargo rebuilds them rather than trusting a
# test binary built from an earlier package at the same path.
tar -xzmf "$crate" -C target/package
grep -q 'name = "tera"' "$unpacked/Cargo.lock"
if grep -A2 'name = "tera"' "$unpacked/Cargo.lock" | grep -q 'source = "registry+'; then
  echo "  the packaged Cargo.lock takes tera from crates.io"
else
  echo "check_package.sh: the packaged Cargo.lock does not take tera from crates.io" >&2
  exit 1
fi
CARGO_TARGET_DIR="$REPO/target" cargo test --locked --manifest-path "$unpacked/Cargo.toml"
