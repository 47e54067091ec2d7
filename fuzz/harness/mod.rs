//! What each fuzz target does with one input, shared by the libFuzzer targets in
//! `fuzz/fuzz_targets/` and by `tests/fuzz_regressions.rs`, so a saved crash input is replayed
//! through exactly the code that found it. Every function panics when an invariant breaks.

use std::path::Path;
use std::sync::OnceLock;

use briefgen::config::SiteConfig;
use briefgen::discover::{SourceFile, SourceKind};
use briefgen::import::{self, ImportOptions, Vocabulary};
use briefgen::markdown::{self, LinkContext};
use briefgen::model::DocKind;
use briefgen::normalise;
use briefgen::serve::paths::{parse_request_path, PathError};

/// The example site's own configuration: five taxonomies and a default author.
fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| {
        SiteConfig::parse(include_str!("../../site.toml"), Path::new("site.toml"))
            .expect("the example site.toml is valid")
    })
}

/// Where a fuzzed file sits decides how it is read; the first byte picks one of these.
const PLACES: [(SourceKind, &str); 6] = [
    (SourceKind::Article, "briefings/fuzz.md"),
    // No letters in the file name: the slug must come from the title.
    (SourceKind::Article, "briefings/---.md"),
    (SourceKind::Article, "briefings/2024/fuzz/index.md"),
    (SourceKind::Article, "authors/fuzz.md"),
    (SourceKind::SectionIndex, "briefings/_index.md"),
    (SourceKind::Page, "about.md"),
];

/// Decodes, splits, parses and normalises one file the way `build` does
/// (`normalise::decode` then `normalise::normalise`, which calls `frontmatter::split`/`parse`).
pub fn frontmatter_normalise(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (kind, rel) = PLACES[usize::from(pick) % PLACES.len()];
    let source = SourceFile {
        kind,
        path: Path::new("content").join(rel),
        rel: rel.to_string(),
    };
    let Ok(text) = normalise::decode(rest.to_vec()) else {
        return;
    };
    check_document(&source, &text);
}

fn check_document(source: &SourceFile, text: &str) {
    let display = Path::new("content").join(&source.rel);
    match normalise::normalise(source, text, config(), &display) {
        Ok(doc) => {
            assert!(
                doc.kind == DocKind::SectionIndex || !doc.title.is_empty(),
                "a document loaded without a title"
            );
            assert_safe_output_path(&doc.path);
            for (taxonomy, terms) in &doc.terms {
                for term in terms {
                    assert!(
                        is_url_slug(&term.slug),
                        "{taxonomy} term {:?} got slug {:?}",
                        term.name,
                        term.slug
                    );
                }
                let again = normalise::term_list(terms.iter().map(|t| t.name.as_str()));
                assert_eq!(&again, terms, "term canonicalisation is not idempotent");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            let lines = text.split('\n').count();
            for d in &diagnostics {
                assert!(!d.message.is_empty());
                if let Some(line) = d.line {
                    assert!(
                        (1..=lines).contains(&line),
                        "diagnostic line {line} outside the file's {lines} lines: {d}"
                    );
                }
            }
        }
    }
}

/// A document's output path: `/`-separated, relative, never climbing out of the output folder.
fn assert_safe_output_path(path: &str) {
    assert!(!path.starts_with('/'), "absolute output path {path:?}");
    assert!(!path.contains('\\') && !path.contains('\0'), "{path:?}");
    let dir = path.strip_suffix('/').unwrap_or(path);
    for segment in dir.split('/') {
        assert!(
            !segment.is_empty() && segment != "." && segment != "..",
            "output path {path:?} has segment {segment:?}"
        );
    }
}

fn is_url_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Decodes raw bytes and imports them, as `briefgen import` does; whatever it writes must be a
/// file `build` accepts.
pub fn import(data: &[u8]) {
    let Ok(text) = import::decode_input(data) else {
        return;
    };
    let Ok(record) = import::import_text(&text, &ImportOptions::default()) else {
        return;
    };
    let name = import::file_name(&record);
    assert!(
        name.ends_with(".md") && !name.starts_with(['.', '-']) && !name.contains(['/', '\\']),
        "unsafe file name {name:?}"
    );
    let file = import::to_markdown(&record, &Vocabulary::with_extra(&[]));
    let source = SourceFile {
        kind: SourceKind::Article,
        path: Path::new("content/briefings").join(&name),
        rel: format!("briefings/{name}"),
    };
    let display = Path::new("content").join(&source.rel);
    if let Err(diagnostics) = normalise::normalise(&source, &file, config(), &display) {
        let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!(
            "build rejects what import wrote:\n{}\n--- file ---\n{file}",
            all.join("\n")
        );
    }
}

/// Renders a body the way `build` does, from a page two folders deep; `@/` links resolve when
/// they name a `.md` file.
pub fn markdown(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let resolve = |rel: &str| {
        rel.strip_suffix(".md")
            .filter(|stem| !stem.is_empty() && !stem.contains(char::is_whitespace))
            .map(|stem| format!("{stem}/"))
    };
    let links = LinkContext {
        root: "../../",
        resolve: &resolve,
    };
    // The default mode: raw HTML is sanitised, so no script may come out whatever goes in.
    match markdown::render(body, &links, briefgen::config::RawHtml::Sanitize) {
        Ok(rendered) => {
            assert_eq!(
                count_script_tags(&rendered.html),
                0,
                "a <script> tag survived sanitising:\n{}",
                rendered.html
            );
            // Every `@/` link is either resolved or reported, wherever it sits.
            for attr in ["href=\"@/", "src=\"@/"] {
                assert!(
                    !rendered.html.contains(attr),
                    "unresolved {attr}:\n{}",
                    rendered.html
                );
            }
            for reserved in ["main", "top", "contents", "site-nav", "footnotes", "skip"] {
                assert!(
                    !rendered.anchors.iter().any(|a| a == reserved),
                    "the body took the template's id {reserved:?}"
                );
            }
            let mut ids = rendered.anchors.clone();
            ids.sort_unstable();
            let before = ids.len();
            ids.dedup();
            assert_eq!(
                before,
                ids.len(),
                "duplicate anchors {:?}",
                rendered.anchors
            );
            assert!(rendered.reading_time >= 1);
        }
        Err(broken) => {
            assert!(!broken.is_empty());
            for b in &broken {
                assert!(b.offset <= body.len(), "broken-link offset past the end");
                assert!(b.target.starts_with("@/"), "{:?}", b.target);
            }
        }
    }
}

fn count_script_tags(s: &str) -> usize {
    s.as_bytes()
        .windows(7)
        .filter(|w| w.eq_ignore_ascii_case(b"<script"))
        .count()
}

/// Resolves a request path as `serve` does; an accepted key must name something under the
/// served root, whatever the spelling of the request.
pub fn serve_path(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    match parse_request_path(raw) {
        Ok(request) => {
            let path = raw.split(['?', '#']).next().unwrap_or_default().as_bytes();
            for (i, _) in path.iter().enumerate().filter(|(_, &b)| b == b'%') {
                assert!(
                    path.get(i + 1..i + 3)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
                    "accepted a `%` that is not an escape: {raw:?}"
                );
            }
            let key = &request.key;
            assert!(!key.starts_with('/'), "key {key:?} is absolute");
            assert!(!key.contains(['\\', '\0']), "key {key:?}");
            assert_eq!(request.is_dir, key.is_empty() || key.ends_with('/'));
            let root = Path::new("/srv/site");
            let joined = root.join(key);
            assert!(joined.starts_with(root), "{key:?} left the root");
            for component in Path::new(key).components() {
                assert!(
                    matches!(component, std::path::Component::Normal(_)),
                    "key {key:?} has component {component:?}"
                );
            }
            // What serve looks up next must be just as safe.
            let index = format!("{key}index.html");
            assert!(root.join(&index).starts_with(root));
        }
        Err(PathError::Traversal | PathError::Malformed) => {}
    }
}
