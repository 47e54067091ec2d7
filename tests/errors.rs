//! Every error class a build reports: where, what, what to do; exit 1; nothing written.

mod common;

use std::fs;

use common::{walkdir, Fixture};

fn good(f: &Fixture) {
    f.article(
        "briefings/good.md",
        "title = \"Good\"\ndate = 2024-01-01",
        "Fine.",
    );
}

#[test]
fn every_bad_file_is_reported_at_once_with_line_and_column() {
    let f = Fixture::new();
    good(&f);
    f.article(
        "briefings/bad-date.md",
        "title = \"A\"\ndate = \"next Tuesday\"",
        "x",
    );
    f.article("briefings/bad-toml.md", "title = \"A\"\ndate = = 2024", "x");
    f.write(
        "content/briefings/unclosed.md",
        "+++\ntitle = \"A\"\n\nBody without a closing fence\n",
    );
    f.write(
        "content/briefings/bad-yaml.md",
        "---\ntitle: A\ntags: [x, y\n---\nx\n",
    );
    f.article("briefings/no-title.md", "date = 2024-01-01", "x");
    f.article(
        "briefings/unknown-key.md",
        "title = \"A\"\ndate = 2024-01-01\ncolour = \"red\"",
        "x",
    );
    f.article(
        "briefings/wrong-type.md",
        "title = \"A\"\ndate = 2024-01-01\ntags = 3",
        "x",
    );
    f.article(
        "briefings/bad-url.md",
        "title = \"A\"\ndate = 2024-01-01\n[source]\nurl = \"javascript:alert(1)\"",
        "x",
    );
    f.article(
        "briefings/bad-lang.md",
        "title = \"A\"\ndate = 2024-01-01\n[source]\noriginal_language = \"Japanese\"",
        "x",
    );
    f.write_bytes(
        "content/briefings/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2024-01-01\n+++\n",
    );
    f.write("content/briefings/empty.md", "");
    f.article(
        "briefings/broken-link.md",
        "title = \"A\"\ndate = 2024-01-01",
        "See [this](@/briefings/missing.md).",
    );
    let err = f.build_fails();
    let expect = [
        (
            "bad-date.md:3:8",
            "invalid `date`: `next Tuesday` is not a date",
        ),
        ("bad-toml.md:3:", "invalid TOML front matter"),
        ("unclosed.md:1:1", "never closed"),
        ("bad-yaml.md:", "invalid YAML front matter"),
        ("no-title.md:1:1", "missing `title`"),
        ("unknown-key.md:4:1", "unknown front-matter key `colour`"),
        ("wrong-type.md:4:8", "`tags` must be a list of strings"),
        ("bad-url.md:5:7", "`source.url` must be an http(s) address"),
        ("bad-lang.md:5:21", "ISO 639-1"),
        ("latin1.md:2:", "not valid UTF-8"),
        ("empty.md", "missing front matter"),
        (
            "broken-link.md:6:5",
            "link to `@/briefings/missing.md` points at no content file",
        ),
    ];
    for (location, message) in expect {
        assert!(err.contains(location), "no location {location} in:\n{err}");
        assert!(err.contains(message), "no message {message} in:\n{err}");
    }
    assert!(err.contains("= help:"), "errors carry hints");
    assert!(err.contains("build failed with 12 errors"), "{err}");
    assert!(!f.out().exists(), "nothing written");
    assert!(
        !err.contains("panicked") && !err.contains("Error {"),
        "no panics or debug dumps"
    );
}

#[test]
fn duplicate_urls_name_both_files() {
    let f = Fixture::new();
    f.article(
        "briefings/one.md",
        "title = \"A\"\ndate = 2024-01-01\nslug = \"same\"",
        "x",
    );
    f.article(
        "briefings/two.md",
        "title = \"B\"\ndate = 2024-01-01\nslug = \"same\"",
        "x",
    );
    let err = f.build_fails();
    assert!(
        err.contains("two sources produce the page /briefings/same/"),
        "{err}"
    );
    assert!(err.contains("one.md") && err.contains("two.md"), "{err}");
}

#[test]
fn config_errors_name_the_key_and_line() {
    let f =
        Fixture::with_config("title = \"T\"\nbase_url = \"https://x.org/\"\n\ncolour = \"red\"\n");
    good(&f);
    let err = f.build_fails();
    assert!(err.contains("unknown key `colour`"), "{err}");
    assert!(err.contains("site.toml:4:1"), "{err}");

    let f = Fixture::with_config("title = \"T\"\n");
    good(&f);
    let err = f.build_fails();
    assert!(err.contains("missing required key `base_url`"), "{err}");

    let f = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://x.org/\"\npaginate_by = \"ten\"\n",
    );
    good(&f);
    let err = f.build_fails();
    assert!(err.contains("site.toml:3:"), "{err}");
}

#[test]
fn missing_site_toml_says_what_to_do() {
    let f = Fixture::new();
    fs::remove_file(f.root().join("site.toml")).unwrap();
    let err = f.build_fails();
    assert!(err.contains("cannot read site.toml"), "{err}");
    assert!(err.contains("--root"), "{err}");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let f = Fixture::new();
    good(&f);
    f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title }</p>\n{% endblock content %}\n");
    let err = f.build_fails();
    assert!(err.contains("templates/article.html:3:"), "{err}");

    let f = Fixture::new();
    good(&f);
    f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n\n<p>{{ page.titel }}</p>\n{% endblock content %}\n");
    let err = f.build_fails();
    assert!(err.contains("page.titel"), "{err}");
    assert!(err.contains("templates/article.html:4:"), "{err}");
    assert_eq!(
        err.matches("error: template error").count(),
        1,
        "reported once, not per page:\n{err}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let f = Fixture::new();
    good(&f);
    f.build(&[]);
    let snapshot: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir(&f.out())
        .into_iter()
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    assert!(!snapshot.is_empty());
    f.article("briefings/bad.md", "title = \"A\"\ndate = \"soon\"", "x");
    f.build_fails();
    let after: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir(&f.out())
        .into_iter()
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    assert_eq!(snapshot, after);
    // No staging folders are left beside it.
    let leftovers: Vec<_> = fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_failure_also_keeps_the_previous_output() {
    let f = Fixture::new();
    good(&f);
    f.build(&[]);
    let before = fs::read(f.out().join("index.html")).unwrap();
    f.write("templates/index.html", "{{ nope() }}");
    f.build_fails();
    assert_eq!(fs::read(f.out().join("index.html")).unwrap(), before);
}

#[test]
fn refuses_to_replace_a_folder_that_is_not_build_output() {
    let f = Fixture::new();
    good(&f);
    f.write("public/notes.txt", "precious");
    let err = f.build_fails();
    assert!(
        err.contains("does not look like a briefgen output folder"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(f.out().join("notes.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn help_is_complete() {
    let f = Fixture::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .arg("build")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts", "--quiet"] {
        assert!(help.contains(flag), "build --help lacks {flag}:\n{help}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("build"));
    drop(f);
}
