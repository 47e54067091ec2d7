//! `briefgen import FILE...`: import page copies as briefing files.

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
    /// Text files copied from publishers' pages.
    #[arg(required = true, value_name = "FILE")]
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
    /// Print every line of each page with the role it was given and the evidence for it,
    /// then the record; writes no files.
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
    for path in &args.files {
        let name = display_name(path);
        if args.explain {
            match explain_file(path, &opts) {
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
        let record = match read_record(path, &opts) {
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

fn read_record(path: &Path, opts: &ImportOptions) -> Result<ImportRecord, Outcome> {
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
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
