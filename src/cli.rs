//! Terminal niceties of the command line: shell completions, man pages, colour.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;

/// Writes clap's completion script for `shell`, generated from the same definitions as `--help`.
pub fn completions(shell: clap_complete::Shell, command: &mut clap::Command, out: &mut dyn Write) {
    clap_complete::generate(shell, command, "briefgen", out);
}

/// Prints `briefgen.1` to stdout, or writes it and one page per command (`briefgen-build.1` …)
/// into `dir`.
pub fn man_pages(command: &clap::Command, dir: Option<&Path>) -> std::io::Result<()> {
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command.clone()).render(&mut page)?;
            std::io::stdout().write_all(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            clap_mangen::generate_to(command.clone(), dir)
        }
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything but an empty string
/// (https://no-color.org).
pub fn colour_wanted(is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::colour_wanted;
    use std::ffi::OsStr;

    #[test]
    fn no_color_with_a_value_turns_colour_off_and_an_empty_one_does_not() {
        let table: [(bool, Option<&str>, bool); 5] = [
            (true, None, true),
            (true, Some("1"), false),
            (true, Some("0"), false),
            (true, Some(""), true),
            (false, None, false),
        ];
        for (tty, env, want) in table {
            assert_eq!(
                colour_wanted(tty, env.map(OsStr::new)),
                want,
                "{tty} {env:?}"
            );
        }
    }
}
