//! A briefing's own page: `briefings/x/index.html` from `article.html`.

use serde::Serialize;
use serde_json::Value;

use super::Kind;
use crate::diagnostics::Diagnostic;
use crate::i18n::{DateStyle, Lang};
use crate::model::TocEntry;
use crate::render::context::{date_in, to_value, PageLanguage, TermLink};
use crate::render::fragments::Fragment;
use crate::render::plan::{ArticleId, Inputs, Target};
use crate::render::{cite, language};
use crate::render::{Lent, Renderer};
use crate::site::Site;
use crate::text::lang::og_locale;

/// The page of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Article(pub ArticleId);

/// What `page` adds to the article's summary.
#[derive(Serialize)]
struct ArticlePage<'a> {
    content: &'a str,
    terms: &'a std::collections::BTreeMap<&'a str, Vec<TermLink<'a>>>,
    toc: &'a [TocEntry],
    review: &'a [String],
    extra: &'a Value,
    author_bio: &'a Option<String>,
    pdf: &'a Option<String>,
    /// "2.4 MB", when `pdf` is a file of the site.
    pdf_size: Option<String>,
    pdf_pages: Option<u64>,
    og_locale: String,
    language: &'a str,
    dir: &'static str,
    /// In the page's own language, which may differ from its listings'.
    date_display: Option<String>,
    updated_display: Option<String>,
    /// The article's taxonomies other than authors, with their terms, in site order.
    term_groups: Vec<TermGroup<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section_path: Option<&'a str>,
    series: Vec<SeriesPart<'a>>,
    translations: Vec<Translation<'a>>,
    citation: Citation,
    json_ld: String,
    citation_date: Option<String>,
}

/// One taxonomy of an article with its terms, precomputed so templates need not search maps
/// (the engine copies what `in` and `set` touch).
#[derive(Serialize)]
struct TermGroup<'a> {
    name: &'a str,
    title: &'a str,
    path: &'a str,
    terms: &'a [TermLink<'a>],
}

/// "Part 2 of 5" of a series (an ordered taxonomy) the article belongs to.
#[derive(Serialize)]
struct SeriesPart<'a> {
    taxonomy: &'a str,
    name: &'a str,
    path: &'a str,
    part: usize,
    total: usize,
    prev: Option<&'a Value>,
    next: Option<&'a Value>,
}

/// Another language's version of the article.
#[derive(Serialize)]
struct Translation<'a> {
    language: &'a str,
    /// The language's name in the page's language (`英語`), and in itself (`English`).
    language_name: String,
    endonym: String,
    title: &'a str,
    path: &'a str,
    permalink: String,
}

#[derive(Serialize)]
struct Citation {
    apa: String,
    chicago: String,
    bibtex: String,
}

impl Kind for Article {
    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.site.articles[self.0 .0].path, "article.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let (site, i) = (r.site, self.0 .0);
        let (older, newer) = r.listings().neighbours[i];
        // Everything else whose summary the page shows: related briefings, series parts and
        // translations.
        let mut shown: Vec<usize> = older.into_iter().chain(newer).collect();
        shown.extend(&site.related[i]);
        shown.extend(&site.translations[i]);
        let meta = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            site.translated[i].hash(&mut h);
            h.finish()
        };
        for tax in site.taxonomies.iter().filter(|t| t.config.ordered) {
            for term in tax.terms.iter().filter(|t| t.articles.contains(&i)) {
                shown.extend(&term.articles);
            }
        }
        Inputs {
            own: Some(site.articles[i].path.clone()),
            listed: r.article_paths(&shown),
            meta,
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let (site, i) = (r.site, self.0 .0);
        let shared = r.shared();
        let (older, newer) = r.listings().neighbours[i];
        let summary = |i: Option<usize>| i.map_or(Value::Null, |i| shared.lend(i));
        let mut page = page_value(r, i);
        let page_lang = language::of_document(site, &site.articles[i]);
        let mut related: Vec<Value> = site.related[i].iter().map(|&j| shared.lend(j)).collect();
        if page_lang == site.language {
            r.add_fragments(Fragment::Related, &mut related, &site.related[i])?;
        } else {
            // Cards made for the site's listings speak its language: this page's related cards
            // are rendered with the page instead, dates in its own language.
            for (value, &j) in related.iter_mut().zip(&site.related[i]) {
                if let Value::Object(map) = value {
                    map.remove("related_html");
                    map.remove("card_html");
                    let date = site.articles[j]
                        .date
                        .as_ref()
                        .map(|d| date_in(&shared.catalog, &page_lang, d));
                    map.insert("date_display".into(), date.into());
                }
            }
        }
        page["related"] = Value::Array(related);
        let values = vec![
            ("page", page),
            ("older", summary(older)),
            ("newer", summary(newer)),
        ];
        let lent = Lent::Article {
            related: &site.related[i],
            older,
            newer,
        };
        let lang = PageLanguage {
            code: &page_lang,
            translations: &site.translated[i],
        };
        r.html(target, r.site_feed(), values, lent, lang)
    }
}

/// The `page` value of article `i`: its summary plus body, contents, reader features and
/// extras. `related` is added by the caller, from lent summaries.
fn page_value(r: &Renderer, i: usize) -> Value {
    let site = r.site;
    let a = &site.articles[i];
    let config = &site.config;
    let shared = r.shared();
    let terms = shared.term_map(a);
    let language = language::of_document(site, a);
    let lang = shared.catalog.language(&language);
    let section = site.sections.iter().find(|s| s.name == a.section);
    let term_groups = site
        .taxonomies
        .iter()
        .zip(&shared.taxonomy_titles)
        .filter(|(t, _)| t.config.name != "authors")
        .filter_map(|(t, (title, _))| {
            Some(TermGroup {
                name: &t.config.name,
                title,
                path: &t.path,
                terms: terms.get(t.config.name.as_str())?,
            })
        })
        .collect();
    let translations = site.translated[i]
        .iter()
        .map(|t| Translation {
            language: &t.language,
            language_name: lang.language_name(&t.language),
            endonym: shared.catalog.language(&t.language).endonym(),
            title: &t.title,
            path: &t.path,
            permalink: config.permalink(&t.path),
        })
        .collect();
    let (citation, json_ld) = citation(site, i, &lang);
    let long =
        |d: &chrono::DateTime<chrono::FixedOffset>| lang.date(d.date_naive(), DateStyle::Long);
    let extras = ArticlePage {
        content: &a.rendered.html,
        terms: &terms,
        toc: &a.rendered.toc,
        review: &a.review,
        extra: &a.extra,
        author_bio: &a.author_bio,
        pdf: &a.pdf,
        pdf_size: a.pdf_info.map(|p| p.size_text()),
        pdf_pages: a.pdf_info.and_then(|p| p.pages),
        og_locale: og_locale(&language),
        language: &language,
        dir: lang.dir().as_str(),
        date_display: a.date.as_ref().map(long),
        updated_display: a.updated.as_ref().map(long),
        term_groups,
        section_title: section.map(|s| s.title.as_str()),
        section_path: section.map(|s| s.path.as_str()),
        series: series(r, i),
        translations,
        citation,
        json_ld,
        citation_date: a.date.map(|d| d.format("%Y/%m/%d").to_string()),
    };
    let mut value = shared.summaries[i].clone();
    if let (Value::Object(page), Value::Object(extras)) = (&mut value, to_value(extras)) {
        page.extend(extras);
        // The translation note names the original's language in the page's language.
        let code = a
            .source
            .as_ref()
            .and_then(|s| s.original_language.as_deref());
        if let (Some(Value::Object(source)), Some(code)) = (page.get_mut("source"), code) {
            source.insert(
                "original_language_name".into(),
                lang.language_name(code).into(),
            );
        }
    }
    value
}

/// The article's citations (APA, Chicago, BibTeX) and its JSON-LD.
fn citation(site: &Site, i: usize, lang: &Lang) -> (Citation, String) {
    let a = &site.articles[i];
    let config = &site.config;
    let authors: Vec<&str> = a
        .terms
        .get("authors")
        .map(|l| l.iter().map(|t| t.name.as_str()).collect())
        .unwrap_or_default();
    let permalink = config.permalink(&a.path);
    let input = cite::CiteInput {
        doc: a,
        authors: authors.clone(),
        site_title: &config.title,
        permalink: &permalink,
        date: a.date.map(|d| lang.date(d.date_naive(), DateStyle::Long)),
        english: lang.code().starts_with("en"),
        joiners: Some((
            lang.t("list_comma", &[]).unwrap_or_else(|_| ", ".into()),
            lang.t("list_and", &[]).unwrap_or_else(|_| " and ".into()),
        )),
    };
    let people = a
        .terms
        .get("authors")
        .map(|l| {
            l.iter()
                .map(|t| {
                    let affiliation = site
                        .profiles
                        .get(&t.slug)
                        .and_then(|p| p.profile.as_ref())
                        .and_then(|p| p.affiliation.as_deref());
                    (t.name.as_str(), affiliation)
                })
                .collect()
        })
        .unwrap_or_default();
    let series: Vec<&str> = site
        .taxonomies
        .iter()
        .filter(|t| t.config.ordered)
        .flat_map(|t| {
            a.terms
                .get(&t.config.name)
                .into_iter()
                .flatten()
                .map(|term| term.name.as_str())
        })
        .collect();
    let keywords: Vec<&str> = a
        .terms
        .iter()
        .filter(|(k, _)| *k != "authors")
        .flat_map(|(_, l)| l.iter().map(|t| t.name.as_str()))
        .collect();
    let json_ld = cite::json_ld(&cite::JsonLdInput {
        cite: &input,
        language: lang.code(),
        people,
        series,
        keywords,
        image: None,
    });
    let citation = Citation {
        apa: cite::apa(&input),
        chicago: cite::chicago(&input),
        bibtex: cite::bibtex(&input),
    };
    (citation, json_ld)
}

/// "Part 2 of 5" for each series (ordered taxonomy) article `i` belongs to.
fn series<'a>(r: &'a Renderer, i: usize) -> Vec<SeriesPart<'a>> {
    let mut out = Vec::new();
    for tax in r.site.taxonomies.iter().filter(|t| t.config.ordered) {
        for term in &tax.terms {
            let Some(pos) = term.articles.iter().position(|&j| j == i) else {
                continue;
            };
            let neighbour = |p: Option<usize>| {
                p.and_then(|p| term.articles.get(p))
                    .map(|&j| &r.shared().summaries[j])
            };
            out.push(SeriesPart {
                taxonomy: &tax.config.name,
                name: &term.name,
                path: &term.path,
                part: pos + 1,
                total: term.articles.len(),
                prev: neighbour(pos.checked_sub(1)),
                next: neighbour(Some(pos + 1)),
            });
        }
    }
    out
}
