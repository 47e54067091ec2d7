//! The date archive: every year with its months (`archive/index.html` from `archive.html`) and
//! each year's briefings by month (`archive/2024/index.html` from `archive_year.html`).

use std::hash::Hash;

use serde::Serialize;
use serde_json::Value;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::render::context::to_value;
use crate::render::plan::{Inputs, Target, YearId};
use crate::render::{Lent, Renderer};
use crate::site::archive::Year;

/// The archive's front page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Archive;

/// One year of the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArchiveYear(pub YearId);

/// A year in `years`, and `year` without its months' items.
#[derive(Serialize)]
struct YearValue<'a> {
    year: i32,
    path: &'a str,
    count: usize,
    months: Vec<MonthValue>,
}

/// A month of a year; on the year's own page its `items` (summaries) are added.
#[derive(Serialize)]
struct MonthValue {
    month: u32,
    name: String,
    count: usize,
    id: String,
}

fn year_value(year: &Year) -> YearValue<'_> {
    YearValue {
        year: year.year,
        path: &year.path,
        count: year.count(),
        months: year
            .months
            .iter()
            .map(|(m, list)| MonthValue {
                month: *m,
                name: month_name(*m),
                count: list.len(),
                id: format!("m{m:02}"),
            })
            .collect(),
    }
}

fn years(r: &Renderer) -> Value {
    to_value(r.site.archive.iter().map(year_value).collect::<Vec<_>>())
}

/// `January` … `December`, in the site's default English.
fn month_name(m: u32) -> String {
    let lower = crate::normalise::dates::MONTHS[(m.clamp(1, 12) - 1) as usize];
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

impl Kind for Archive {
    fn name(&self) -> &'static str {
        "archive"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target::page("archive/", "archive.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            meta: hash_meta(|h| {
                for y in &r.site.archive {
                    y.year.hash(h);
                    for (m, list) in &y.months {
                        (m, list.len()).hash(h);
                    }
                }
            }),
            ..Inputs::default()
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        r.html(
            target,
            r.site_feed(),
            vec![("years", years(r))],
            Lent::Nothing,
        )
    }
}

impl Kind for ArchiveYear {
    fn name(&self) -> &'static str {
        "archive"
    }

    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.site.archive[self.0 .0].path, "archive_year.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let site = r.site;
        let year = &site.archive[self.0 .0];
        let all: Vec<usize> = year
            .months
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        Inputs {
            own: None,
            listed: r.article_paths(&all),
            meta: hash_meta(|h| {
                for other in &site.archive {
                    (other.year, other.count()).hash(h);
                }
                for (m, list) in &year.months {
                    (m, list.len()).hash(h);
                }
            }),
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let year = &r.site.archive[self.0 .0];
        let mut value = to_value(year_value(year));
        if let Some(Value::Array(months)) = value.get_mut("months") {
            for (month, (_, list)) in months.iter_mut().zip(&year.months) {
                // Set, not serialised with the month: that would copy every summary again.
                month["items"] = Value::Array(
                    list.iter()
                        .map(|&i| r.shared().summaries[i].clone())
                        .collect(),
                );
            }
        }
        let values = vec![("year", value), ("years", years(r))];
        r.html(target, r.site_feed(), values, Lent::Nothing)
    }
}
