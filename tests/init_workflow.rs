//! The Pages workflow `init` writes, run here step by step as far as it goes without GitHub:
//! every `run:` step executes in bash as the runner would (`bash --noprofile --norc -eo
//! pipefail`), with `$GITHUB_PATH`, `$GITHUB_OUTPUT` and `${{ steps.ID.outputs.KEY }}` handled
//! as GitHub does; `uses:` steps (checkout, cache, Pages) are GitHub's and are skipped. A fake
//! release folder, reached through `file://` URLs, stands in for the GitHub release, and a
//! `cargo` that only records its arguments stands in for a compile.
#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the runner is left with after the steps ran.
struct Run {
    /// Each `run:` step's name, exit status and combined output, in order; stops at a failure.
    steps: Vec<(String, bool, String)>,
}

impl Run {
    fn ok(&self) -> bool {
        self.steps.iter().all(|(_, ok, _)| *ok)
    }
    fn log(&self) -> String {
        self.steps
            .iter()
            .map(|(name, ok, out)| format!("--- {name} (ok: {ok})\n{out}"))
            .collect()
    }
}

/// A runner's machine: a home folder, the site checked out, a PATH with a recording `cargo`.
struct Runner {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    site: PathBuf,
    fake_bin: PathBuf,
    cargo_log: PathBuf,
}

impl Runner {
    fn new(init_args: &[&str]) -> Runner {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let site = tmp.path().join("site");
        let fake_bin = tmp.path().join("fake-bin");
        let cargo_log = tmp.path().join("cargo-args");
        fs::create_dir_all(&home).unwrap();
        fs::create_dir_all(&fake_bin).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_briefgen"))
            .arg("init")
            .arg(&site)
            .args(["--title", "Runner Desk"])
            .args(init_args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        // Stands in for cargo: records how it was called, installs nothing.
        let cargo = fake_bin.join("cargo");
        fs::write(
            &cargo,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\n",
                cargo_log.display()
            ),
        )
        .unwrap();
        make_executable(&cargo);
        Runner {
            _tmp: tmp,
            home,
            site,
            fake_bin,
            cargo_log,
        }
    }

    fn workflow(&self) -> serde_yaml_ng::Value {
        let text = fs::read_to_string(self.site.join(".github/workflows/pages.yml")).unwrap();
        serde_yaml_ng::from_str(&text).unwrap()
    }

    /// Runs the build job's `run:` steps; `env` overrides a step's own env (e.g. the release
    /// address).
    fn run_build_job(&self, env: &[(&str, &str)]) -> Run {
        let workflow = self.workflow();
        let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
        let mut outputs: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut path_dirs: Vec<String> = Vec::new();
        let mut run = Run { steps: Vec::new() };
        for (i, step) in steps.iter().enumerate() {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            let name = step["name"].as_str().unwrap_or(script).to_string();
            let github_output = self.home.join(format!("output-{i}"));
            let github_path = self.home.join(format!("path-{i}"));
            fs::write(&github_output, "").unwrap();
            fs::write(&github_path, "").unwrap();
            let system_path = std::env::var("PATH").unwrap_or_default();
            let mut path: Vec<String> = path_dirs.iter().rev().cloned().collect();
            path.push(self.fake_bin.display().to_string());
            path.push(system_path);
            let mut command = Command::new("bash");
            command
                .args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
                .arg(expand(script, &outputs))
                .current_dir(&self.site)
                .env_clear()
                .env("HOME", &self.home)
                .env("PATH", path.join(":"))
                .env("GITHUB_OUTPUT", &github_output)
                .env("GITHUB_PATH", &github_path);
            if let Some(step_env) = step["env"].as_mapping() {
                for (k, v) in step_env {
                    let value = match v {
                        serde_yaml_ng::Value::String(s) => expand(s, &outputs),
                        other => serde_yaml_ng::to_string(other).unwrap().trim().to_string(),
                    };
                    command.env(k.as_str().unwrap(), value);
                }
            }
            for (k, v) in env {
                command.env(k, v);
            }
            let out = command.output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            run.steps.push((name, out.status.success(), text));
            if !out.status.success() {
                break;
            }
            if let Some(id) = step["id"].as_str() {
                let written = fs::read_to_string(&github_output).unwrap();
                let pairs = written
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()));
                outputs.entry(id.to_string()).or_default().extend(pairs);
            }
            path_dirs.extend(
                fs::read_to_string(&github_path)
                    .unwrap()
                    .lines()
                    .map(String::from),
            );
        }
        run
    }

    fn cargo_calls(&self) -> Vec<String> {
        fs::read_to_string(&self.cargo_log)
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect()
    }
}

/// `${{ steps.ID.outputs.KEY }}` from earlier steps (empty when a skipped `uses:` step would
/// have set it), and the one value GitHub's Pages step reports.
fn expand(text: &str, outputs: &HashMap<String, HashMap<String, String>>) -> String {
    let re = regex::Regex::new(r"\$\{\{\s*([^}]*?)\s*\}\}").unwrap();
    re.replace_all(text, |c: &regex::Captures| {
        let expr = &c[1];
        if expr == "steps.pages.outputs.base_url" {
            return "https://me.github.io/desk".to_string();
        }
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["steps", id, "outputs", key] => outputs
                .get(*id)
                .and_then(|o| o.get(*key))
                .cloned()
                .unwrap_or_default(),
            _ => panic!("the test runner does not know the expression {expr}"),
        }
    })
    .into_owned()
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// The target name the workflow's install step picks on this machine.
fn this_target() -> Option<&'static str> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("x86_64-unknown-linux-gnu"),
        ("linux", "aarch64") => Some("aarch64-unknown-linux-gnu"),
        ("macos", "aarch64") => Some("aarch64-apple-darwin"),
        ("macos", "x86_64") => Some("x86_64-apple-darwin"),
        _ => None,
    }
}

/// A release folder laid out as the release workflow publishes one, holding this test's own
/// briefgen binary, copied into `dir`; returns its `file://` address (the workflow's
/// BRIEFGEN_RELEASES). The archive is made once per test run.
fn publish_release(dir: &Path, target: &str) -> String {
    static MADE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let made = MADE.get_or_init(|| make_release(target));
    let release = dir.join(format!("v{VERSION}"));
    fs::create_dir_all(&release).unwrap();
    for entry in fs::read_dir(made).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), release.join(entry.file_name())).unwrap();
    }
    format!("file://{}", dir.display())
}

fn make_release(target: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("init-workflow-release");
    let _ = fs::remove_dir_all(&root);
    let release = root.join("release");
    let staged = root.join("stage").join(format!("briefgen-{target}"));
    fs::create_dir_all(&release).unwrap();
    fs::create_dir_all(&staged).unwrap();
    // A debug binary is mostly debug info: without it the archive takes seconds to make.
    let binary = staged.join("briefgen");
    let stripped = Command::new("strip")
        .arg("--strip-debug")
        .arg("-o")
        .arg(&binary)
        .arg(env!("CARGO_BIN_EXE_briefgen"))
        .status()
        .is_ok_and(|s| s.success());
    if !stripped {
        fs::copy(env!("CARGO_BIN_EXE_briefgen"), &binary).unwrap();
    }
    let archive = format!("briefgen-{target}.tar.xz");
    let status = Command::new("tar")
        .env("XZ_OPT", "-1 -T0")
        .arg("-cJf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(root.join("stage"))
        .arg(format!("briefgen-{target}"))
        .status()
        .unwrap();
    assert!(status.success());
    let sum = Command::new("sha256sum")
        .arg(release.join(&archive))
        .output()
        .unwrap();
    let hex = String::from_utf8(sum.stdout).unwrap();
    let hex = hex.split_whitespace().next().unwrap();
    fs::write(
        release.join(format!("{archive}.sha256")),
        format!("{hex} *{archive}\n"),
    )
    .unwrap();
    release
}

#[test]
fn the_release_binary_is_downloaded_verified_and_builds_the_site_without_compiling() {
    let Some(target) = this_target() else {
        eprintln!("no release target for this machine; skipped");
        return;
    };
    let runner = Runner::new(&["--base-url", "https://me.github.io/desk/"]);
    let releases = tempfile::tempdir().unwrap();
    let url = publish_release(releases.path(), target);
    let run = runner.run_build_job(&[("BRIEFGEN_RELEASES", &url)]);
    assert!(run.ok(), "{}", run.log());
    assert!(
        runner.cargo_calls().is_empty(),
        "{:?}",
        runner.cargo_calls()
    );
    let installed = runner.home.join(".briefgen/bin/briefgen");
    assert!(installed.is_file());
    assert!(run.log().contains(&format!(
        "Installed the prebuilt briefgen {VERSION} for {target}"
    )));
    // The Build step ran the installed binary with the address GitHub reports.
    let public = runner.site.join("public");
    assert!(
        public.join("briefings/welcome/index.html").is_file(),
        "{}",
        run.log()
    );
    let broken = common::broken_links(&public, "/desk/");
    assert!(broken.is_empty(), "{broken:#?}");

    // The next deploy: actions/cache restored ~/.briefgen, so nothing is downloaded.
    fs::remove_dir_all(releases.path().join(format!("v{VERSION}"))).unwrap();
    let again = runner.run_build_job(&[("BRIEFGEN_RELEASES", &url)]);
    assert!(again.ok(), "{}", again.log());
    assert!(
        again.log().contains("restored from the cache"),
        "{}",
        again.log()
    );
    assert!(runner.cargo_calls().is_empty());
}

#[test]
fn a_tampered_archive_is_refused_and_nothing_is_installed() {
    let Some(target) = this_target() else {
        eprintln!("no release target for this machine; skipped");
        return;
    };
    let runner = Runner::new(&[]);
    let releases = tempfile::tempdir().unwrap();
    let url = publish_release(releases.path(), target);
    let sum = releases
        .path()
        .join(format!("v{VERSION}/briefgen-{target}.tar.xz.sha256"));
    fs::write(
        &sum,
        format!("{} *briefgen-{target}.tar.xz\n", "0".repeat(64)),
    )
    .unwrap();
    let run = runner.run_build_job(&[("BRIEFGEN_RELEASES", &url)]);
    assert!(!run.ok());
    let (name, _, out) = run.steps.last().unwrap();
    assert_eq!(name, "Install briefgen");
    assert!(out.contains("does not match the published"), "{out}");
    assert!(!runner.home.join(".briefgen/bin/briefgen").exists());
    assert!(runner.cargo_calls().is_empty());
}

#[test]
fn without_a_prebuilt_binary_the_pinned_version_is_installed_from_crates_io() {
    let runner = Runner::new(&[]);
    let empty = tempfile::tempdir().unwrap();
    let url = format!("file://{}", empty.path().display());
    let run = runner.run_build_job(&[("BRIEFGEN_RELEASES", &url)]);
    // The recording cargo installs nothing, so the Build step cannot find briefgen: the run
    // goes as far as it can without crates.io.
    let install = run
        .steps
        .iter()
        .find(|(name, ..)| name == "Install briefgen")
        .unwrap();
    assert!(install.1, "{}", run.log());
    assert!(
        install.2.contains("building it from crates.io"),
        "{}",
        install.2
    );
    let root = runner.home.join(".briefgen");
    assert_eq!(
        runner.cargo_calls(),
        [format!(
            "install briefgen --version {VERSION} --locked --root {}",
            root.display()
        )]
    );
}

#[test]
fn a_fork_is_resolved_to_a_commit_that_names_the_cache_and_the_install() {
    // A local repository stands in for the fork: `git ls-remote` resolves its branch for real.
    let fork = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(fork.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q", "-b", "trunk"]);
    git(&["commit", "-q", "--allow-empty", "-m", "fork"]);
    let commit = git(&["rev-parse", "HEAD"]).trim().to_string();
    let url = format!("file://{}", fork.path().display());
    let runner = Runner::new(&["--briefgen-git", &url, "--rev", "trunk"]);
    let workflow = runner.workflow();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .unwrap();
    assert!(cache["with"]["key"]
        .as_str()
        .unwrap()
        .ends_with("${{ steps.briefgen-rev.outputs.commit }}"));
    let run = runner.run_build_job(&[]);
    let install = run
        .steps
        .iter()
        .find(|(name, ..)| name == "Install briefgen")
        .unwrap();
    assert!(install.1, "{}", run.log());
    let root = runner.home.join(".briefgen");
    assert_eq!(
        runner.cargo_calls(),
        [format!(
            "install --locked --git {url} --rev {commit} --root {} --force briefgen",
            root.display()
        )]
    );
}
