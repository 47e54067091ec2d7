//! A site's own templates cannot hang or crash a build, nor read anything outside the site.

mod common;

use std::fs;

use common::{walkdir, Fixture, SITE_TOML};

fn site(config_extra: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{config_extra}\n{SITE_TOML}"));
    f.article(
        "briefings/good.md",
        "title = \"Good\"\ndate = 2024-01-01",
        "Fine.",
    );
    f
}

/// Builds once with the default theme, then with `template` written at `rel`, and checks the
/// second build fails without touching the first build's output or leaving staging folders.
fn fails_keeping_output(f: &Fixture, rel: &str, template: &str) -> String {
    f.build(&[]);
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir(&f.out())
        .into_iter()
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    f.write(rel, template);
    let err = f.build_fails();
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
    let after: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir(&f.out())
        .into_iter()
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after, "previous output kept byte for byte");
    let leftovers: Vec<String> = fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "staging removed: {leftovers:?}");
    err
}

#[test]
fn a_template_that_loops_forever_is_stopped_at_the_time_limit() {
    let f = site("render_time_limit = 1");
    // 10^10 iterations: hours of work; the guard stops it after a second.
    let err = fails_keeping_output(
        &f,
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}.{% endfor %}{% endfor %}\n{% endblock content %}\n",
    );
    assert!(err.contains("templates/article.html"), "{err}");
    assert!(err.contains("page `briefings/good/`"), "{err}");
    assert!(err.contains("render_time_limit"), "{err}");
}

#[test]
fn a_huge_range_is_refused_instead_of_exhausting_memory() {
    let f = site("");
    f.article("about.md", "title = \"About\"", "x");
    let err = fails_keeping_output(
        &f,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% for i in range(end=1000000000000) %}{{ i }}{% endfor %}{% endblock content %}",
    );
    assert!(
        err.contains("`range` would make 1000000000000 numbers"),
        "{err}"
    );
    assert!(err.contains("templates/page.html"), "{err}");
}

#[test]
fn a_macro_that_calls_itself_forever_is_an_error_not_a_crash() {
    let f = site("");
    f.write(
        "templates/macros_extra.html",
        "{% macro forever(n) %}<i>{{ self::forever(n=n+1) }}</i>{% endmacro forever %}",
    );
    let err = fails_keeping_output(
        &f,
        "templates/article.html",
        "{% import \"macros_extra.html\" as x %}{% extends \"base.html\" %}{% block content %}{{ x::forever(n=1) }}{% endblock content %}",
    );
    assert!(err.contains("nest deeper than 32 levels"), "{err}");
    assert!(err.contains("page `briefings/good/`"), "{err}");
}

#[test]
fn include_cycles_are_rejected_before_rendering_naming_the_templates() {
    let f = site("");
    f.write(
        "templates/partials/a.html",
        "<p>\n{% include \"partials/b.html\" %}</p>",
    );
    let err = fails_keeping_output(
        &f,
        "templates/partials/b.html",
        "{% include \"partials/a.html\" %}",
    );
    assert!(
        err.contains("partials/a.html → partials/b.html → partials/a.html"),
        "{err}"
    );
    assert!(err.contains("templates/partials/a.html:2:4"), "{err}");
}

#[test]
fn templates_cannot_include_files_outside_the_site() {
    let f = site("");
    let secret = tempfile::NamedTempFile::new().unwrap();
    fs::write(secret.path(), "TOP-SECRET").unwrap();
    let rel = format!("../../../../../../../..{}", secret.path().display());
    let err = fails_keeping_output(
        &f,
        "templates/article.html",
        &format!("{{% extends \"base.html\" %}}{{% block content %}}{{% include \"{rel}\" %}}{{% endblock content %}}"),
    );
    assert!(err.contains("not found"), "{err}");
    assert!(!err.contains("TOP-SECRET"), "{err}");
}

#[test]
fn templates_cannot_read_the_environment() {
    let f = site("");
    let err = fails_keeping_output(
        &f,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ get_env(name=\"HOME\") }}{% endblock content %}",
    );
    assert!(err.contains("`get_env` is disabled"), "{err}");
}

#[cfg(unix)]
#[test]
fn template_symlinks_leading_outside_the_site_are_not_read() {
    let f = site("");
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("index.html"),
        "<p>LEAKED {{ site.title }}</p>",
    )
    .unwrap();
    fs::create_dir_all(f.root().join("templates")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("index.html"),
        f.root().join("templates/index.html"),
    )
    .unwrap();
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("template symlink points outside the site"),
        "{stderr}"
    );
    assert!(!f.read("index.html").contains("LEAKED"));
}

#[test]
fn a_bad_time_limit_is_a_config_error_at_its_line() {
    let f = Fixture::with_config(&format!("render_time_limit = -1\n{SITE_TOML}"));
    let err = f.build_fails();
    assert!(err.contains("`render_time_limit` must be"), "{err}");
    assert!(err.contains("site.toml:"), "{err}");
}

#[test]
fn deeply_nested_templates_are_refused_before_the_parser_overflows() {
    for (what, template) in [
        (
            "tags",
            format!(
                "x\n{}y{}",
                "{% if true %}".repeat(1_000),
                "{% endif %}".repeat(1_000)
            ),
        ),
        (
            "brackets",
            format!("x\n{{{{ {}1{} }}}}", "(".repeat(5_000), ")".repeat(5_000)),
        ),
    ] {
        let f = site("");
        let err = fails_keeping_output(&f, "templates/robots.txt", &template);
        assert!(err.contains("template too deeply nested"), "{what}: {err}");
        assert!(err.contains("templates/robots.txt:2:"), "{what}: {err}");
    }
}
