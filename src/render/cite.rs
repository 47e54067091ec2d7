//! "Cite this briefing" strings and JSON-LD, generated once per article at build time.

use chrono::Datelike;
use serde_json::{json, Value};

use crate::model::Document;
use crate::normalise::slugify;

/// What a citation needs to know about the article and where it is published.
pub struct CiteInput<'a> {
    pub doc: &'a Document,
    pub authors: Vec<&'a str>,
    pub site_title: &'a str,
    pub permalink: &'a str,
    /// The date in the page's language (`2024年2月20日`), used instead of the English forms
    /// APA and Chicago prescribe when the page is not in English.
    pub date: Option<String>,
    /// Whether the page is in English.
    pub english: bool,
    /// How the page's language joins names: (`、`, `、`) in Japanese.
    pub joiners: Option<(String, String)>,
}

/// "Ana Ruiz" → ("Ruiz", "Ana"): the last word is taken as the family name.
fn split_name(name: &str) -> (&str, &str) {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (family, given),
        None => (name.trim(), ""),
    }
}

fn initials(given: &str) -> String {
    given
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// APA 7th: `Ruiz, A., & Ko, B. (2024, November 20). Title. Site. URL`
pub fn apa(c: &CiteInput<'_>) -> String {
    let names: Vec<String> = c
        .authors
        .iter()
        .map(|a| {
            let (family, given) = split_name(a);
            if given.is_empty() {
                family.to_string()
            } else {
                format!("{family}, {}", initials(given))
            }
        })
        .collect();
    let authors = match names.len() {
        0 => c.site_title.to_string(),
        1 => names[0].clone(),
        n => format!("{}, & {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let date = match (&c.date, c.doc.date) {
        (Some(local), Some(_)) if !c.english => local.clone(),
        (_, Some(d)) => d.format("%Y, %B %-d").to_string(),
        (_, None) => "n.d.".to_string(),
    };
    let title = c.doc.title.trim_end_matches('.');
    format!(
        "{authors} ({date}). {title}. {}. {}",
        c.site_title, c.permalink
    )
}

/// Chicago (notes and bibliography, web page):
/// `Ruiz, Ana, and Ben Ko. "Title." Site, November 20, 2024. URL.`
pub fn chicago(c: &CiteInput<'_>) -> String {
    let names: Vec<String> = c
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (family, given) = split_name(a);
            if i == 0 && !given.is_empty() {
                format!("{family}, {given}")
            } else {
                a.trim().to_string()
            }
        })
        .collect();
    // Chicago's ", and" is English; other languages join names their own way.
    let (comma, and) = match &c.joiners {
        Some((comma, and)) if !c.english => (comma.as_str(), and.as_str()),
        _ => (", ", ", and "),
    };
    let authors = match names.len() {
        0 => String::new(),
        1 => format!("{}. ", names[0]),
        n => format!("{}{and}{}. ", names[..n - 1].join(comma), names[n - 1]),
    };
    let date = match (&c.date, c.doc.date) {
        (Some(local), Some(_)) if !c.english => format!(", {local}"),
        (_, Some(d)) => format!(", {}", d.format("%B %-d, %Y")),
        (_, None) => String::new(),
    };
    let title = c.doc.title.trim_end_matches('.');
    // Japanese and Chinese titles are quoted with corner brackets.
    let cjk = c.doc.title.chars().any(crate::text::lang::is_cjk);
    let (open, close) = if cjk && !c.english {
        ("\u{300c}", "\u{300d}")
    } else {
        ("\u{201c}", ".\u{201d}")
    };
    format!(
        "{authors}{open}{title}{close} {}{date}. {}.",
        c.site_title, c.permalink
    )
}

fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            c => out.push(c),
        }
    }
    out
}

/// A BibTeX `@misc` entry with a key like `ruiz2024moscow`.
pub fn bibtex(c: &CiteInput<'_>) -> String {
    let first_family = c
        .authors
        .first()
        .map(|a| split_name(a).0)
        .unwrap_or(c.site_title);
    let year = c.doc.date.map(|d| d.year().to_string()).unwrap_or_default();
    let first_word = slugify(&c.doc.title)
        .split('-')
        .find(|w| w.len() > 3)
        .unwrap_or("briefing")
        .to_string();
    let key = format!(
        "{}{year}{first_word}",
        slugify(first_family).replace('-', "")
    );
    let authors = if c.authors.is_empty() {
        format!("{{{}}}", bibtex_escape(c.site_title))
    } else {
        c.authors
            .iter()
            .map(|a| {
                let (family, given) = split_name(a);
                bibtex_escape(&if given.is_empty() {
                    family.to_string()
                } else {
                    format!("{family}, {given}")
                })
            })
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let mut fields = vec![
        format!("  author = {{{authors}}}"),
        format!("  title = {{{{{}}}}}", bibtex_escape(&c.doc.title)),
    ];
    if let Some(d) = c.doc.date {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        fields.push(format!("  year = {{{}}}", d.year()));
        fields.push(format!("  month = {}", MONTHS[d.month0() as usize]));
    }
    fields.push(format!(
        "  howpublished = {{{}}}",
        bibtex_escape(c.site_title)
    ));
    fields.push(format!(
        "  url = {{{}}}",
        c.permalink.replace(['{', '}'], "")
    ));
    format!("@misc{{{key},\n{}\n}}", fields.join(",\n"))
}

/// What JSON-LD needs beyond the document.
pub struct JsonLdInput<'a> {
    pub cite: &'a CiteInput<'a>,
    pub language: &'a str,
    /// (name, affiliation) per author.
    pub people: Vec<(&'a str, Option<&'a str>)>,
    pub series: Vec<&'a str>,
    pub keywords: Vec<&'a str>,
    pub image: Option<String>,
}

/// A schema.org `NewsArticle`, serialised for a `<script type="application/ld+json">` block.
/// It leaves out what the page's own meta tags already say and search engines read from them:
/// the description (`<meta name="description">`, `og:description`) and `mainEntityOfPage`
/// (the canonical link, which is also `url`).
pub fn json_ld(j: &JsonLdInput<'_>) -> String {
    let doc = j.cite.doc;
    let authors: Vec<Value> = j
        .people
        .iter()
        .map(|(name, affiliation)| {
            let mut person = json!({ "@type": "Person", "name": name });
            if let Some(aff) = affiliation {
                person["affiliation"] = json!({ "@type": "Organization", "name": aff });
            }
            person
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": doc.title,
        "url": j.cite.permalink,
        "author": authors,
        "publisher": { "@type": "Organization", "name": j.cite.site_title },
        "inLanguage": j.language,
    });
    if let Some(d) = doc.date {
        value["datePublished"] = json!(d.to_rfc3339());
        value["dateModified"] = json!(doc.updated.unwrap_or(d).to_rfc3339());
    }
    if !j.keywords.is_empty() {
        value["keywords"] = json!(j.keywords.join(", "));
    }
    if let Some(image) = &j.image {
        value["image"] = json!(image);
    }
    if !j.series.is_empty() {
        let parts: Vec<Value> = j
            .series
            .iter()
            .map(|s| json!({ "@type": "CreativeWorkSeries", "name": s }))
            .collect();
        value["isPartOf"] = if parts.len() == 1 {
            parts[0].clone()
        } else {
            json!(parts)
        };
    }
    if let Some(source) = &doc.source {
        if let Some(lang) = &source.original_language {
            let mut original = json!({ "@type": "CreativeWork", "inLanguage": lang });
            if let Some(url) = &source.url {
                original["url"] = json!(url);
            }
            if let Some(publisher) = &source.publisher {
                original["publisher"] = json!({ "@type": "Organization", "name": publisher });
            }
            value["translationOfWork"] = original;
        }
    }
    // Nothing inside a string may end or re-enter the script element: `<`, `>` and `&` become
    // JSON unicode escapes, which parse back to the same characters.
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
