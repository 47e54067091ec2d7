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
        |r| r.contains("cargo install --locked --git \"$BRIEFGEN_GIT\" --rev \"$BRIEFGEN_COMMIT\"")
    ));
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install briefgen")
        .unwrap();
    assert_eq!(
        install["env"]["BRIEFGEN_GIT"],
        "https://github.com/example/briefgen"
    );
    assert!(runs
        .iter()
        .any(|r| r.contains("briefgen build --base-url \"${{ steps.pages.outputs.base_url }}/\"")));
    let deploy = wf["jobs"]["deploy"]["steps"].as_sequence().unwrap();
    assert!(deploy.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/deploy-pages@"))));
}

/// The steps of a fresh site's workflow, by name.
fn workflow_steps(dir: &std::path::Path) -> Vec<serde_yaml_ng::Value> {
    let text = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
    let wf: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).expect("workflow is YAML");
    wf["jobs"]["build"]["steps"].as_sequence().unwrap().clone()
}

#[test]
fn a_new_site_pins_the_briefgen_version_that_wrote_it_and_caches_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = init(&dir, &[]);
    assert!(out.status.success());
    let version = env!("CARGO_PKG_VERSION");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("installs briefgen {version}")));
    let steps = workflow_steps(&dir);
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install briefgen")
        .unwrap();
    assert_eq!(install["env"]["BRIEFGEN_VERSION"], version);
    assert_eq!(
        install["env"]["BRIEFGEN_RELEASES"],
        briefgen::init::RELEASES
    );
    let script = install["run"].as_str().unwrap();
    assert!(script.contains(
        "cargo install briefgen --version \"$BRIEFGEN_VERSION\" --locked --root \"$root\""
    ));
    assert!(!script.contains("--path"));
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .unwrap();
    assert_eq!(cache["with"]["path"], "~/.briefgen");
    assert_eq!(
        cache["with"]["key"],
        format!("briefgen-{version}-${{{{ runner.os }}}}-${{{{ runner.arch }}}}")
    );
    // The cache is restored before the install step looks for the binary.
    let position = |pred: &dyn Fn(&serde_yaml_ng::Value) -> bool| steps.iter().position(pred);
    assert!(
        position(&|s| s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/cache@")))
            < position(&|s| s["name"] == "Install briefgen")
    );
}

#[test]
fn the_source_checkout_is_used_only_beside_briefgens_own_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[package]\nname = \"briefgen\"\nversion = \"9.9.9\"\n",
            true,
        ),
        (
            "[package]\nname = \"my-tool\"\nversion = \"1.0.0\"\n",
            false,
        ),
        ("this is not toml [", false),
    ];
    for (i, (manifest, source)) in cases.iter().enumerate() {
        let dir = tmp.path().join(format!("site-{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        assert!(init(&dir, &[]).status.success());
        let text = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
        assert_eq!(
            text.contains("cargo install --locked --path ."),
            *source,
            "{manifest}"
        );
        assert_eq!(text.contains("BRIEFGEN_VERSION"), !source, "{manifest}");
    }
}

#[test]
fn rev_needs_a_fork_to_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(&tmp.path().join("site"), &["--rev", "v1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--briefgen-git"));
}

/// This repository publishes its own example site with the workflow `init` writes beside
/// briefgen's source. Only a checkout has the file (the published crate does not ship it).
#[test]
fn this_repositorys_pages_workflow_is_the_one_init_writes_here() {
    let own = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml");
    if !own.exists() {
        eprintln!("not a checkout of the repository; nothing to compare");
        return;
    }
    assert_eq!(
        std::fs::read_to_string(own).unwrap(),
        briefgen::init::workflow(&briefgen::init::Install::SourceCheckout)
    );
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

/// `cargo binstall` and the Pages workflow must look for the same file of a release: the one
/// cargo-dist publishes as `v{version}/briefgen-{target}.tar.xz` holding `briefgen-{target}/`.
#[test]
fn binstall_metadata_names_the_archive_the_workflow_downloads() {
    let manifest: toml::Table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let package = &manifest["package"];
    let repo = package["repository"].as_str().unwrap();
    let binstall = &package["metadata"]["binstall"];
    let target = "x86_64-unknown-linux-gnu";
    let fill = |template: &str| {
        template
            .replace("{ repo }", repo)
            .replace("{ version }", env!("CARGO_PKG_VERSION"))
            .replace("{ name }", "briefgen")
            .replace("{ target }", target)
            .replace("{ archive-suffix }", ".tar.xz")
            .replace("{ bin }", "briefgen")
            .replace("{ binary-ext }", "")
    };
    let url = fill(binstall["pkg-url"].as_str().unwrap());
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("txz"));
    assert_eq!(
        url,
        format!(
            "{}/v{}/briefgen-{target}.tar.xz",
            briefgen::init::RELEASES,
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(
        fill(binstall["bin-dir"].as_str().unwrap()),
        format!("briefgen-{target}/briefgen")
    );
    assert!(briefgen::init::RELEASES.starts_with(repo));
}
