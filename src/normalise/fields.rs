//! Reading one front-matter table field by field, each problem recorded with its position.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{is_bundle_index, parse_date, slugify, term_list, title_case, Place};
use crate::config::{find_key_line, find_value, SiteConfig};
use crate::diagnostics::{Code, Diagnostic};
use crate::discover::{SourceFile, SourceKind};
use crate::frontmatter;
use crate::model::{DocKind, Document, Profile, ProfileLink, SourceInfo, TermRef};
use crate::text::{dates, lang as languages, slug};

/// The front-matter table being read, with the errors found so far.
pub(super) struct Fields<'a> {
    pub(super) table: Map<String, Value>,
    pub(super) text: &'a str,
    pub(super) file: &'a Path,
    pub(super) errors: Vec<Diagnostic>,
}

impl Fields<'_> {
    pub(super) fn build(
        &mut self,
        source: &SourceFile,
        config: &SiteConfig,
        body: &str,
        body_line: usize,
    ) -> Document {
        self.check_unknown_keys(config);
        let place = self.place(source, config);
        let section = place.section;
        let is_profile = section == "authors" && config.taxonomy("authors").is_some();
        let kind = match place.kind {
            SourceKind::Article if is_profile => DocKind::Profile,
            SourceKind::Article => DocKind::Article,
            SourceKind::Page => DocKind::Page,
            SourceKind::SectionIndex => DocKind::SectionIndex,
        };
        let title = match (self.string("title"), kind) {
            (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
            (_, DocKind::SectionIndex) => title_case(section),
            _ => {
                self.error_at_start("missing `title`", "add `title = \"…\"` to the front matter");
                String::new()
            }
        };
        let date = self.date("date");
        let updated = self.date("updated");
        let terms = self.all_terms(config, kind);
        let slug = self.slug(source, &title);
        if slug.is_empty() && kind != DocKind::SectionIndex && !title.is_empty() {
            // Without a slug the page would land on its folder's own URL (`briefings//`).
            let file = source.rel.rsplit('/').next().unwrap_or_default();
            self.error_at_value(
                "title",
                format!("neither the file name `{file}` nor the title has letters or digits to make a URL from"),
                "add `slug = \"…\"` to the front matter, or rename the file",
            );
        }
        let path = place.output_path(kind, &slug);
        Document {
            kind,
            file: self.file.to_path_buf(),
            rel: source.rel.clone(),
            section: section.to_string(),
            path,
            title,
            description: self.string("description"),
            date,
            updated,
            terms,
            summary: self.string("summary").filter(|s| !s.trim().is_empty()),
            draft: self.bool("draft"),
            source: self.source(),
            review: self.string_list("review"),
            author_bio: self.string("author_bio").filter(|s| !s.trim().is_empty()),
            language: place.language,
            translation_of: self
                .string("translation_of")
                .filter(|s| !s.trim().is_empty()),
            pdf: self.string("pdf").filter(|s| !s.trim().is_empty()),
            pdf_info: None,
            profile: (kind == DocKind::Profile).then(|| self.profile()),
            extra: self
                .table
                .get("extra")
                .cloned()
                .unwrap_or(Value::Object(Map::new())),
            body: body.into(),
            body_line,
            rendered: Default::default(),
        }
    }

    /// Every taxonomy's terms, the site's `default_author` standing in for an article's
    /// missing authors.
    fn all_terms(&mut self, config: &SiteConfig, kind: DocKind) -> BTreeMap<String, Vec<TermRef>> {
        let mut terms = BTreeMap::new();
        let mut names: Vec<&str> = vec!["tags", "authors"];
        names.extend(config.taxonomies.iter().map(|t| t.name.as_str()));
        names.sort_unstable();
        names.dedup();
        for name in names {
            let mut list = self.terms(name);
            if name == "authors" && list.is_empty() && kind == DocKind::Article {
                if let Some(author) = &config.default_author {
                    list = term_list([author.as_str()]);
                }
            }
            if !list.is_empty() {
                terms.insert(name.to_string(), list);
            }
        }
        terms
    }

    fn check_unknown_keys(&mut self, config: &SiteConfig) {
        let unknown: Vec<String> = self
            .table
            .keys()
            .filter(|k| !frontmatter::is_known_key(k) && config.taxonomy(k).is_none())
            .cloned()
            .collect();
        for key in unknown {
            let mut expected: Vec<&str> = frontmatter::known_keys().collect();
            expected.extend(config.taxonomies.iter().map(|t| t.name.as_str()));
            expected.sort_unstable();
            expected.dedup();
            let hint = format!(
                "expected one of: {}; put custom values under [extra], or add a taxonomy named `{key}` to site.toml",
                expected.join(", ")
            );
            self.error_at(&key, format!("unknown front-matter key `{key}`"), hint);
        }
    }

    fn error_at(&mut self, key: &str, message: String, hint: impl Into<String>) {
        self.push_error(find_key_line(self.text, key), message, hint);
    }

    /// Like [`Self::error_at`], pointing at the key's value rather than the key.
    fn error_at_value(&mut self, key: &str, message: String, hint: impl Into<String>) {
        self.push_error(find_value(self.text, key), message, hint);
    }

    fn push_error(&mut self, at: Option<(usize, usize)>, message: String, hint: impl Into<String>) {
        let d = Diagnostic::error(Code::FrontMatter, message)
            .in_file(self.file)
            .with_hint(hint);
        let d = match at {
            Some((line, col)) => d.at(self.text, line, col),
            None => d,
        };
        self.errors.push(d);
    }

    fn error_at_start(&mut self, message: &str, hint: &str) {
        let d = Diagnostic::error(Code::FrontMatter, message)
            .in_file(self.file)
            .with_hint(hint);
        self.errors.push(d.at(self.text, 1, 1));
    }

    fn type_error(&mut self, key: &str, expected: &str) {
        let found = match self.table.get(key) {
            Some(Value::String(_)) => "a string",
            Some(Value::Number(_)) => "a number",
            Some(Value::Bool(_)) => "a boolean",
            Some(Value::Array(_)) => "a list",
            Some(Value::Object(_)) => "a table",
            _ => "nothing",
        };
        self.error_at_value(
            key,
            format!("`{key}` must be {expected}, found {found}"),
            format!("write `{key}` as {expected}"),
        );
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.table.get(key)? {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.type_error(key, "a string in quotes");
                None
            }
        }
    }

    fn bool(&mut self, key: &str) -> bool {
        match self.table.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.type_error(key, "true or false");
                false
            }
        }
    }

    fn string_list(&mut self, key: &str) -> Vec<String> {
        match self.table.get(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(_) => {
                self.type_error(key, "a list of strings, like [\"a\", \"b\"]");
                Vec::new()
            }
        }
    }

    fn terms(&mut self, key: &str) -> Vec<TermRef> {
        let names = self.string_list(key);
        let list = term_list(names.iter().map(String::as_str));
        if names
            .iter()
            .any(|n| !n.trim().is_empty() && slugify(n).is_empty())
        {
            self.error_at_value(
                key,
                format!("a `{key}` entry has no letters or digits to make a URL from"),
                "use words, e.g. \"North Korea\"",
            );
        }
        list
    }

    fn date(&mut self, key: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let value = self.table.get(key)?.clone();
        let Value::String(s) = value else {
            self.type_error(key, "a date such as 2024-11-20");
            return None;
        };
        match parse_date(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error_at_value(
                    key,
                    format!("invalid `{key}`: {e}"),
                    format!("write dates as {}", dates::ACCEPTED_FORMS),
                );
                None
            }
        }
    }

    fn slug(&mut self, source: &SourceFile, title: &str) -> String {
        if let Some(s) = self.string("slug") {
            if slug::is_valid_slug(&s) {
                return s;
            }
            self.error_at_value(
                "slug",
                format!("`slug` \"{s}\" is not a valid URL segment"),
                format!(
                    "use lowercase letters, digits and `-`, e.g. \"{}\"",
                    slugify(&s)
                ),
            );
        }
        let file_name = source.rel.rsplit('/').next().unwrap_or("");
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
        let stem = if is_bundle_index(&source.rel) {
            source.rel.rsplit('/').nth(1).unwrap_or(stem)
        } else {
            stem
        };
        let from_file = slugify(stem);
        if from_file.is_empty() {
            slugify(title)
        } else {
            from_file
        }
    }

    /// Where the document goes: its language (front matter, else a `content/<code>/` folder of
    /// a site language), the path prefix of that language and the path under it.
    fn place<'s>(&mut self, source: &'s SourceFile, config: &SiteConfig) -> Place<'s> {
        let written = self.language();
        let folder = source.rel.split_once('/').filter(|(first, _)| {
            config.is_multilingual()
                && *first != config.language
                && config
                    .languages
                    .contains_key(&crate::i18n::canonical_code(first))
        });
        let (local, kind) = match folder {
            Some((_, local)) => {
                let kind = match (local.contains('/'), local.rsplit('/').next()) {
                    (true, Some("_index.md")) => SourceKind::SectionIndex,
                    (true, _) => SourceKind::Article,
                    (false, _) => SourceKind::Page,
                };
                (local, kind)
            }
            None => (source.rel.as_str(), source.kind),
        };
        let folder_language = folder.map(|(code, _)| crate::i18n::canonical_code(code));
        if let (Some(folder), Some(written)) = (&folder_language, &written) {
            if folder != written {
                self.error_at_value(
                    "language",
                    format!("`language = \"{written}\"` in a file under content/{folder}/, the folder of another language"),
                    format!("move the file out of content/{folder}/, or remove `language`"),
                );
            }
        }
        if local == "_index.md" {
            self.error_at_start(
                "a language's home page takes no `_index.md`",
                "set its title and description under [languages.<code>] in site.toml, and delete this file",
            );
        }
        let language = written.or(folder_language);
        let site_language = config.site_language(language.as_deref());
        Place {
            prefix: config.language_prefix(site_language),
            section: local.split_once('/').map_or("", |(s, _)| s),
            local,
            kind,
            language,
        }
    }

    fn language(&mut self) -> Option<String> {
        let code = self.string("language")?;
        if languages::is_language_code(&code) {
            Some(crate::i18n::canonical_code(&code))
        } else {
            self.error_at_value(
                "language",
                format!("`language` must be an ISO 639-1 code, found \"{code}\""),
                "use a two-letter code such as \"en\" or \"ja\"",
            );
            None
        }
    }

    fn profile(&mut self) -> Profile {
        let mut links = Vec::new();
        match self.table.get("links").cloned() {
            None => {}
            Some(Value::Array(items)) => {
                for item in items {
                    let (title, url) = match &item {
                        Value::String(url) => (url.clone(), url.clone()),
                        Value::Object(t) => (
                            t.get("title")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                            t.get("url")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                        ),
                        _ => (String::new(), String::new()),
                    };
                    let lower = url.to_ascii_lowercase();
                    if lower.starts_with("https://")
                        || lower.starts_with("http://")
                        || lower.starts_with("mailto:")
                    {
                        links.push(ProfileLink {
                            title: if title.is_empty() { url.clone() } else { title },
                            url,
                        });
                    } else {
                        self.error_at_value(
                            "links",
                            format!("profile link `{url}` must be an http(s) or mailto: address"),
                            "write links as { title = \"…\", url = \"https://…\" }",
                        );
                    }
                }
            }
            Some(_) => self.type_error("links", "a list of { title, url } tables"),
        }
        Profile {
            affiliation: self.string("affiliation"),
            photo: self.string("photo"),
            links,
        }
    }

    fn source(&mut self) -> Option<SourceInfo> {
        let table = match self.table.get("source")? {
            Value::Object(t) => t.clone(),
            _ => {
                self.type_error(
                    "source",
                    "a table: [source] with publisher, url, original_language, category",
                );
                return None;
            }
        };
        let mut info = SourceInfo::default();
        for (key, value) in table {
            let Some(s) = value
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
            else {
                self.error_at_value(
                    &key,
                    format!("`source.{key}` must be a non-empty string"),
                    "write it in quotes, or leave the key out",
                );
                continue;
            };
            match key.as_str() {
                "publisher" => info.publisher = Some(s),
                "category" => info.category = Some(s),
                "url" => {
                    let lower = s.to_ascii_lowercase();
                    if lower.starts_with("https://") || lower.starts_with("http://") {
                        info.url = Some(s);
                    } else {
                        self.error_at_value(
                            "url",
                            format!("`source.url` must be an http(s) address, found \"{s}\""),
                            "write the original's full address, starting with https://",
                        );
                    }
                }
                "original_language" => {
                    if languages::is_language_code(&s) {
                        info.original_language = Some(s.to_ascii_lowercase());
                    } else {
                        self.error_at_value(
                            "original_language",
                            format!("`source.original_language` must be an ISO 639-1 code, found \"{s}\""),
                            "use a two-letter code such as \"ja\", \"ko\", \"ru\" or \"fr\"",
                        );
                    }
                }
                other => self.error_at(
                    other,
                    format!("unknown key `{other}` in [source]"),
                    "expected publisher, url, original_language or category",
                ),
            }
        }
        Some(info)
    }
}
