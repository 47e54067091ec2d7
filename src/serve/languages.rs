//! Each language's part of a served build: its own plan and reverse index, so an edit in one
//! language re-renders only the outputs that depend on it, in that language and (through
//! translations: the language switcher, `hreflang`, the sitemap's alternates) in the others.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::render::plan::OutputKey;
use crate::render::{Output, Prepared, Renderer, Templates};
use crate::site::Site;

/// One language's site as built: what was prepared to render it, every output of its plan
/// with what it is made from, and which outputs show each document path.
pub(super) struct LanguageBuild {
    pub prepared: Prepared,
    /// Every output and what it is made from, in plan order.
    pub plan: Vec<(Output, OutputKey)>,
    /// Outputs showing each document path, for in-place rebuilds of body edits.
    pub reverse: HashMap<String, Vec<Output>>,
}

impl LanguageBuild {
    pub fn new(site: &Site, templates: &Templates) -> LanguageBuild {
        let prepared = Prepared::new(site, templates.catalog.clone());
        let plan: Vec<(Output, OutputKey)> = {
            let renderer = Renderer::new(site, templates, &prepared);
            prepared
                .plan(site)
                .into_par_iter()
                .map(|o| (o, o.key(&renderer)))
                .collect()
        };
        LanguageBuild {
            reverse: reverse_index(&plan),
            prepared,
            plan,
        }
    }

    pub fn outputs(&self) -> Vec<Output> {
        self.plan.iter().map(|(o, _)| *o).collect()
    }
}

/// The `k`th language's site: the default language's (`k == 0`), then `site.languages`.
pub(super) fn site_at(site: &Site, k: usize) -> &Site {
    if k == 0 {
        site
    } else {
        &site.languages[k - 1]
    }
}

pub(super) fn site_at_mut(site: &mut Site, k: usize) -> &mut Site {
    if k == 0 {
        site
    } else {
        &mut site.languages[k - 1]
    }
}

/// Which outputs show each document path.
fn reverse_index(plan: &[(Output, OutputKey)]) -> HashMap<String, Vec<Output>> {
    let mut reverse: HashMap<String, Vec<Output>> = HashMap::new();
    for (output, key) in plan {
        for path in key.inputs.own.iter().chain(&key.inputs.listed) {
            reverse.entry(path.clone()).or_default().push(*output);
        }
    }
    reverse
}

/// The outputs of every language of `new` whose inputs differ from those of the old build, or
/// that show a changed document (by output path: `content`, edited, added or removed) or use a
/// changed template, per language (as [`site_at`] numbers them).
pub(super) fn dirty_outputs(
    (old_site, old): (&Site, &[LanguageBuild]),
    (new_site, new): (&Site, &[LanguageBuild]),
    (content, templates): (&HashSet<String>, &HashSet<String>),
) -> Vec<Vec<Output>> {
    if old.len() != new.len() {
        return new.iter().map(LanguageBuild::outputs).collect();
    }
    (0..new.len())
        .map(|k| {
            let (old_k, new_k) = (site_at(old_site, k), site_at(new_site, k));
            // An author profile written once serves every language under its prefix
            // (`authors/x/` is also `ja/authors/x/`): a changed path counts in each.
            let content: HashSet<String> = content
                .iter()
                .flat_map(|p| [p.clone(), format!("{}{p}", new_k.prefix)])
                .collect();
            dirty_in((old_k, &old[k]), (new_k, &new[k]), &content, templates)
        })
        .collect()
}

/// [`dirty_outputs`] of one language's site.
fn dirty_in(
    (old_site, old): (&Site, &LanguageBuild),
    (site, new): (&Site, &LanguageBuild),
    content: &HashSet<String>,
    templates: &HashSet<String>,
) -> Vec<Output> {
    let (old_prepared, prepared) = (&old.prepared, &new.prepared);
    if old_prepared.site_value() != prepared.site_value() {
        return new.outputs();
    }
    let old_keys: HashMap<&str, &OutputKey> = old
        .plan
        .iter()
        .map(|(_, k)| (k.target.file.as_str(), k))
        .collect();
    let old_index: HashMap<&str, usize> = old_site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.as_str(), i))
        .collect();
    let changed: HashSet<&str> = site
        .articles
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            old_index
                .get(a.path.as_str())
                .is_none_or(|&j| old_prepared.summary(j) != prepared.summary(*i))
        })
        .map(|(_, a)| a.path.as_str())
        .chain(content.iter().map(String::as_str))
        .collect();
    // Templates some output renders directly; any other (base, macros, partials) may be used
    // by every page.
    let page_templates: HashSet<&str> = old.plan.iter().map(|(_, k)| k.target.template).collect();
    let all_html = templates
        .iter()
        .any(|t| !page_templates.contains(t.as_str()));
    new.plan
        .iter()
        .filter(|(_, key)| {
            old_keys.get(key.target.file.as_str()) != Some(&key)
                || key
                    .inputs
                    .own
                    .as_deref()
                    .is_some_and(|p| changed.contains(p))
                || key
                    .inputs
                    .listed
                    .iter()
                    .any(|p| changed.contains(p.as_str()))
                || templates.contains(key.target.template)
                || (all_html && key.target.file.ends_with(".html"))
        })
        .map(|(o, _)| *o)
        .collect()
}
