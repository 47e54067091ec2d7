//! The GitHub Pages workflow `init` writes: install a pinned briefgen, build with the address
//! GitHub reports, deploy. Installing is the slow part of a deploy, so every way of installing
//! keeps the installed binary in `~/.briefgen` under an `actions/cache` key that names exactly
//! what was installed; deploys after the first restore it in seconds.

use std::path::Path;

/// Where a site's workflow gets briefgen from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    /// A released version: the prebuilt binary attached to its GitHub release when there is one
    /// for the runner (checksum verified), else `cargo install` from crates.io.
    Release { version: String },
    /// A fork or branch: `cargo install --git URL`, at `rev` (a branch, tag or commit) or the
    /// repository's default branch, resolved to a commit on every run.
    Git { url: String, rev: Option<String> },
    /// The site lives beside briefgen's own source (`cargo install --path .`).
    SourceCheckout,
}

/// Where releases are downloaded from: `{RELEASES}/v{version}/briefgen-{target}.tar.xz`, the
/// layout the release workflow (cargo-dist) publishes. The lead confirms the address.
pub const RELEASES: &str = "https://github.com/briefgen/briefgen/releases/download";

impl Install {
    /// The choice for a site written into `dir`: the fork when one is named, the source
    /// checkout when `dir` holds briefgen's own Cargo.toml, else the version running now.
    pub fn choose(dir: &Path, git: Option<String>, rev: Option<String>) -> Install {
        if let Some(url) = git {
            return Install::Git { url, rev };
        }
        if is_briefgen_checkout(dir) {
            return Install::SourceCheckout;
        }
        Install::Release {
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// One line for the terminal after `init`.
    pub fn describe(&self) -> String {
        match self {
            Install::Release { version } => format!(
                "installs briefgen {version} (a prebuilt binary when the release has one, else from crates.io)"
            ),
            Install::Git { url, rev: Some(rev) } => format!("builds briefgen from {url} at {rev}"),
            Install::Git { url, rev: None } => {
                format!("builds briefgen from {url} (its default branch)")
            }
            Install::SourceCheckout => {
                "builds briefgen from the source beside the site (cargo install --path .)".into()
            }
        }
    }
}

/// True when `dir/Cargo.toml` is briefgen's own manifest.
fn is_briefgen_checkout(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
        return false;
    };
    let Ok(manifest) = text.parse::<toml::Table>() else {
        return false;
    };
    manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        == Some("briefgen")
}

/// The whole workflow file.
pub fn workflow(install: &Install) -> String {
    SKELETON
        .replace("@INSTALL_STEPS@\n", &install_steps(install))
        .replace("@HEADER@", &header(install))
}

fn header(install: &Install) -> String {
    match install {
        Install::Release { version } => format!(
            "# Installs briefgen {version}, the version that wrote this file. To upgrade, change\n\
             # BRIEFGEN_VERSION below (or run a newer `briefgen init --force`)."
        ),
        Install::Git { .. } => "# Installs briefgen from the git repository named below.".into(),
        Install::SourceCheckout => {
            "# Installs briefgen from this repository's own source, which the site lives beside."
                .into()
        }
    }
}

fn install_steps(install: &Install) -> String {
    match install {
        Install::Release { version } => RELEASE_STEPS
            .replace("@VERSION@", version)
            .replace("@RELEASES@", RELEASES),
        Install::Git { url, rev } => GIT_STEPS
            .replace("@URL@", &yaml_string(url))
            .replace("@REV@", &yaml_string(rev.as_deref().unwrap_or("HEAD"))),
        Install::SourceCheckout => SOURCE_STEPS.to_string(),
    }
}

/// A double-quoted YAML scalar (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

const SKELETON: &str = r#"# Builds the archive with briefgen and publishes it on GitHub Pages.
# In the repository's Settings → Pages, set the source to "GitHub Actions".
@HEADER@
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits rather than cancelling one in progress.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
@INSTALL_STEPS@
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build
        run: briefgen build --base-url "${{ steps.pages.outputs.base_url }}/"
      - name: Upload artifact
        uses: actions/upload-pages-artifact@v5
        with:
          path: public
          # .nojekyll must reach Pages.
          include-hidden-files: true

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy
        id: deployment
        uses: actions/deploy-pages@v4
"#;

// The archive names and layout are cargo-dist's: `briefgen-TARGET.tar.xz` holding
// `briefgen-TARGET/briefgen`, and `briefgen-TARGET.tar.xz.sha256` as "HEX *NAME".
const RELEASE_STEPS: &str = r#"      - name: Restore briefgen from the cache
        uses: actions/cache@v4
        with:
          path: ~/.briefgen
          key: briefgen-@VERSION@-${{ runner.os }}-${{ runner.arch }}
      - name: Install briefgen
        env:
          BRIEFGEN_VERSION: "@VERSION@"
          BRIEFGEN_RELEASES: @RELEASES@
        run: |
          set -euo pipefail
          root="$HOME/.briefgen"
          if [ "$("$root/bin/briefgen" --version 2>/dev/null)" = "briefgen $BRIEFGEN_VERSION" ]; then
            echo "briefgen $BRIEFGEN_VERSION restored from the cache"
          else
            case "$(uname -s)-$(uname -m)" in
              Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
              Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-gnu ;;
              Darwin-arm64) target=aarch64-apple-darwin ;;
              Darwin-x86_64) target=x86_64-apple-darwin ;;
              *) target=none ;;
            esac
            archive="briefgen-$target.tar.xz"
            url="$BRIEFGEN_RELEASES/v$BRIEFGEN_VERSION/$archive"
            tmp="$(mktemp -d)"
            if [ "$target" != none ] && curl --fail --silent --show-error --location --retry 3 --output "$tmp/$archive" "$url"; then
              curl --fail --silent --show-error --location --retry 3 --output "$tmp/$archive.sha256" "$url.sha256"
              expected="$(cut -d ' ' -f 1 "$tmp/$archive.sha256")"
              if command -v sha256sum >/dev/null; then
                actual="$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)"
              else
                actual="$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)"
              fi
              if [ "$expected" != "$actual" ]; then
                echo "::error::$archive: checksum $actual does not match the published $expected"
                exit 1
              fi
              tar -xJf "$tmp/$archive" -C "$tmp"
              mkdir -p "$root/bin"
              install -m 755 "$tmp/briefgen-$target/briefgen" "$root/bin/briefgen"
              echo "Installed the prebuilt briefgen $BRIEFGEN_VERSION for $target (sha256 $actual)"
            else
              echo "No prebuilt briefgen $BRIEFGEN_VERSION for $(uname -sm): building it from crates.io"
              cargo install briefgen --version "$BRIEFGEN_VERSION" --locked --root "$root"
            fi
            rm -rf "$tmp"
          fi
          echo "$root/bin" >> "$GITHUB_PATH"
"#;

const GIT_STEPS: &str = r#"      - name: Install Rust
        uses: dtolnay/rust-toolchain@stable
      - name: Find briefgen's commit
        id: briefgen-rev
        env:
          BRIEFGEN_GIT: @URL@
          BRIEFGEN_REV: @REV@
        run: |
          set -euo pipefail
          # A branch or tag resolves to its commit; a commit id is used as it is.
          commit="$(git ls-remote "$BRIEFGEN_GIT" "$BRIEFGEN_REV" | head -n 1 | cut -f 1)"
          echo "commit=${commit:-$BRIEFGEN_REV}" >> "$GITHUB_OUTPUT"
      - name: Restore briefgen from the cache
        uses: actions/cache@v4
        with:
          path: ~/.briefgen
          key: briefgen-git-${{ runner.os }}-${{ runner.arch }}-${{ steps.briefgen-rev.outputs.commit }}
      - name: Install briefgen
        env:
          BRIEFGEN_GIT: @URL@
          BRIEFGEN_COMMIT: ${{ steps.briefgen-rev.outputs.commit }}
        run: |
          set -euo pipefail
          root="$HOME/.briefgen"
          if [ -x "$root/bin/briefgen" ] && [ "$(cat "$root/commit" 2>/dev/null)" = "$BRIEFGEN_COMMIT" ]; then
            echo "briefgen at $BRIEFGEN_COMMIT restored from the cache"
          else
            cargo install --locked --git "$BRIEFGEN_GIT" --rev "$BRIEFGEN_COMMIT" --root "$root" --force briefgen
            mkdir -p "$root"
            echo "$BRIEFGEN_COMMIT" > "$root/commit"
          fi
          echo "$root/bin" >> "$GITHUB_PATH"
"#;

const SOURCE_STEPS: &str = r#"      - name: Install Rust
        uses: dtolnay/rust-toolchain@stable
      - name: Restore briefgen from the cache
        id: briefgen-cache
        uses: actions/cache@v4
        with:
          path: ~/.briefgen
          key: briefgen-src-${{ runner.os }}-${{ runner.arch }}-${{ hashFiles('Cargo.toml', 'Cargo.lock', 'src/**', 'vendor/**', 'templates/**', 'static/**') }}
      - name: Install briefgen
        env:
          CACHE_HIT: ${{ steps.briefgen-cache.outputs.cache-hit }}
        run: |
          set -euo pipefail
          root="$HOME/.briefgen"
          if [ "$CACHE_HIT" = true ] && [ -x "$root/bin/briefgen" ]; then
            echo "briefgen built from these sources restored from the cache"
          else
            cargo install --locked --path . --root "$root" --force
          fi
          echo "$root/bin" >> "$GITHUB_PATH"
"#;
