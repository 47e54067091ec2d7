#!/usr/bin/env bash
# Assembles fuzz/seeds/<target>/ from the example site, the test fixtures, ../shared/samples/raw
# (read there, never copied into the repository) and a few hand-written edge cases.
# Usage: fuzz/seed.sh   (from anywhere; rewrites fuzz/seeds/)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
seeds="$fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{frontmatter_normalise,import,markdown,serve_path}

# frontmatter_normalise: the first byte picks where the file sits (see fuzz/harness/mod.rs).
i=0
while IFS= read -r -d '' f; do
  name="$(basename "$(dirname "$f")")-$(basename "$f" .md)"
  { printf "\\x$(printf %02x $((i % 6)))"; cat "$f"; } >"$seeds/frontmatter_normalise/$name"
  i=$((i + 1))
done < <(find "$repo/content" -name '*.md' -print0 | sort -z)
printf '\x00---\ntitle: "Y"\ndate: 20 November 2024\ntags: [a, A, " a "]\n---\nBody\n' \
  >"$seeds/frontmatter_normalise/yaml"
printf '\x01+++\ntitle = "!!!"\ndate = 2024-11-20T09:30:00+09:00\n+++\n' \
  >"$seeds/frontmatter_normalise/punctuation-title"
printf '\x02\xef\xbb\xbf+++\r\ntitle = "A"\r\nlinks = [{ title = "x", url = "mailto:a@b" }]\r\n+++\r\n' \
  >"$seeds/frontmatter_normalise/bom-crlf-profile"

# import: raw page copies.
cp "$repo"/tests/fixtures/import/*.txt "$seeds/import/"
if [ -d "$repo/../shared/samples/raw" ]; then
  cp "$repo"/../shared/samples/raw/*.txt "$seeds/import/"
fi

# markdown: the example site's bodies (front matter cut off) and constructs the renderer treats
# specially.
while IFS= read -r -d '' f; do
  awk 'n >= 2 { print } /^\+\+\+$/ { n++ }' "$f" >"$seeds/markdown/$(basename "$f" .md)"
done < <(find "$repo/content/briefings" -name '*.md' -print0 | sort -z)
cat >"$seeds/markdown/constructs" <<'EOF'
# Title {#main .x}

## Same
## Same

| a | b |
|---|:-:|
| 1 | 2 |

Text[^n] with [a link](@/briefings/x.md#part), [root](/tags/), ![img](/a.png "t").

[^n]: A note.

- [ ] task
- [x] done

```rust,ignore
fn main() { println!("<script>"); }
```

```nosuchlang {.x}
<b>&amp;
```

    indented <script>

"Quotes" -- and ~~strike~~. 北朝鮮の安全保障。
EOF
printf '[broken](@/nowhere)\n' >"$seeds/markdown/broken-link"

# serve_path: request paths in many spellings.
n=0
for p in / /index.html /tags/north-korea/ '/style.css?v=1#x' /caf%C3%A9/ //etc/passwd \
  /../etc/passwd /%2e%2e/etc /..%2fetc /a/%2E%2E/b /./x /a/.. '/a\b' /%5c..%5cetc /%00 /%zz \
  /%c3 /%2F%2Fx /briefings/x '/a/%2e/b/' /C:/windows /%u002e; do
  printf '%s' "$p" >"$seeds/serve_path/$n"
  n=$((n + 1))
done
echo "seeds in $seeds: $(find "$seeds" -type f | wc -l) files"
