//! The interface in the reader's language: every string the theme prints ("Published",
//! "4 min read", "Part 2 of 3"), dates, digit grouping and writing direction, per language.
//!
//! Built-in translations (English, Japanese, Korean, Simplified and Traditional Chinese, French,
//! German, Russian) are compiled into the binary; a site's `i18n/<lang>.toml` overrides any of
//! their keys or adds a language. A key a language lacks falls back to English, and
//! [`Catalog::warnings`] lists what is missing so `check` can say so. Templates reach all of it
//! through one Tera function, `t` (see [`register`]).

pub mod format;
pub mod load;
pub mod plural;
mod template_fn;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;

pub use format::DateStyle;
pub use load::{Direction, Message, Messages};
pub use template_fn::{current_language, register, with_language};

use crate::diagnostics::{Code, Diagnostic};
use format::DateFormatter;

/// Languages written right to left (ISO 639-1 and a few common 639-2/3 codes).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether `code` is written right to left: by its language (`ar`, `fa-IR`, `he`) or its script
/// subtag (`az-Arab`, `pa-Arab`).
pub fn is_rtl(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    if parts.any(|p| {
        ["arab", "hebr", "syrc", "thaa", "nkoo"].contains(&p.to_ascii_lowercase().as_str())
    }) {
        return true;
    }
    RTL_LANGUAGES.contains(&primary.as_str())
}

/// `ZH-hant-tw` → `zh-Hant-TW`: the case BCP 47 recommends, so file names and front matter
/// written either way find each other.
pub fn canonical_code(code: &str) -> String {
    code.split(['-', '_'])
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 4) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            (_, 2) => part.to_ascii_uppercase(),
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The translation files to try for `code`, most specific first, English excluded:
/// `pt-BR` → `pt-BR`, `pt`; `zh-TW` → `zh-TW`, `zh-Hant`, `zh`.
fn candidates(code: &str) -> Vec<String> {
    let code = canonical_code(code);
    let mut out = vec![code.clone()];
    let primary = code.split('-').next().unwrap_or("").to_string();
    if primary == "zh" {
        let traditional = ["Hant", "TW", "HK", "MO"]
            .iter()
            .any(|p| code.split('-').any(|part| part == *p));
        out.push(if traditional { "zh-Hant" } else { "zh-Hans" }.to_string());
    }
    if primary != code {
        out.push(primary);
    }
    out.dedup();
    out
}

/// The keys of a fallback chain (most specific file first) whose winning message is a text
/// without placeholders, with that text as it prints (`{{` already a brace).
fn plain_texts<'a>(chain: impl Iterator<Item = &'a Messages>) -> HashMap<String, String> {
    let mut seen: HashMap<&str, Option<String>> = HashMap::new();
    for messages in chain {
        for (key, message) in &messages.strings {
            seen.entry(key.as_str()).or_insert_with(|| match message {
                Message::Text(text) => format::parse(text).ok().and_then(|pieces| {
                    pieces
                        .into_iter()
                        .map(|piece| match piece {
                            format::Piece::Text(t) => Some(t),
                            format::Piece::Arg { .. } => None,
                        })
                        .collect::<Option<String>>()
                }),
                Message::Plural(_) => None,
            });
        }
    }
    seen.into_iter()
        .filter_map(|(key, text)| Some((key.to_string(), text?)))
        .collect()
}

/// Every language's interface strings: the built-in files merged with the site's.
#[derive(Debug)]
pub struct Catalog {
    /// The site's language: what `t` uses when no page language is set.
    default_language: String,
    languages: BTreeMap<String, Messages>,
    /// Where each site file is, for warnings about it.
    site_files: BTreeMap<String, (PathBuf, String)>,
    /// Fallback chains already worked out, by code as written: `t` runs dozens of times per
    /// page, and a chain costs several allocations to find.
    chains: std::sync::RwLock<HashMap<String, Arc<Chain>>>,
}

/// Which files serve a language: its own (most specific first), then English.
#[derive(Debug)]
struct Chain {
    code: String,
    files: Vec<String>,
    own: usize,
    /// Every key whose text has no placeholder and no plural forms, as it prints: most `t`
    /// calls are such keys, and they skip parsing and filling.
    plain: HashMap<String, String>,
}

impl Catalog {
    /// The built-in translations alone.
    pub fn builtin(default_language: &str) -> Catalog {
        // Parsed once per process: every build (and every `serve` rebuild) starts from them.
        static BUILTIN: std::sync::OnceLock<BTreeMap<String, Messages>> =
            std::sync::OnceLock::new();
        let languages = BUILTIN
            .get_or_init(|| {
                load::BUILTIN
                    .iter()
                    .map(|(code, text)| {
                        let messages = load::parse(text, Path::new(code)).unwrap_or_else(|e| {
                            panic!("built-in translation {code} is invalid: {e:?}")
                        });
                        (code.to_string(), messages)
                    })
                    .collect()
            })
            .clone();
        Catalog {
            default_language: canonical_code(default_language),
            languages,
            site_files: BTreeMap::new(),
            chains: Default::default(),
        }
    }

    /// The built-in translations with the site's `ROOT/i18n/*.toml` over them.
    pub fn load(root: &Path, default_language: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let mut catalog = Catalog::builtin(default_language);
        for file in load::site_files(root)? {
            catalog
                .site_files
                .insert(file.code.clone(), (file.path, file.text));
            catalog
                .languages
                .entry(file.code)
                .or_default()
                .merge(file.messages);
        }
        Ok(catalog)
    }

    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// Sets `strings` in language `code` over everything loaded so far: site.toml's `[labels]`
    /// for the default language. They go into the most specific file that serves `code`
    /// (`en` for `en-GB`), so the language keeps the translations it had.
    pub fn override_strings(&mut self, code: &str, strings: BTreeMap<String, Message>) {
        if strings.is_empty() {
            return;
        }
        let code = canonical_code(code);
        let target = candidates(&code)
            .into_iter()
            .chain(std::iter::once("en".to_string()))
            .find(|c| self.languages.contains_key(c))
            .filter(|c| c != "en" || code.starts_with("en"))
            .unwrap_or(code);
        self.languages
            .entry(target)
            .or_default()
            .strings
            .extend(strings);
        self.chains
            .write()
            .expect("no panics while holding the lock")
            .clear();
    }

    /// The interface for language `code`, with English behind it.
    pub fn language(&self, code: &str) -> Lang<'_> {
        let known = self
            .chains
            .read()
            .expect("no panics while holding the lock")
            .get(code)
            .cloned();
        let resolved = known.unwrap_or_else(|| {
            let mut files: Vec<String> = candidates(code)
                .into_iter()
                .filter(|c| c != "en" && self.languages.contains_key(c))
                .collect();
            let own = files.len();
            files.push("en".into());
            let plain = plain_texts(files.iter().filter_map(|f| self.languages.get(f)));
            let chain = Arc::new(Chain {
                code: canonical_code(code),
                files,
                own,
                plain,
            });
            self.chains
                .write()
                .expect("no panics while holding the lock")
                .insert(code.to_string(), chain.clone());
            chain
        });
        Lang {
            chain: resolved
                .files
                .iter()
                .filter_map(|f| self.languages.get(f))
                .collect(),
            own: resolved.own,
            resolved,
        }
    }

    /// `key`'s text in language `code` when it has no placeholder and no plural forms.
    fn plain(&self, code: &str, key: &str) -> Option<String> {
        let cached = |catalog: &Catalog| {
            catalog
                .chains
                .read()
                .expect("no panics while holding the lock")
                .get(code)
                .map(|chain| chain.plain.get(key).cloned())
        };
        cached(self).unwrap_or_else(|| {
            self.language(code);
            cached(self).flatten()
        })
    }

    /// Whether any translation file (built-in or the site's) covers `code`.
    pub fn has_language(&self, code: &str) -> bool {
        candidates(code)
            .iter()
            .any(|c| self.languages.contains_key(c))
    }

    /// The English keys `code` has no translation of (built-in or the site's). Empty for English
    /// itself, and for a language no file covers (everything is English there, by design).
    pub fn missing_keys(&self, code: &str) -> Vec<&str> {
        let lang = self.language(code);
        if lang.own == 0 {
            return Vec::new();
        }
        let english = &self.languages["en"].strings;
        english
            .keys()
            .filter(|k| {
                lang.chain[..lang.own]
                    .iter()
                    .all(|m| !m.strings.contains_key(*k))
            })
            .map(String::as_str)
            .collect()
    }

    /// What `check` reports about translations for a site whose pages use `languages`:
    /// keys with no translation (shown in English), keys a site file adds that English lacks,
    /// and placeholders English does not pass.
    pub fn warnings(&self, languages: &BTreeSet<String>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for code in languages {
            let code = canonical_code(code);
            if !self.has_language(&code) && !code.starts_with("en") {
                out.push(
                    Diagnostic::warning(
                        Code::I18nMissing,
                        format!("no translation covers `{code}`: pages in it show the interface in English"),
                    )
                    .with_hint(format!("add i18n/{code}.toml with the keys of briefgen's en.toml translated")),
                );
                continue;
            }
            let missing = self.missing_keys(&code);
            if !missing.is_empty() {
                let d = Diagnostic::warning(
                    Code::I18nMissing,
                    format!(
                        "{} interface string{} not translated into `{code}`, shown in English: {}",
                        missing.len(),
                        if missing.len() == 1 { " is" } else { "s are" },
                        missing.join(", ")
                    ),
                )
                .with_hint(format!("add the keys to i18n/{code}.toml under [strings]"));
                out.push(match self.site_files.get(&code) {
                    Some((path, _)) => d.in_file(path),
                    None => d,
                });
            }
        }
        out.extend(self.site_file_warnings());
        out
    }

    /// Keys and placeholders in the site's files that English does not know.
    fn site_file_warnings(&self) -> Vec<Diagnostic> {
        let english = &self.languages["en"].strings;
        let mut out = Vec::new();
        for (code, (path, text)) in &self.site_files {
            let at = |d: Diagnostic, key: &str| match crate::config::find_key_line(text, key) {
                Some((line, col)) => d.in_file(path).at(text, line, col),
                None => d.in_file(path),
            };
            let Some(messages) = self.languages.get(code) else {
                continue;
            };
            for (key, message) in &messages.strings {
                let Some(reference) = english.get(key) else {
                    if code != "en" && crate::config::find_key_line(text, key).is_some() {
                        out.push(at(
                            Diagnostic::warning(
                                Code::I18nUnknown,
                                format!("`{key}` is not an English key: pages in other languages cannot show it"),
                            )
                            .with_hint(format!("add `{key}` to i18n/en.toml too, or check its spelling against briefgen's en.toml")),
                            key,
                        ));
                    }
                    continue;
                };
                let known: BTreeSet<&str> = reference
                    .texts()
                    .into_iter()
                    .flat_map(format::placeholders)
                    .collect();
                let unknown = message
                    .texts()
                    .into_iter()
                    .flat_map(format::placeholders)
                    .find(|p| !known.contains(p));
                if let Some(p) = unknown {
                    out.push(at(
                        Diagnostic::warning(
                            Code::I18nPlaceholder,
                            format!("`{key}` uses `{{{p}}}`, which templates do not pass for this key: pages using it fail"),
                        )
                        .with_hint(format!(
                            "the English string uses: {}",
                            known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
                        )),
                        key,
                    ));
                }
            }
        }
        out
    }
}

/// One language's interface, with English behind it for what it lacks.
pub struct Lang<'a> {
    resolved: Arc<Chain>,
    chain: Vec<&'a Messages>,
    /// How many of `chain` are the language's own files (the rest is English).
    own: usize,
}

/// An argument for [`Lang::t`].
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(i64),
}

impl<'a> Lang<'a> {
    pub fn code(&self) -> &str {
        &self.resolved.code
    }

    fn message(&self, key: &str) -> Option<&'a Message> {
        self.chain.iter().find_map(|m| m.strings.get(key))
    }

    /// Whether the text comes from this language's own files rather than the English fallback.
    pub fn translates(&self, key: &str) -> bool {
        self.chain[..self.own]
            .iter()
            .any(|m| m.strings.contains_key(key))
    }

    /// Every key starting with `prefix` in the language or in English.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<&'a str> {
        let mut keys: Vec<&str> = self
            .chain
            .iter()
            .flat_map(|m| m.strings.keys())
            .filter(|k| k.starts_with(prefix))
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// `left` or `right`'s opposite: the direction the language is written in.
    pub fn dir(&self) -> Direction {
        self.chain[..self.own].iter().find_map(|m| m.dir).unwrap_or(
            if is_rtl(&self.resolved.code) {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
        )
    }

    /// The language's own name for itself (`日本語`), or `code`'s name in English.
    pub fn endonym(&self) -> String {
        self.chain[..self.own]
            .iter()
            .find_map(|m| m.name.clone())
            .unwrap_or_else(|| crate::text::lang::language_name(&self.resolved.code))
    }

    /// The name of language `other` in this language: `ja` in French is `japonais`.
    pub fn language_name(&self, other: &str) -> String {
        let other = canonical_code(other);
        candidates(&other)
            .iter()
            .find_map(|c| self.chain.iter().find_map(|m| m.language_names.get(c)))
            .cloned()
            .unwrap_or_else(|| crate::text::lang::language_name(&other))
    }

    /// `n` with the language's digit grouping.
    pub fn number(&self, n: i64) -> String {
        let separator = self.chain[..self.own]
            .iter()
            .find_map(|m| m.digit_group.as_deref())
            .unwrap_or_else(|| format::default_group_separator(&self.resolved.code));
        format::group_digits(n, separator)
    }

    /// `date` written the language's way.
    pub fn date(&self, date: NaiveDate, style: DateStyle) -> String {
        self.dates().format(date, style)
    }

    /// A month's name on its own, for headings.
    pub fn month(&self, month: u32) -> String {
        self.dates().month_standalone(month)
    }

    fn dates(&self) -> DateFormatter<'a> {
        DateFormatter {
            chain: self.chain.iter().map(|m| &m.date).collect(),
        }
    }

    /// The string `key` with `args` filled in; `n` also picks the plural form. An unknown key
    /// or a placeholder without an argument is an error (a template mistake).
    pub fn t(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let message = self.message(key).ok_or_else(|| {
            format!(
                "no interface string `{key}` in `{}` or English",
                self.resolved.code
            )
        })?;
        let count = args.iter().find_map(|(name, a)| match a {
            Arg::Count(n) if *name == "n" => Some(*n),
            _ => None,
        });
        let form = match (message, count) {
            (Message::Plural(_), None) => {
                return Err(format!("`{key}` depends on a number: pass it as n=…"))
            }
            (_, Some(n)) => message.form(plural::category(&self.resolved.code, n.unsigned_abs())),
            (Message::Text(t), None) => t.as_str(),
        };
        format::fill(form, |name| {
            args.iter().find(|(n, _)| *n == name).map(|(_, a)| match a {
                Arg::Text(s) => s.to_string(),
                Arg::Count(n) => self.number(*n),
            })
        })
        .map_err(|why| format!("`{key}` in `{}`: {why}", self.resolved.code))
    }

    /// `key` as written, placeholders unfilled (its `other` form if it has plural forms), for a
    /// page's script to fill: `Copied: {label}.`
    pub fn raw(&self, key: &str) -> Result<String, String> {
        self.message(key)
            .map(|m| m.form(plural::Category::Other).to_string())
            .ok_or_else(|| {
                format!(
                    "no interface string `{key}` in `{}` or English",
                    self.resolved.code
                )
            })
    }

    /// `key` as JSON for a page's script: a string, or an object of plural forms. `<`, `>` and
    /// `&` are escaped so the value can sit inside `<script>`.
    pub fn json(&self, key: &str) -> Result<String, String> {
        let message = self.message(key).ok_or_else(|| {
            format!(
                "no interface string `{key}` in `{}` or English",
                self.resolved.code
            )
        })?;
        let value = match message {
            Message::Text(t) => Value::String(t.clone()),
            Message::Plural(forms) => Value::Object(
                forms
                    .iter()
                    .map(|(c, f)| (c.name().to_string(), Value::String(f.clone())))
                    .collect(),
            ),
        };
        Ok(value
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"))
    }
}
