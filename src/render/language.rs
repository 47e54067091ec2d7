//! What templates need to show each page in its own language: the page's language and
//! direction, taxonomy headings in that language, the site's paths under its language prefix,
//! and the language switcher's links (a page's translation, or the same page in the other
//! language, or that language's home).

use serde_json::{json, Value};

use crate::i18n::Catalog;
use crate::model::Document;
use crate::site::languages::Translation;
use crate::site::{Site, Taxonomy};
use crate::text::lang::og_locale;

/// The language an article is shown in: its own, else its site's.
pub fn of_document(site: &Site, doc: &Document) -> String {
    doc.language
        .clone()
        .unwrap_or_else(|| site.language.clone())
}

/// A taxonomy's heading and singular label in the site's language: `[languages.ja.taxonomies]`
/// first, then site.toml's own title for the default language, then the built-in translation
/// of common names (tags, authors, topics, regions, series, categories, countries).
pub fn taxonomy_titles(site: &Site, catalog: &Catalog, tax: &Taxonomy) -> (String, Option<String>) {
    let name = &tax.config.name;
    let lang = catalog.language(&site.language);
    let configured = site
        .config
        .languages
        .get(&site.language)
        .and_then(|l| l.taxonomies.get(name));
    let is_default = site.language == site.config.language;
    let builtin = |key: String| {
        lang.translates(&key)
            .then(|| lang.t(&key, &[]).ok())
            .flatten()
    };
    let title = configured
        .cloned()
        .or_else(|| tax.config.title.clone().filter(|_| is_default))
        .or_else(|| builtin(format!("taxonomy_{name}")))
        .unwrap_or_else(|| tax.title.clone());
    let singular = tax
        .config
        .singular
        .clone()
        .filter(|_| is_default && configured.is_none())
        .or_else(|| builtin(format!("taxonomy_{name}_one")))
        .or_else(|| tax.config.singular.clone());
    (title, singular)
}

/// Values every template of a language's site sees under `site`, besides title and the rest.
pub fn site_values(site: &Site, catalog: &Catalog) -> serde_json::Map<String, Value> {
    let lang = catalog.language(&site.language);
    let p = &site.prefix;
    let mut values = serde_json::Map::new();
    values.insert("language".into(), json!(site.language));
    values.insert("dir".into(), json!(lang.dir().as_str()));
    values.insert("og_locale".into(), json!(og_locale(&site.language)));
    values.insert("home_path".into(), json!(p));
    values.insert("archive_path".into(), json!(format!("{p}archive/")));
    values.insert("search_path".into(), json!(format!("{p}search/")));
    let menu = site
        .config
        .languages
        .get(&site.language)
        .map(|l| &l.menu)
        .filter(|m| !m.is_empty());
    values.insert("menu".into(), json!(menu));
    values.insert(
        "languages".into(),
        Value::Array(
            site.config
                .language_codes()
                .into_iter()
                .map(|code| {
                    let lang = catalog.language(code);
                    json!({
                        "code": code,
                        "dir": lang.dir().as_str(),
                        "name": lang.endonym(),
                        "path": site.config.language_prefix(code),
                        "current": code == site.language,
                    })
                })
                .collect(),
        ),
    );
    values
}

/// The language switcher of the page at `path`: one entry per other language of the site,
/// linking to the page's translation in it, else to the same kind of page there (home,
/// archive, search, a taxonomy index), else to its home. `hreflang` marks the entries that
/// are the same content, which `<link rel="alternate" hreflang>` and the sitemap list.
pub fn alternates(
    site: &Site,
    catalog: &Catalog,
    path: &str,
    translations: &[Translation],
) -> Value {
    let config = &site.config;
    if !config.is_multilingual() {
        return json!([]);
    }
    let page_lang = catalog.language(&site.language);
    let local = path.strip_prefix(site.prefix.as_str()).unwrap_or(path);
    let counterpart = local.is_empty()
        || local == "archive/"
        || local == "search/"
        || site
            .taxonomies
            .iter()
            .any(|t| t.path.strip_prefix(site.prefix.as_str()) == Some(local));
    let entries: Vec<Value> = config
        .language_codes()
        .into_iter()
        .filter(|code| *code != site.language)
        .map(|code| {
            let prefix = config.language_prefix(code);
            let translation = translations
                .iter()
                .find(|t| crate::i18n::canonical_code(&t.language) == code);
            let (target, same) = match translation {
                Some(t) => (t.path.clone(), true),
                None if counterpart => (format!("{prefix}{local}"), true),
                None => (prefix, false),
            };
            let other = catalog.language(code);
            json!({
                "language": code,
                "name": other.endonym(),
                "label": page_lang.t("read_in", &[("language", crate::i18n::Arg::Text(&page_lang.language_name(code)))]).unwrap_or_default(),
                "path": target,
                "permalink": config.permalink(&target),
                "hreflang": same,
            })
        })
        .collect();
    Value::Array(entries)
}

/// A sitemap entry's other-language versions, itself included (as the sitemaps.org extension
/// wants), or none when the page has no counterpart in another language.
pub fn sitemap_alternates(
    site: &Site,
    catalog: &Catalog,
    path: &str,
    own_language: &str,
    translations: &[Translation],
) -> Value {
    let others = alternates(site, catalog, path, translations);
    let mut list: Vec<Value> = others
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["hreflang"] == json!(true))
        .map(|a| json!({ "hreflang": a["language"], "href": a["permalink"] }))
        .collect();
    if list.is_empty() {
        return json!([]);
    }
    list.insert(
        0,
        json!({ "hreflang": own_language, "href": site.config.permalink(path) }),
    );
    Value::Array(list)
}
