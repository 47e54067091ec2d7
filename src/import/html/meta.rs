//! What the page says about itself: JSON-LD, Highwire `citation_*`,
//! OpenGraph and `article:*`, Dublin Core, `<meta name=author>`,
//! `rel=author`, `<time datetime>`, `<title>`, `lang` and the canonical
//! link. Every value keeps the name of its source, most trusted first.

use super::dom::{self, names};
use super::jsonld::{self, Graph};
use super::names::{dedupe, invert_name, split_names};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// A value and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub source: &'static str,
}

/// Every candidate the page offers, per field, most trusted first.
#[derive(Debug, Default)]
pub struct PageMeta {
    pub titles: Vec<Found<String>>,
    /// Visible `<h1>` headlines, to confirm a metadata title with.
    pub headlines: Vec<String>,
    pub authors: Vec<Found<Vec<String>>>,
    pub dates: Vec<Found<NaiveDate>>,
    pub publishers: Vec<Found<String>>,
    pub urls: Vec<Found<String>>,
    pub descriptions: Vec<Found<String>>,
    /// Standfirsts printed under the headline.
    pub standfirsts: Vec<Found<String>>,
    pub languages: Vec<Found<String>>,
    pub sections: Vec<Found<String>>,
    pub tags: Vec<Found<Vec<String>>>,
    pub bio: Option<String>,
    /// The page marks its text as for subscribers only.
    pub paywalled: bool,
    /// The page calls itself a listing (collection, search results).
    pub listing: bool,
}

/// The document's `<meta>` tags as (lowercased name or property, content).
struct Metas(Vec<(String, String)>);

impl Metas {
    fn read(doc: &Html) -> Metas {
        let sel = Selector::parse("meta").expect("valid selector");
        let mut all = Vec::new();
        for m in doc.select(&sel) {
            let v = m.value();
            let Some(content) = v.attr("content") else {
                continue;
            };
            let content = squash(content);
            if content.is_empty() {
                continue;
            }
            for key in ["name", "property", "itemprop", "http-equiv"] {
                if let Some(k) = v.attr(key) {
                    all.push((k.trim().to_lowercase(), content.clone()));
                }
            }
        }
        Metas(all)
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn first(&self, keys: &[&'static str]) -> Option<(String, &'static str)> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| (v.clone(), *k))
        })
    }
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).expect("valid selector");
    doc.select(&sel).collect()
}

/// Reads every candidate off the document.
pub fn read(doc: &Html) -> PageMeta {
    let metas = Metas::read(doc);
    let scripts = select(doc, "script[type=\"application/ld+json\"]");
    let texts: Vec<String> = scripts.iter().map(|s| s.text().collect()).collect();
    let graph = Graph::parse(texts.iter().map(String::as_str));
    let mut meta = PageMeta {
        listing: graph.is_listing() && graph.article().is_none(),
        ..PageMeta::default()
    };
    if let Some(article) = graph.article() {
        from_jsonld(&graph, article, &mut meta);
    }
    from_metas(&metas, &mut meta);
    from_metas_site(&metas, &mut meta);
    from_markup(doc, &mut meta);
    from_markup_page(doc, &mut meta);
    if let Some(site) = graph.website_name() {
        meta.publishers.push(Found {
            value: site,
            source: "JSON-LD WebSite name",
        });
    }
    meta
}

fn from_jsonld(graph: &Graph, article: &serde_json::Map<String, Value>, meta: &mut PageMeta) {
    if let Some(t) = jsonld::text(article, "headline").or_else(|| jsonld::text(article, "name")) {
        meta.titles.push(Found {
            value: t,
            source: "JSON-LD headline",
        });
    }
    let publisher = jsonld::list(article, "publisher")
        .into_iter()
        .find_map(|p| graph.name_of(p));
    let authors: Vec<String> = jsonld::list(article, "author")
        .into_iter()
        .chain(jsonld::list(article, "creator"))
        .filter(|a| {
            // An organisation named as author is the publisher, not a person.
            let kinds = graph.type_of(a);
            !kinds
                .iter()
                .any(|k| k == "Organization" || k == "NewsMediaOrganization")
                || graph.name_of(a) != publisher
        })
        .filter_map(|a| graph.name_of(a))
        .flat_map(|n| split_names(&n))
        .collect();
    if !authors.is_empty() {
        meta.authors.push(Found {
            value: dedupe(authors),
            source: "JSON-LD author",
        });
    }
    for key in ["datePublished", "dateCreated"] {
        if let Some(d) = jsonld::text(article, key).and_then(|d| parse_date(&d)) {
            meta.dates.push(Found {
                value: d,
                source: "JSON-LD datePublished",
            });
            break;
        }
    }
    if let Some(p) = publisher {
        meta.publishers.push(Found {
            value: p,
            source: "JSON-LD publisher",
        });
    }
    if let Some(d) = jsonld::text(article, "description") {
        meta.descriptions.push(Found {
            value: d,
            source: "JSON-LD description",
        });
    }
    let url = jsonld::text(article, "url").or_else(|| {
        article.get("mainEntityOfPage").and_then(|m| match m {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o
                .get("@id")
                .or_else(|| o.get("url"))
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        })
    });
    if let Some(u) = url.filter(|u| u.starts_with("http")) {
        meta.urls.push(Found {
            value: u,
            source: "JSON-LD url",
        });
    }
    if let Some(lang) = jsonld::text(article, "inLanguage") {
        meta.languages.push(Found {
            value: lang,
            source: "JSON-LD inLanguage",
        });
    }
    if let Some(s) = jsonld::text(article, "articleSection") {
        meta.sections.push(Found {
            value: s,
            source: "JSON-LD articleSection",
        });
    }
    let keywords: Vec<String> = match article.get("keywords") {
        Some(Value::String(s)) => s.split(',').map(squash).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(squash).collect(),
        _ => Vec::new(),
    };
    let keywords: Vec<String> = keywords.into_iter().filter(|k| !k.is_empty()).collect();
    if !keywords.is_empty() {
        meta.tags.push(Found {
            value: keywords,
            source: "JSON-LD keywords",
        });
    }
    let free = |v: Option<&Value>| {
        matches!(v, Some(Value::Bool(false)))
            || matches!(v, Some(Value::String(s)) if s.eq_ignore_ascii_case("false"))
    };
    meta.paywalled |= free(article.get("isAccessibleForFree"));
}

fn from_metas(metas: &Metas, meta: &mut PageMeta) {
    for key in [
        "citation_title",
        "og:title",
        "twitter:title",
        "dc.title",
        "dcterms.title",
    ] {
        if let Some((t, source)) = metas.first(&[key]) {
            meta.titles.push(Found { value: t, source });
        }
    }
    let citation: Vec<String> = metas
        .all("citation_author")
        .iter()
        .map(|a| invert_name(a))
        .collect();
    if !citation.is_empty() {
        meta.authors.push(Found {
            value: dedupe(citation),
            source: "citation_author",
        });
    }
    for key in ["dc.creator", "dcterms.creator"] {
        let names: Vec<String> = metas
            .all(key)
            .iter()
            .flat_map(|a| split_names(&invert_name(a)))
            .collect();
        if !names.is_empty() {
            meta.authors.push(Found {
                value: dedupe(names),
                source: key,
            });
        }
    }
    for key in [
        "author",
        "article:author",
        "og:article:author",
        "parsely-author",
        "sailthru.author",
        "byl",
        "cxenseparse:author",
        "dable:author",
        "mediator_author",
        "article:author_name",
        "author_name",
    ] {
        let names: Vec<String> = metas.all(key).iter().flat_map(|a| split_names(a)).collect();
        if !names.is_empty() {
            meta.authors.push(Found {
                value: dedupe(names),
                source: key,
            });
        }
    }
    let date_keys = [
        "citation_publication_date",
        "citation_date",
        "citation_online_date",
        "article:published_time",
        "og:article:published_time",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
        "sailthru.date",
    ];
    for key in date_keys {
        if let Some(d) = metas
            .first(&[key])
            .and_then(|(d, s)| parse_date(&d).map(|d| (d, s)))
        {
            meta.dates.push(Found {
                value: d.0,
                source: d.1,
            });
        }
    }
}

/// The site-level metadata: publisher, description, address, language,
/// section and tags.
fn from_metas_site(metas: &Metas, meta: &mut PageMeta) {
    for key in [
        "citation_publisher",
        "og:site_name",
        "dc.publisher",
        "dcterms.publisher",
        "application-name",
    ] {
        if let Some((p, source)) = metas.first(&[key]) {
            meta.publishers.push(Found { value: p, source });
        }
    }
    for key in [
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
        "dcterms.description",
    ] {
        if let Some((d, source)) = metas.first(&[key]) {
            meta.descriptions.push(Found { value: d, source });
        }
    }
    for key in [
        "og:url",
        "citation_abstract_html_url",
        "citation_fulltext_html_url",
    ] {
        if let Some((u, source)) = metas.first(&[key]).filter(|(u, _)| u.starts_with("http")) {
            meta.urls.push(Found { value: u, source });
        }
    }
    for key in [
        "content-language",
        "dc.language",
        "citation_language",
        "og:locale",
    ] {
        if let Some((l, source)) = metas.first(&[key]) {
            meta.languages.push(Found { value: l, source });
        }
    }
    for key in ["article:section", "section", "parsely-section"] {
        if let Some((s, source)) = metas.first(&[key]) {
            meta.sections.push(Found { value: s, source });
        }
    }
    for key in ["article:tag", "news_keywords"] {
        let tags: Vec<String> = metas
            .all(key)
            .iter()
            .flat_map(|t| t.split(',').map(squash))
            .filter(|t| !t.is_empty())
            .collect();
        if !tags.is_empty() {
            meta.tags.push(Found {
                value: tags,
                source: key,
            });
        }
    }
}

/// What the markup itself shows: headline, byline, time, standfirst,
/// canonical link, language, tag links and the author's note.
fn from_markup(doc: &Html, meta: &mut PageMeta) {
    for h in select(doc, "h1").iter().filter(|h| !dom::is_hidden(h)) {
        let whole = dom::text(h);
        let bare = super::byline::without_kicker(h);
        meta.headlines
            .extend([whole, bare].into_iter().filter(|t| !t.is_empty()));
    }
    if let Some(h) = select(doc, "[itemprop=headline]")
        .first()
        .map(dom::text)
        .filter(|t| !t.is_empty())
    {
        meta.titles.push(Found {
            value: h,
            source: "itemprop=headline",
        });
    }
    if let Some(t) = select(doc, "head > title")
        .first()
        .map(dom::text)
        .filter(|t| !t.is_empty())
    {
        meta.titles.push(Found {
            value: t,
            source: "<title>",
        });
    }
    meta.authors.extend(super::byline::authors(doc));
    let times = select(
        doc,
        "[itemprop=datePublished], article time[datetime], main time[datetime], time[datetime]",
    );
    if let Some(d) = times.iter().find_map(|t| {
        t.value()
            .attr("datetime")
            .or(t.value().attr("content"))
            .and_then(parse_date)
    }) {
        meta.dates.push(Found {
            value: d,
            source: "<time datetime>",
        });
    }
}

/// What the page prints around the headline and after the article:
/// dates, standfirst, canonical link, language, tag links, author note.
fn from_markup_page(doc: &Html, meta: &mut PageMeta) {
    // A date printed in the head, read with the text importer's rules.
    let printed = select(
        doc,
        "[class*=date], [class*=time], .published, .posted-on, .dateline, [class*=dateline]",
    );
    if let Some(d) = printed
        .iter()
        .filter(|e| !inside_furniture_list(e))
        .map(dom::text)
        .filter(|t| t.split_whitespace().count() <= 12)
        .find_map(|t| crate::text::find_date::find_date(&t))
    {
        meta.dates.push(Found {
            value: d.date,
            source: "printed date",
        });
    }
    let standfirst_css = "[class*=standfirst], .dek, .deck, [class*=subtitle], .sub-title, \
        [class*=subheadline], .sub-headline, [class*=strapline], .article-summary, .article-dek, \
        p.lead, [itemprop=alternativeHeadline], h1 + h2, [class*=excerpt], [class*=-dek], [class*=_dek]";
    if let Some(s) = select(doc, standfirst_css)
        .iter()
        .filter(|e| !dom::is_hidden(e) && !inside_furniture_list(e))
        .map(dom::text)
        .find(|t| super::count_words(t) >= 5)
    {
        meta.standfirsts.push(Found {
            value: s,
            source: "standfirst element",
        });
    }
    if let Some(href) = select(doc, "link[rel~=canonical]")
        .first()
        .and_then(|l| l.value().attr("href"))
    {
        meta.urls.insert(
            0,
            Found {
                value: href.trim().to_string(),
                source: "canonical link",
            },
        );
    }
    if let Some(lang) = select(doc, "html")
        .first()
        .and_then(|h| h.value().attr("lang"))
    {
        meta.languages.insert(
            0,
            Found {
                value: lang.to_string(),
                source: "<html lang>",
            },
        );
    }
    let tag_links: Vec<String> = select(doc, "a[rel~=tag]")
        .iter()
        .map(dom::text)
        .filter(|t| !t.is_empty())
        .collect();
    if !tag_links.is_empty() {
        meta.tags.insert(
            0,
            Found {
                value: dedupe(tag_links),
                source: "rel=tag links",
            },
        );
    }
    meta.bio = select(doc, ".author-bio, .author-box, .about-author, .author-info, .authorbio, .author__bio, .bio, .contributor-bio, .author-description")
        .iter()
        .map(dom::text)
        .find(|t| t.split_whitespace().count() >= 6);
    meta.paywalled |= !select(
        doc,
        ".paywall, [class*=paywall], .subscriber-only, .premium-content",
    )
    .is_empty();
}

/// Names in a comment or "more from" list are not this article's byline.
pub(super) fn inside_furniture_list(el: &ElementRef) -> bool {
    const LISTS: &[&str] = &[
        "related",
        "comment",
        "sidebar",
        "recommend",
        "popular",
        "teaser",
        "card",
        "widget",
    ];
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let n = names(&a);
        n.contains("site-footer")
            || n.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| w == "more" || LISTS.iter().any(|l| w.starts_with(l)))
            || matches!(a.value().name(), "aside" | "nav")
    })
}

/// A calendar day from the date forms metadata uses: ISO 8601 with or
/// without time, `YYYY/MM/DD`, `YYYYMMDD`, and RFC 2822.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&head, fmt) {
            return Some(d);
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_metadata_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 3);
        for s in [
            "2024-03-03",
            "2024-03-03T23:10:00-05:00",
            "2024/03/03",
            "20240303",
            "Sun, 03 Mar 2024 10:00:00 +0000",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("March"), None);
    }
}
