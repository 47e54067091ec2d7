//! The date archive: years, and months within each year, newest first.

use chrono::Datelike;

use crate::model::Document;

/// One year of the archive.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    /// Root-relative path, e.g. `archive/2024/`.
    pub path: String,
    /// (month 1–12, article indices newest first), newest month first.
    pub months: Vec<(u32, Vec<usize>)>,
}

impl Year {
    pub fn count(&self) -> usize {
        self.months.iter().map(|(_, a)| a.len()).sum()
    }
}

/// Groups dated articles (paths under `prefix`, a language's folder or empty) (newest first) by year and month.
pub fn build(articles: &[Document], prefix: &str) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let Some(date) = a.date else { continue };
        let (y, m) = (date.year(), date.month());
        if years.last().is_none_or(|last| last.year != y) {
            years.push(Year {
                year: y,
                path: format!("{prefix}archive/{y}/"),
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        match year.months.last_mut() {
            Some((month, list)) if *month == m => list.push(i),
            _ => year.months.push((m, vec![i])),
        }
    }
    years
}
