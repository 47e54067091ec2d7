//! `briefgen init`: a new archive that builds at once, publishes to GitHub Pages, and is never
//! written over an existing site by accident.

mod common;

use std::process::Command;

fn init(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .arg("init")
        .arg(dir)
        .args([
            "--title",
            "Harbour Desk",
            "--base-url",
            "https://me.github.io/desk/",
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn build(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .args(["build", "--quiet", "--root"])
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn a_new_site_builds_and_links_under_its_sub_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = init(&dir, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "site.toml",
        "content/briefings/welcome.md",
        "content/about.md",
        ".gitignore",
        ".github/workflows/pages.yml",
        "README.md",
    ] {
        assert!(dir.join(f).is_file(), "missing {f}");
    }
    assert!(std::fs::read_to_string(dir.join(".gitignore"))
        .unwrap()
        .contains("/public/"));
    let out = build(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.join("public");
    assert!(public.join("briefings/welcome/index.html").is_file());
    assert!(public.join(".nojekyll").is_file());
    let broken = common::broken_links(&public, "/desk/");
    assert!(broken.is_empty(), "{broken:#?}");
    let site = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(site.contains("title = \"Harbour Desk\""));
    assert!(site.contains("base_url = \"https://me.github.io/desk/\""));
}

#[test]
fn refuses_to_overwrite_an_existing_site_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("site.toml"), "title = \"Mine\"\n").unwrap();
    let out = init(dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.join("site.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    let out = init(dir, &["--force"]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(dir.join("site.toml"))
        .unwrap()
        .contains("Harbour Desk"));
}

#[test]
fn the_pages_workflow_has_what_github_pages_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    assert!(init(
        &dir,
        &["--briefgen-git", "https://github.com/example/briefgen"]
    )
    .status
    .success());
    let text = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
    let wf: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).expect("workflow is YAML");
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");
    assert!(wf["concurrency"]["group"].as_str().is_some());
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/checkout@")));
    assert!(uses
        .iter()
        .any(|u| u.starts_with("actions/configure-pages@")));
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .unwrap();
    assert_eq!(upload["with"]["include-hidden-files"], true);
    assert_eq!(upload["with"]["path"], "public");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(
        |r| r.contains("cargo install --locked --git https://github.com/example/briefgen briefgen")
    ));
    assert!(runs
        .iter()
        .any(|r| r.contains("briefgen build --base-url \"${{ steps.pages.outputs.base_url }}/\"")));
    let deploy = wf["jobs"]["deploy"]["steps"].as_sequence().unwrap();
    assert!(deploy.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/deploy-pages@"))));
    // This repository publishes its own example site with the same workflow.
    let own = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.github/workflows/pages.yml"
    ))
    .unwrap();
    assert_eq!(own, briefgen::init::workflow(None));
}

#[test]
fn with_theme_copies_the_built_in_theme_and_cname_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    assert!(init(&dir, &["--with-theme"]).status.success());
    assert!(dir.join("templates/article.html").is_file());
    assert!(dir.join("static/style.css").is_file());
    let site = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        site.replace(
            "# cname = \"briefs.example.org\"",
            "cname = \"briefs.example.org\"",
        ),
    )
    .unwrap();
    assert!(build(&dir).status.success());
    assert_eq!(
        std::fs::read_to_string(dir.join("public/CNAME")).unwrap(),
        "briefs.example.org\n"
    );
}
