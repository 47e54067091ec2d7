//! Terminal niceties: completion scripts and man pages generated from the clap definitions,
//! and `--verbose`.

use std::process::Command;

fn briefgen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .args(args)
        .env_remove("BRIEFGEN_TIMINGS")
        .output()
        .unwrap()
}

#[test]
fn completion_scripts_know_every_command_and_flag_for_each_shell() {
    let table = [
        ("bash", "complete -F _briefgen"),
        ("zsh", "#compdef briefgen"),
        ("fish", "complete -c briefgen"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in table {
        let out = briefgen(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: no {marker}");
        for word in [
            "build",
            "serve",
            "import",
            "init",
            "check",
            "base-url",
            "briefgen-git",
        ] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    let out = briefgen(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values"));
}

#[test]
fn the_man_page_prints_or_installs_one_page_per_command() {
    let out = briefgen(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH briefgen 1"), "{}", &page[..200]);
    assert!(page.contains("policy\\-briefing archives"));
    assert!(page.contains("briefgen\\-build(1)"));

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    assert!(briefgen(&["man", "--dir", dir.to_str().unwrap()])
        .status
        .success());
    for command in [
        "",
        "-build",
        "-serve",
        "-import",
        "-init",
        "-check",
        "-completions",
    ] {
        let file = dir.join(format!("briefgen{command}.1"));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{file:?}"));
        assert!(text.starts_with(".ie"), "{file:?}");
    }
    let init = std::fs::read_to_string(dir.join("briefgen-init.1")).unwrap();
    assert!(init.contains("\\-\\-briefgen\\-git"));

    // A folder that cannot be made is reported with its path, exit code 1.
    let blocker = tmp.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let out = briefgen(&["man", "--dir", blocker.join("man1").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write the man pages"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "piped errors are never coloured: {err}"
    );
}

#[test]
fn verbose_prints_stage_timings_and_quiet_builds_print_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert!(briefgen(&["init", site.to_str().unwrap()]).status.success());
    let root = site.to_str().unwrap();
    let plain = briefgen(&["build", "--quiet", "--root", root]);
    assert!(plain.status.success());
    assert!(
        plain.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let verbose = briefgen(&["build", "--verbose", "--quiet", "--root", root]);
    assert!(verbose.status.success());
    let err = String::from_utf8(verbose.stderr).unwrap();
    assert!(err.lines().any(|l| l.starts_with("timing: ")), "{err}");
    let short = briefgen(&["-v", "check", "--root", root]);
    assert!(String::from_utf8(short.stderr)
        .unwrap()
        .contains("timing: "));
}
