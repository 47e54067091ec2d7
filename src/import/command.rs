//! `briefgen import FILE...`: import page copies as briefing files.

use super::html::{self, HtmlInput, InputError, Web};
use super::{
    decode_input, explain, file_name, import_explained, import_text, parse_date_arg, to_markdown,
    ImportOptions, ImportRecord, KnownPublisher, VocabEntry, Vocabulary,
};
use chrono::NaiveDate;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of the `import` command.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Text files copied from publishers' pages, saved web pages (.html,
    /// .htm) or web addresses (http:// or https://), mixed as you like.
    #[arg(required = true, value_name = "FILE|URL")]
    pub files: Vec<PathBuf>,
    /// Folder the Markdown files are written to.
    #[arg(long, value_name = "DIR", default_value = "content/briefings")]
    pub out: PathBuf,
    /// Print a JSON array of the records instead of writing files.
    #[arg(long)]
    pub json: bool,
    /// Date for articles whose text states none (e.g. 2024-11-20).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// Tags to add, comma-separated.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Publisher for articles whose text names none.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
    /// Download the images of web pages next to the briefing (in a folder
    /// named like it) and link to the copies; without it they stay links.
    #[arg(long)]
    pub images: bool,
    /// Print how each input was read, then its record; writes no files. For text, every line
    /// with the role it was given and the evidence; for web pages, every metadata source and
    /// the body's container.
    #[arg(long, conflicts_with = "json")]
    pub explain: bool,
}

/// Runs the command; returns the process exit code: 0 when every file was
/// imported, 1 when any was skipped or failed (the others are still imported).
pub fn run(args: &ImportArgs, extra_vocabulary: Vec<VocabEntry>) -> i32 {
    run_with(args, extra_vocabulary, Vec::new())
}

/// [`run`] with the publishers the site lists in `[[import.publishers]]`.
pub fn run_with(
    args: &ImportArgs,
    extra_vocabulary: Vec<VocabEntry>,
    publishers: Vec<KnownPublisher>,
) -> i32 {
    let vocab = Vocabulary::with_extra(&extra_vocabulary);
    let opts = ImportOptions {
        date: args.date,
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        publisher: args.publisher.clone(),
        extra_vocabulary,
        publishers,
    };
    let (mut imported, mut skipped, mut failed) = (0, 0, 0);
    let mut records: Vec<ImportRecord> = Vec::new();
    let web = Web::default();
    for path in &args.files {
        let name = display_name(path);
        if args.explain {
            let explained = match html::html_input(path) {
                Some(input) => explain_page(&input, &opts, &web, &name),
                None => explain_file(path, &opts),
            };
            match explained {
                Ok(()) => imported += 1,
                Err(Outcome::Skipped(why)) => {
                    eprintln!("skipped {name}: {why}");
                    skipped += 1;
                }
                Err(Outcome::Failed(why)) => {
                    eprintln!("failed {name}: {why}");
                    failed += 1;
                }
            }
            continue;
        }
        let (mut record, page) = match read_record(path, &opts, &web) {
            Ok(r) => r,
            Err(Outcome::Skipped(why)) => {
                eprintln!("skipped {name}: {why}");
                skipped += 1;
                continue;
            }
            Err(Outcome::Failed(why)) => {
                eprintln!("failed {name}: {why}");
                failed += 1;
                continue;
            }
        };
        if let (true, false, Some(page)) = (args.images, args.json, &page) {
            localise_images(&mut record, page, args, &web);
        }
        if args.json {
            eprintln!("imported {name}");
            records.push(record);
            imported += 1;
            continue;
        }
        match write_record(&record, &vocab, &args.out, args.force) {
            Ok(target) => {
                eprintln!("imported {name} → {}", target.display());
                imported += 1;
            }
            Err(why) => {
                eprintln!("failed {name}: {why}");
                failed += 1;
            }
        }
    }
    if args.json {
        let json = serde_json::to_string_pretty(&records).expect("records serialise as JSON");
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "{json}").is_err() {
            failed += 1;
        }
    }
    let mut summary = format!("import: {imported} imported, {skipped} skipped");
    if failed > 0 {
        summary.push_str(&format!(", {failed} failed"));
    }
    eprintln!("{summary}");
    i32::from(skipped + failed > 0)
}

enum Outcome {
    Skipped(String),
    Failed(String),
}

/// The record, and for a web page what else the HTML importer found.
fn read_record(
    path: &Path,
    opts: &ImportOptions,
    web: &Web,
) -> Result<(ImportRecord, Option<html::HtmlImport>), Outcome> {
    if let Some(input) = html::html_input(path) {
        return match html::read_input(&input, opts, web) {
            Ok(page) => Ok((page.record.clone(), Some(page))),
            Err(InputError::Failed(why)) => Err(Outcome::Failed(why)),
            Err(InputError::Skipped(why)) => Err(Outcome::Skipped(why)),
        };
    }
    read_text_record(path, opts).map(|r| (r, None))
}

/// `--images`: the page's images are fetched into a folder named like the
/// briefing (unless its file exists and is kept); failures are warnings.
fn localise_images(
    record: &mut ImportRecord,
    page: &html::HtmlImport,
    args: &ImportArgs,
    web: &Web,
) {
    let file = file_name(record);
    if page.images.is_empty() || (args.out.join(&file).exists() && !args.force) {
        return;
    }
    let dir = args.out.join(file.trim_end_matches(".md"));
    let (body, failures) =
        html::localise(&record.body, &page.images, &dir, &web.agent, &web.limits);
    record.body = body;
    for failure in failures {
        eprintln!("warning: {failure}");
    }
}

fn read_text_record(path: &Path, opts: &ImportOptions) -> Result<ImportRecord, Outcome> {
    let bytes = fs::read(path).map_err(|e| Outcome::Failed(format!("cannot read: {e}")))?;
    let text = decode_input(&bytes).map_err(|e| Outcome::Skipped(e.to_string()))?;
    import_text(&text, opts).map_err(|e| Outcome::Skipped(e.to_string()))
}

/// Prints the explanation and the record of one file.
fn explain_file(path: &Path, opts: &ImportOptions) -> Result<(), Outcome> {
    let bytes = fs::read(path).map_err(|e| Outcome::Failed(format!("cannot read: {e}")))?;
    let text = decode_input(&bytes).map_err(|e| Outcome::Skipped(e.to_string()))?;
    let (record, lines) =
        import_explained(&text, opts).map_err(|e| Outcome::Skipped(e.to_string()))?;
    let json = serde_json::to_string_pretty(&record).expect("records serialise as JSON");
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "== {}\n{}\n{json}",
        path.display(),
        explain::render(&lines)
    )
    .map_err(|e| Outcome::Failed(format!("cannot print: {e}")))
}

/// `--explain` for a saved page or URL: where each field came from, then the record.
fn explain_page(
    input: &HtmlInput,
    opts: &ImportOptions,
    web: &Web,
    name: &str,
) -> Result<(), Outcome> {
    let page = html::read_input(input, opts, web).map_err(|e| match e {
        InputError::Failed(why) => Outcome::Failed(why),
        InputError::Skipped(why) => Outcome::Skipped(why),
    })?;
    let json = serde_json::to_string_pretty(&page.record).expect("records serialise as JSON");
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "== {name}\n{}\n{json}", page.explain.join("\n"))
        .map_err(|e| Outcome::Failed(format!("cannot print: {e}")))
}

/// Writes the record's file; an existing file is left alone unless `force`.
fn write_record(
    record: &ImportRecord,
    vocab: &Vocabulary,
    out: &Path,
    force: bool,
) -> Result<PathBuf, String> {
    let target = out.join(file_name(record));
    if target.exists() && !force {
        return Err(format!(
            "{} already exists (use --force to overwrite)",
            target.display()
        ));
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    fs::write(&target, to_markdown(record, vocab))
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target)
}

fn display_name(path: &Path) -> String {
    if let Some(HtmlInput::Url(url)) = html::html_input(path) {
        return url;
    }
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
