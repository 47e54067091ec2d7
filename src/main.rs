//! The `briefgen` command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

mod cli;

use briefgen::build::{build, BuildOptions};

/// Rendering makes and drops millions of small JSON values and strings across threads; mimalloc's
/// per-thread free lists handle that pattern with far less time in the allocator than glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc asks for transparent huge pages, and the kernel then zeroes 2 MiB at every first
/// touch of a region: on the 10,000-briefing benchmark that was a fifth of all CPU samples
/// (`clear_page_erms`) and 110 MB of extra peak memory, for no speed-up elsewhere.
fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and only sets a process flag.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
use briefgen::diagnostics::{Code, Diagnostic};

/// A fast static site generator for policy-briefing archives.
///
/// Write briefings as Markdown with TOML front matter in content/, then build a complete,
/// searchable-by-browser HTML site into public/ that works on GitHub Pages.
#[derive(Parser)]
#[command(
    name = "briefgen",
    version,
    about,
    long_about,
    arg_required_else_help = true
)]
struct Cli {
    /// Say more: how long each stage of a build, check or rebuild took, and what was read.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output), replacing the previous build atomically.
    ///
    /// Every bad file is reported at once; on any error nothing is written and the previous
    /// output stays as it was. Exit code 0 on success, 1 on errors.
    Build(BuildArgs),
    /// Preview the site: build into memory, serve it, rebuild on every save, reload the browser.
    ///
    /// Watches content/, templates/, static/ and site.toml. An edit re-renders only the pages
    /// it touches; a broken edit shows its error in the browser until the next good save.
    Serve(ServeArgs),
    /// Turn raw text pasted from web pages into normalised briefings.
    ///
    /// Finds the article among the page furniture (teasers, login notices, "Related
    /// Articles"…), reads its title, byline, date, publisher, translation note and author bio,
    /// proposes tags, and writes one Markdown file per article with front matter the build
    /// reads. Fields it could not determine go into the `review` list. Exit code 1 when any
    /// input was skipped (not an article) or failed.
    Import(briefgen::import::command::ImportArgs),
    /// Create a new archive: site.toml, an example briefing, .gitignore and a GitHub Pages
    /// workflow. Refuses to overwrite an existing site unless --force.
    Init(InitArgs),
    /// Report everything `build` would reject, plus what an editor should fix before publishing.
    ///
    /// Broken internal links, `#anchors` and images; briefings needing review, dated in the
    /// future, without a summary or date, with empty taxonomy entries, or twice; drafts. Never
    /// writes public/. Exit code 0 without errors (warnings allowed), 1 on any error, 2 on
    /// warnings only with --strict.
    Check(CheckArgs),
    /// Print a shell completion script to stdout.
    ///
    /// bash: `briefgen completions bash > ~/.local/share/bash-completion/completions/briefgen`;
    /// zsh: `briefgen completions zsh > ~/.zfunc/_briefgen` (with ~/.zfunc on $fpath);
    /// fish: `briefgen completions fish > ~/.config/fish/completions/briefgen.fish`;
    /// PowerShell: `briefgen completions powershell >> $PROFILE`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout, or write one per command into --dir.
    ///
    /// `briefgen man | man -l -` reads it; `briefgen man --dir ~/.local/share/man/man1` installs
    /// briefgen.1, briefgen-build.1 and the others.
    Man {
        /// Write briefgen.1 and briefgen-COMMAND.1 into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// The site's folder (holding site.toml, content/, templates/, static/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// `text` (rustc-style, on stderr) or `json` (one object on stdout).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Exit with 2 when there are warnings but no errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Args)]
struct InitArgs {
    /// Folder to create the site in.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The archive's title.
    #[arg(long, default_value = "Policy Briefings")]
    title: String,
    /// The address it will be published at, e.g. https://user.github.io/repo/.
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://example.github.io/briefings/"
    )]
    base_url: String,
    /// Git URL the Pages workflow builds briefgen from, for forks [default: this briefgen's
    /// version, as a prebuilt binary or from crates.io; or the source beside the site, when DIR
    /// holds briefgen's own Cargo.toml].
    #[arg(long, value_name = "URL")]
    briefgen_git: Option<String>,
    /// Branch, tag or commit of --briefgen-git to build [default: its default branch].
    #[arg(long, value_name = "REV", requires = "briefgen_git")]
    rev: Option<String>,
    /// Copy the built-in templates and static files into the site for editing.
    #[arg(long)]
    with_theme: bool,
    /// Overwrite an existing site's scaffold files.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The site's folder (holding site.toml, content/, templates/, static/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; the default only accepts connections from this machine.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Include briefings marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct BuildArgs {
    /// The site's folder (holding site.toml, content/, templates/, static/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this URL instead of site.toml's base_url, e.g. https://user.github.io/repo/.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include briefings marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    disable_transparent_huge_pages();
    let cli = Cli::parse();
    if cli.verbose {
        briefgen::timings::enable();
    }
    // Templates recurse natively (macros, includes); the render guard caps their depth, and
    // bigger worker stacks keep that cap far from an overflow. Only touched pages cost memory.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Init(args) => run_init(args),
        Command::Completions { shell } => {
            cli::completions(shell, &mut Cli::command(), &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man { dir } => match cli::man_pages(&Cli::command(), dir.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let d = Diagnostic::error(Code::Io, format!("cannot write the man pages: {e}"));
                print_diagnostics(&[match &dir {
                    Some(dir) => d.in_file(dir),
                    None => d,
                }]);
                ExitCode::from(1)
            }
        },
        Command::Import(args) => {
            // Extra tag vocabulary from the site in the current folder, when there is one.
            let (vocabulary, publishers) = match std::path::Path::new("site.toml").exists() {
                true => match briefgen::config::SiteConfig::load(std::path::Path::new(".")) {
                    Ok(config) => (
                        config
                            .import
                            .vocabulary
                            .into_iter()
                            .map(|v| briefgen::import::VocabEntry {
                                name: v.name,
                                aliases: v.aliases,
                            })
                            .collect(),
                        config
                            .import
                            .publishers
                            .into_iter()
                            .map(|p| briefgen::import::KnownPublisher {
                                name: p.name,
                                aliases: p.aliases,
                                domains: p.domains,
                            })
                            .collect(),
                    ),
                    Err(d) => {
                        print_diagnostics(&[d]);
                        return ExitCode::from(1);
                    }
                },
                false => (Vec::new(), Vec::new()),
            };
            let code = briefgen::import::command::run_with(&args, vocabulary, publishers);
            ExitCode::from(code.clamp(0, 255) as u8)
        }
        Command::Serve(args) => {
            let options = briefgen::serve::ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                drafts: args.drafts,
                open: args.open,
            };
            match briefgen::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    print_diagnostics(&[d]);
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn run_init(args: InitArgs) -> ExitCode {
    let install = briefgen::init::Install::choose(&args.dir, args.briefgen_git, args.rev);
    let options = briefgen::init::InitOptions {
        dir: args.dir.clone(),
        title: args.title,
        base_url: args.base_url,
        install,
        with_theme: args.with_theme,
        force: args.force,
    };
    match briefgen::init::init(&options) {
        Ok(files) => {
            for f in &files {
                eprintln!("  wrote {}", args.dir.join(f).display());
            }
            eprintln!("The Pages workflow {}.", options.install.describe());
            eprintln!(
                "Created a site in {}. Next: cd there, `briefgen serve`.",
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&[d]);
            ExitCode::from(1)
        }
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: !args.quiet,
    };
    match build(&options) {
        Ok(report) => {
            if !args.quiet {
                print_diagnostics(&report.warnings);
                eprintln!(
                    "Built {} briefings, {} pages ({}) in {:.2} s → {}",
                    report.articles,
                    report.pages,
                    report.size.summary(),
                    report.elapsed.as_secs_f64(),
                    report.output.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let shown: Vec<Diagnostic> = diagnostics
                .0
                .into_iter()
                .filter(|d| !args.quiet || d.is_error())
                .collect();
            print_diagnostics(&shown);
            let errors = shown.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: build failed with {errors} error{}; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let report = briefgen::check::check(&args.root);
    match args.format {
        CheckFormat::Json => println!("{}", briefgen::check::report::json(&report)),
        CheckFormat::Text => {
            print_diagnostics(&report.diagnostics);
            eprintln!("{}", briefgen::check::report::summary(&report));
        }
    }
    ExitCode::from(briefgen::check::report::exit_code(&report, args.strict))
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let color = cli::colour_wanted(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    for d in diagnostics {
        let text = d.to_string();
        if color {
            let (label, code) = if d.is_error() {
                ("error", "\x1b[1;31m")
            } else {
                ("warning", "\x1b[1;33m")
            };
            eprintln!(
                "{}",
                text.replacen(label, &format!("{code}{label}\x1b[0m"), 1)
            );
        } else {
            eprintln!("{text}");
        }
    }
}
