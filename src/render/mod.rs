//! Stage 6: turn the site model into files. The [`plan`] lists every output file; each is
//! defined by its kind in [`pages`]. Outputs render in parallel and hand their bytes straight
//! to a [`Sink`], so no page is held longer than it takes to write it. Everything that knows
//! the template engine's internals is in [`engine`].

pub mod cite;
pub mod context;
pub mod engine;
pub mod fragments;
pub mod language;
pub mod pages;
pub mod plan;
mod recycle;
pub mod templates;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostics::{Code, Diagnostic};
use crate::site::{Pager, Site};
pub use context::PageLanguage;
use context::{page_context, root_for, Shared};
pub use engine::Templates;
use fragments::{Fragment, Fragments};
pub use pages::Output;
use plan::{Listings, Target};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path under the output root).
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()>;

    /// Turns a failed write into the one error a build reports for it. Writes stop at the
    /// first failure, so this is called once.
    fn write_failed(&self, rel: &str, error: std::io::Error) -> Diagnostic {
        Diagnostic::error(Code::Io, format!("cannot write {rel}: {error}"))
    }

    /// Puts a copy of the file `from` at `rel`.
    fn copy(&self, rel: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.write(rel, std::fs::read(from)?)
    }

    /// Puts the build's own file `from` (a resized image in the cache) at `rel`: a sink on
    /// disk may hard-link it instead of copying.
    fn link(&self, rel: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.copy(rel, from)
    }

    /// Told how many files are about to be written, for messages about a full disk.
    fn expect_files(&self, _files: usize) {}

    /// Whether an earlier write failed, so nothing more is worth rendering.
    fn stopped(&self) -> bool {
        false
    }
}

/// Which lent summaries (see [`recycle`]) a page's context holds, and where.
pub enum Lent<'a> {
    Nothing,
    /// `paginator.items`: the summaries of these articles, in order.
    Listing(&'a [usize]),
    /// `page.related`, `older` and `newer`.
    Article {
        related: &'a [usize],
        older: Option<usize>,
        newer: Option<usize>,
    },
}

/// What rendering produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
    /// All files written (pages, feeds, sitemap …).
    pub files: usize,
}

/// Drops the summary copies rendering threads keep between pages (see [`recycle`]). A build
/// exits instead; `serve` calls this after each rebuild so it holds no copies while idle.
pub fn release_spares() {
    rayon::broadcast(|_| recycle::clear());
}

/// What rendering a site needs beyond the site itself, computed once and reusable across
/// incremental rebuilds while the site's structure stays the same.
pub struct Prepared {
    shared: Shared,
    listings: Listings,
    /// Article bodies escaped for feeds, made on first use.
    escaped: Vec<std::sync::OnceLock<String>>,
    /// Listing and related cards, made on first use.
    fragments: Fragments,
}

impl Prepared {
    /// `catalog` holds the interface strings (the templates', see [`Templates::catalog`]).
    pub fn new(site: &Site, catalog: std::sync::Arc<crate::i18n::Catalog>) -> Prepared {
        Prepared {
            shared: Shared::new(site, catalog),
            listings: Listings::new(site),
            escaped: (0..site.articles.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            fragments: Fragments::new(site.articles.len()),
        }
    }

    /// Recomputes what depends on article `i` alone after its body or summary changed in place.
    pub fn refresh_article(&mut self, site: &Site, i: usize) {
        self.shared.refresh_summary(site, i);
        self.escaped[i] = std::sync::OnceLock::new();
        self.fragments.forget(i);
    }

    /// The ArticleSummary of article `i`.
    pub fn summary(&self, i: usize) -> &Value {
        &self.shared.summaries[i]
    }

    /// The `site` value every template sees.
    pub fn site_value(&self) -> &Value {
        &self.shared.site
    }

    /// Every output file of `site`, which must be the site this was prepared for.
    pub fn plan(&self, site: &Site) -> Vec<Output> {
        self.listings.plan(site)
    }
}

/// Renders a site's pages from what [`Prepared`] computed once.
pub struct Renderer<'a> {
    pub site: &'a Site,
    templates: &'a Templates,
    prep: &'a Prepared,
    size_hints: SizeHints,
}

/// The largest output seen so far per template, plus a margin, up to 1 MiB (one huge page must
/// not make every later page allocate as much).
#[derive(Default)]
struct SizeHints(std::sync::RwLock<std::collections::HashMap<String, usize>>);

impl SizeHints {
    fn get(&self, template: &str) -> usize {
        let map = self.0.read().expect("no panics while holding the lock");
        map.get(template).copied().unwrap_or(0).min(1 << 20)
    }

    fn record(&self, template: &str, len: usize) {
        let mut map = self.0.write().expect("no panics while holding the lock");
        let hint = map.entry(template.to_string()).or_default();
        *hint = (*hint).max(len + len / 8);
    }
}

/// What goes wrong while rendering a set of outputs.
struct Failures {
    errors: Mutex<Vec<Diagnostic>>,
    /// Set at the first failed write: the rest of the outputs are not rendered.
    stopped: AtomicBool,
}

impl Failures {
    fn add(&self, d: Diagnostic) {
        let mut errors = self
            .errors
            .lock()
            .expect("no panics while holding the lock");
        // A broken base template fails every page the same way: report it once.
        if !errors
            .iter()
            .any(|e| e.message == d.message && e.file == d.file && e.line == d.line)
        {
            errors.push(d);
        }
    }
}

impl<'a> Renderer<'a> {
    /// A renderer over `site`, with `prep` made for this site's structure.
    pub fn new(site: &'a Site, templates: &'a Templates, prep: &'a Prepared) -> Renderer<'a> {
        Renderer {
            site,
            templates,
            prep,
            size_hints: SizeHints::default(),
        }
    }

    pub fn prepared(&self) -> &Prepared {
        self.prep
    }

    pub fn listings(&self) -> &Listings {
        &self.prep.listings
    }

    pub fn shared(&self) -> &Shared {
        &self.prep.shared
    }

    /// Renders `outputs` in parallel into `sink`, collecting every error. The first failed
    /// write stops the rest: on a full disk every later write would fail the same way.
    pub fn render_outputs(
        &self,
        outputs: &[Output],
        sink: &dyn Sink,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RenderStats, Vec<Diagnostic>> {
        let failures = Failures {
            errors: Mutex::default(),
            stopped: AtomicBool::new(false),
        };
        let done = AtomicUsize::new(0);
        let pages = AtomicUsize::new(0);
        let timed = crate::timings::enabled();
        let kinds: Mutex<std::collections::BTreeMap<&'static str, (usize, f64)>> = Mutex::default();
        outputs.par_iter().for_each(|output| {
            if failures.stopped.load(Ordering::Relaxed) || sink.stopped() {
                return;
            }
            let started = timed.then(std::time::Instant::now);
            match output.render(self) {
                Ok((path, bytes)) => match sink.write(&path, bytes) {
                    Ok(()) if path.ends_with(".html") => {
                        pages.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(()) => {}
                    Err(e) => {
                        if !failures.stopped.swap(true, Ordering::Relaxed) {
                            failures.add(sink.write_failed(&path, e));
                        }
                    }
                },
                Err(d) => failures.add(d),
            }
            if let Some(started) = started {
                let mut kinds = kinds.lock().expect("no panics while holding the lock");
                let entry = kinds.entry(output.name()).or_default();
                entry.0 += 1;
                entry.1 += started.elapsed().as_secs_f64();
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, outputs.len());
        });
        for (kind, (n, secs)) in kinds
            .into_inner()
            .expect("no panics while holding the lock")
        {
            eprintln!(
                "timing:   {kind:<14} {n:>6} files {:>8.1} ms of CPU",
                secs * 1000.0
            );
        }
        let errors = failures
            .errors
            .into_inner()
            .expect("no panics while holding the lock");
        if errors.is_empty() {
            Ok(RenderStats {
                pages: pages.into_inner(),
                files: outputs.len(),
            })
        } else {
            Err(errors)
        }
    }

    /// The feed every HTML page links to, when feeds are on: its language's.
    pub fn site_feed(&self) -> Option<String> {
        self.site
            .config
            .feed
            .enabled
            .then(|| format!("{}atom.xml", self.site.prefix))
    }

    /// The site's own language, for pages that show no briefing in another: no translations.
    pub fn site_language(&self) -> PageLanguage<'a> {
        PageLanguage {
            code: &self.site.language,
            translations: &[],
        }
    }

    /// The paths of articles `ids`, for [`plan::Inputs::listed`].
    pub fn article_paths(&self, ids: &[usize]) -> Vec<String> {
        ids.iter()
            .map(|&i| self.site.articles[i].path.clone())
            .collect()
    }

    /// Article `i`'s fragment of `kind`, rendered on first use.
    fn fragment(&self, kind: Fragment, i: usize) -> Result<&str, Diagnostic> {
        self.prep.fragments.get(kind, i, || {
            let ctx = fragments::context(&self.prep.shared.summaries[i], &self.prep.shared.site);
            let page = &self.site.articles[i].path;
            // Cards are shown in listings, in the site's language.
            crate::i18n::with_language(&self.site.language, || {
                self.templates.render(kind.template(), &ctx, page)
            })
            .map_err(|e| self.templates.diagnose(&e, Some(kind.template())))
        })
    }

    /// Adds each listed article's fragment to its summary in `values`.
    pub fn add_fragments(
        &self,
        kind: Fragment,
        values: &mut [Value],
        articles: &[usize],
    ) -> Result<(), Diagnostic> {
        for (value, &i) in values.iter_mut().zip(articles) {
            if let Value::Object(map) = value {
                // A summary lent again may carry its fragments from an earlier page.
                for other in Fragment::ALL.iter().filter(|&&k| k != kind) {
                    map.remove(other.key());
                }
                let html = self.fragment(kind, i)?;
                if map.get(kind.key()).and_then(Value::as_str) != Some(html) {
                    map.insert(kind.key().into(), Value::String(html.to_string()));
                }
            }
        }
        Ok(())
    }

    /// A listing's paginator, each item carrying its pre-rendered card, and the summaries it
    /// was lent.
    pub fn paginator<'i>(
        &self,
        pager: &Pager,
        items: &'i [usize],
        base: &str,
        pagers: &[Pager],
    ) -> Result<(Value, Lent<'i>), Diagnostic> {
        self.paginator_of(Fragment::Card, pager, items, base, pagers)
    }

    /// [`Renderer::paginator`] with each item carrying its fragment of `kind`.
    pub fn paginator_of<'i>(
        &self,
        kind: Fragment,
        pager: &Pager,
        items: &'i [usize],
        base: &str,
        pagers: &[Pager],
    ) -> Result<(Value, Lent<'i>), Diagnostic> {
        let listed = &items[pager.start..pager.end];
        let mut value = self.prep.shared.paginator(pager, items, base, pagers);
        if let Some(Value::Array(list)) = value.get_mut("items") {
            self.add_fragments(kind, list, listed)?;
        }
        Ok((value, Lent::Listing(listed)))
    }

    /// Renders an HTML page (or a feed) at `target` whose context holds the summaries `lent`
    /// describes, which are handed back for the thread's next page once this one has rendered.
    pub fn html(
        &self,
        target: &Target,
        feed: Option<String>,
        values: Vec<(&str, Value)>,
        lent: Lent,
        lang: PageLanguage,
    ) -> Result<Vec<u8>, Diagnostic> {
        let path = target.path();
        let root = root_for(path);
        let mut ctx = page_context(
            &self.prep.shared,
            self.site,
            path,
            root.clone(),
            feed,
            values,
            lang,
        );
        let page = self.render_template(target.template, &ctx);
        self.give_back(&mut ctx, lent);
        Ok(fragments::fill_root(page?, &root))
    }

    /// Hands the summaries `lent` describes back from `ctx` (see [`recycle`]).
    fn give_back(&self, ctx: &mut tera::Context, lent: Lent) {
        let shared = &self.prep.shared;
        let give_list = |list: Option<Value>, articles: &[usize]| {
            if let Some(Value::Array(values)) = list {
                for (value, &i) in values.into_iter().zip(articles) {
                    shared.give_back(i, value);
                }
            }
        };
        match lent {
            Lent::Nothing => {}
            Lent::Listing(articles) => {
                let items = ctx
                    .remove("paginator")
                    .and_then(|mut p| p.get_mut("items").map(Value::take));
                give_list(items, articles);
            }
            Lent::Article {
                related,
                older,
                newer,
            } => {
                let list = ctx
                    .remove("page")
                    .and_then(|mut p| p.get_mut("related").map(Value::take));
                give_list(list, related);
                for (key, i) in [("older", older), ("newer", newer)] {
                    if let (Some(i), Some(value)) = (i, ctx.remove(key)) {
                        shared.give_back(i, value);
                    }
                }
            }
        }
    }

    /// Renders `template` into a buffer sized from earlier pages of the same template, so large
    /// pages and feeds are not copied again and again as the buffer grows.
    pub fn render_template(
        &self,
        template: &str,
        ctx: &tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let hint = self.size_hints.get(template);
        let mut out = Vec::with_capacity(hint.max(4096));
        let page = ctx
            .get("current_path")
            .and_then(|p| p.as_str())
            .unwrap_or("");
        // `t()` in the templates speaks the page's language.
        let lang = ctx
            .get("lang")
            .and_then(|l| l.as_str())
            .unwrap_or(&self.site.language);
        crate::i18n::with_language(lang, || {
            self.templates.render_to(template, ctx, page, &mut out)
        })
        .map_err(|e| self.templates.diagnose(&e, Some(template)))?;
        if out.len() > hint {
            self.size_hints.record(template, out.len());
        }
        Ok(out)
    }

    /// Article `i`'s body escaped for a feed, made once and shared by every feed showing it.
    pub fn escaped_html(&self, i: usize) -> &str {
        self.prep.escaped[i].get_or_init(|| engine::escape(&self.site.articles[i].rendered.html))
    }

    /// The dated articles a feed over `items` shows.
    pub fn feed_items(&self, items: &[usize]) -> Vec<usize> {
        items
            .iter()
            .copied()
            .filter(|&i| self.site.articles[i].date.is_some())
            .take(self.site.config.feed.limit)
            .collect()
    }
}
