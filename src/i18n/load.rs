//! Reading translation files: the built-in ones compiled into the binary and a site's own
//! `i18n/<lang>.toml`, checked as they are read so a typo is reported at its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::format::{self, DatePatterns, DATE_PLACEHOLDERS};
use super::plural::Category;
use crate::diagnostics::{Code, Diagnostic};

/// The translation files shipped with briefgen, by language code.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("builtin/en.toml")),
    ("ja", include_str!("builtin/ja.toml")),
    ("ko", include_str!("builtin/ko.toml")),
    ("zh-Hans", include_str!("builtin/zh-Hans.toml")),
    ("zh-Hant", include_str!("builtin/zh-Hant.toml")),
    ("fr", include_str!("builtin/fr.toml")),
    ("de", include_str!("builtin/de.toml")),
    ("ru", include_str!("builtin/ru.toml")),
];

/// One interface string: plain, or one form per plural category (`other` always present).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<Category, String>),
}

impl Message {
    /// Every text of the message, for checks.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Message::Text(t) => vec![t.as_str()],
            Message::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }

    /// The form for `category`, falling back to `other`.
    pub fn form(&self, category: Category) -> &str {
        match self {
            Message::Text(t) => t,
            Message::Plural(forms) => forms
                .get(&category)
                .or_else(|| forms.get(&Category::Other))
                .map_or("", String::as_str),
        }
    }
}

/// Writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// What one translation file says about its language.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// The language's name in itself, for language switchers: `日本語`.
    pub name: Option<String>,
    pub dir: Option<Direction>,
    pub digit_group: Option<String>,
    pub date: DatePatterns,
    /// Names of other languages in this one: `ja = "Japanese"`.
    pub language_names: BTreeMap<String, String>,
    pub strings: BTreeMap<String, Message>,
}

impl Messages {
    /// `over`'s values replace this file's, key by key (a site's file over the built-in one).
    pub fn merge(&mut self, over: Messages) {
        let d = over.date;
        let date = &mut self.date;
        date.long = d.long.or(date.long.take());
        date.short = d.short.or(date.short.take());
        date.month_year = d.month_year.or(date.month_year.take());
        date.months = d.months.or(date.months.take());
        date.months_short = d.months_short.or(date.months_short.take());
        date.months_standalone = d.months_standalone.or(date.months_standalone.take());
        self.name = over.name.or(self.name.take());
        self.dir = over.dir.or(self.dir);
        self.digit_group = over.digit_group.or(self.digit_group.take());
        self.language_names.extend(over.language_names);
        self.strings.extend(over.strings);
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    language: LanguageToml,
    #[serde(default)]
    date: DateToml,
    #[serde(default)]
    language_names: BTreeMap<String, String>,
    #[serde(default)]
    strings: BTreeMap<String, MessageToml>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LanguageToml {
    name: Option<String>,
    dir: Option<Direction>,
    digit_group: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DateToml {
    long: Option<String>,
    short: Option<String>,
    month_year: Option<String>,
    months: Option<Vec<String>>,
    months_short: Option<Vec<String>>,
    months_standalone: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum MessageToml {
    Text(String),
    Plural(BTreeMap<String, String>),
}

/// Parses one translation file. `file` is only used in messages.
pub fn parse(text: &str, file: &Path) -> Result<Messages, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed: FileToml = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace(
            "data did not match any variant of untagged enum MessageToml",
            "a string must be text, or a table of plural forms such as { one = \"…\", other = \"…\" }",
        );
        let d = Diagnostic::error(Code::I18n, format!("invalid translation file: {message}"))
            .in_file(file)
            .with_hint("see src/i18n/builtin/en.toml in briefgen for every key and its form");
        vec![match e.span() {
            Some(span) => d.at_offset(text, span.start),
            None => d,
        }]
    })?;
    let mut errors = Errors {
        text,
        file,
        list: Vec::new(),
    };
    let date = parsed.date;
    check_dates(&date, &mut errors);
    let strings = parsed
        .strings
        .into_iter()
        .map(|(key, raw)| {
            let message = message_of(&key, raw, &mut errors);
            (key, message)
        })
        .collect();
    if !errors.list.is_empty() {
        return Err(errors.list);
    }
    let language = parsed.language;
    Ok(Messages {
        name: language.name,
        dir: language.dir,
        digit_group: language.digit_group,
        date: DatePatterns {
            long: date.long,
            short: date.short,
            month_year: date.month_year,
            months: date.months,
            months_short: date.months_short,
            months_standalone: date.months_standalone,
        },
        language_names: parsed.language_names,
        strings,
    })
}

/// Errors found in one translation file, each placed at its key's line.
struct Errors<'a> {
    text: &'a str,
    file: &'a Path,
    list: Vec<Diagnostic>,
}

impl Errors<'_> {
    fn at(&mut self, key: &str, message: String, hint: &str) {
        let d = Diagnostic::error(Code::I18n, message)
            .in_file(self.file)
            .with_hint(hint);
        self.list
            .push(match crate::config::find_key_line(self.text, key) {
                Some((line, col)) => d.at(self.text, line, col),
                None => d,
            });
    }
}

/// Month lists must have twelve names; date patterns must parse and use known placeholders.
fn check_dates(date: &DateToml, errors: &mut Errors<'_>) {
    for (key, list) in [
        ("months", &date.months),
        ("months_short", &date.months_short),
        ("months_standalone", &date.months_standalone),
    ] {
        if let Some(list) = list.as_ref().filter(|l| l.len() != 12) {
            errors.at(
                key,
                format!("`{key}` must list 12 months, found {}", list.len()),
                "write the names from January to December",
            );
        }
    }
    for (key, pattern) in [
        ("long", &date.long),
        ("short", &date.short),
        ("month_year", &date.month_year),
    ] {
        let Some(pattern) = pattern else { continue };
        if let Err((_, why)) = format::parse(pattern) {
            errors.at(
                key,
                format!("date pattern `{key}`: {why}"),
                "see the README",
            );
            continue;
        }
        if let Some(bad) = format::placeholders(pattern)
            .into_iter()
            .find(|p| !DATE_PLACEHOLDERS.contains(p))
        {
            errors.at(
                key,
                format!("date pattern `{key}` uses `{{{bad}}}`, which dates do not have"),
                "date patterns may use {day}, {month}, {month_short}, {month_standalone}, {month_number} and {year}",
            );
        }
    }
}

/// One string as written: text, or plural forms keyed by CLDR category (`other` required);
/// every form's placeholders must parse.
fn message_of(key: &str, raw: MessageToml, errors: &mut Errors<'_>) -> Message {
    let message = match raw {
        MessageToml::Text(t) => Message::Text(t),
        MessageToml::Plural(forms) => {
            let mut by_category = BTreeMap::new();
            for (name, form) in forms {
                match Category::from_name(&name) {
                    Some(c) => {
                        by_category.insert(c, form);
                    }
                    None => errors.at(
                        key,
                        format!("`{key}` has a plural form `{name}`, which is not a CLDR category"),
                        "plural forms are zero, one, two, few, many and other",
                    ),
                }
            }
            if !by_category.contains_key(&Category::Other) {
                errors.at(
                    key,
                    format!("`{key}` has plural forms but no `other`"),
                    "add `other`, the form used for every number no other form covers",
                );
            }
            Message::Plural(by_category)
        }
    };
    for text_of in message.texts() {
        if let Err((_, why)) = format::parse(text_of) {
            errors.at(
                key,
                format!("`{key}`: {why}"),
                "placeholders are written {name}; write {{ and }} for literal braces",
            );
        }
    }
    message
}

/// A site's translation file, read from `ROOT/i18n/`.
pub struct SiteFile {
    /// The language code, from the file name (`ja`, `zh-Hant`, `pt-BR`).
    pub code: String,
    pub path: PathBuf,
    pub text: String,
    pub messages: Messages,
}

/// Reads every `i18n/<lang>.toml` of the site in `root`; a missing folder is no error.
pub fn site_files(root: &Path) -> Result<Vec<SiteFile>, Vec<Diagnostic>> {
    let dir = root.join("i18n");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !crate::text::lang::is_language_code(&stem) {
            errors.push(
                Diagnostic::error(
                    Code::I18n,
                    format!("`{stem}` is not a language code, so this file translates nothing"),
                )
                .in_file(&path)
                .with_hint(
                    "name translation files after their language: i18n/ja.toml, i18n/pt-BR.toml",
                ),
            );
            continue;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(
                    Diagnostic::error(Code::I18n, format!("cannot read translation file: {e}"))
                        .in_file(&path),
                );
                continue;
            }
        };
        match parse(&text, &path) {
            Ok(messages) => files.push(SiteFile {
                code: super::canonical_code(&stem),
                path,
                text,
                messages,
            }),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
