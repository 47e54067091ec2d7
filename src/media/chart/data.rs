//! A chart's CSV file: a header row, one row per x value, one column per series.

use std::path::Path;

/// The CSV as written: header and cells, for the data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Csv {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based line in the file of each row, for messages.
    pub lines: Vec<u64>,
}

/// One plotted column.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One per row; `None` for an empty or "n/a" cell (a gap, not a zero).
    pub values: Vec<Option<f64>>,
}

/// What a chart draws: x labels in file order and the y columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub x_name: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

/// Reads `path`; errors name the file and line.
pub fn read(path: &Path, shown: &str) -> Result<Csv, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(shown, &e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(shown, &e))?;
        lines.push(record.position().map_or(0, |p| p.line()));
        rows.push(record.iter().map(str::to_string).collect());
    }
    if headers.is_empty() || rows.is_empty() {
        return Err(format!("{shown} has no data rows under its header"));
    }
    Ok(Csv {
        headers,
        rows,
        lines,
    })
}

fn csv_error(shown: &str, e: &csv::Error) -> String {
    let line = e
        .position()
        .map(|p| format!(":{}", p.line()))
        .unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{shown}{line}: this row has {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => {
            format!("{shown}{line}: not UTF-8 text; save the file as UTF-8")
        }
        _ => format!("{shown}{line}: {e}"),
    }
}

/// A column's index by name, or a message listing the columns there are.
pub fn column(csv: &Csv, name: &str, shown: &str) -> Result<usize, String> {
    csv.headers
        .iter()
        .position(|h| h == name)
        .or_else(|| {
            csv.headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
        })
        .ok_or_else(|| {
            format!(
                "{shown}:1 has no column `{name}`; its columns are {}",
                csv.headers
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// The x column and the y columns (every other column when `y` names none).
pub fn select(csv: &Csv, x: usize, y: &[usize], shown: &str) -> Result<ChartData, String> {
    let y: Vec<usize> = if y.is_empty() {
        (0..csv.headers.len()).filter(|i| *i != x).collect()
    } else {
        y.to_vec()
    };
    if y.is_empty() {
        return Err(format!(
            "{shown} has only one column: nothing to plot against `{}`",
            csv.headers[x]
        ));
    }
    let mut series = Vec::new();
    for col in y {
        let mut values = Vec::with_capacity(csv.rows.len());
        for (row, line) in csv.rows.iter().zip(&csv.lines) {
            let cell = row.get(col).map(String::as_str).unwrap_or("");
            values.push(number(cell).ok_or_else(|| {
                format!(
                    "{shown}:{line}: `{cell}` in column `{}` is not a number",
                    csv.headers[col]
                )
            })?);
        }
        series.push(Series {
            name: csv.headers[col].clone(),
            values,
        });
    }
    Ok(ChartData {
        x_name: csv.headers[x].clone(),
        categories: csv.rows.iter().map(|r| r[x].clone()).collect(),
        series,
    })
}

/// A cell as a number: `1,234.5`, `12%`, `−3` and `-3`; `Some(None)` for a missing value
/// (empty, `-`, `n/a`, `NA`, `..`), `None` for text.
pub fn number(cell: &str) -> Option<Option<f64>> {
    let t = cell.trim();
    if t.is_empty() || ["-", "–", "—", "n/a", "na", "..", "…"].contains(&t.to_lowercase().as_str())
    {
        return Some(None);
    }
    let t = t.trim_end_matches('%').trim().replace('\u{2212}', "-");
    let digits = t.replace(',', "");
    // A comma only as a thousands separator: `1,234` yes, `1,2` no.
    let commas_ok = !t.contains(',')
        || t.split('.')
            .next()
            .unwrap_or("")
            .trim_start_matches('-')
            .split(',')
            .skip(1)
            .all(|g| g.len() == 3);
    if !commas_ok {
        return None;
    }
    digits
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_statistics_offices_write_them() {
        for (cell, want) in [
            ("1,234.5", Some(Some(1234.5))),
            ("12%", Some(Some(12.0))),
            ("\u{2212}3", Some(Some(-3.0))),
            ("", Some(None)),
            ("n/a", Some(None)),
            ("..", Some(None)),
            ("1,2", None),
            ("abc", None),
            ("inf", None),
        ] {
            assert_eq!(number(cell), want, "{cell:?}");
        }
    }

    fn csv(text: &str) -> (tempfile::TempDir, Csv) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.csv");
        std::fs::write(&path, text).unwrap();
        let csv = read(&path, "d.csv").unwrap();
        (dir, csv)
    }

    #[test]
    fn selects_columns_and_reports_bad_cells_with_their_line() {
        let (_d, c) = csv("\u{feff}year,Japan,Korea\n2020,1.0,2.6\n2021,1.1,\n2022,1.2,2.7\n");
        assert_eq!(c.headers, ["year", "Japan", "Korea"]);
        let data = select(&c, 0, &[], "d.csv").unwrap();
        assert_eq!(data.categories, ["2020", "2021", "2022"]);
        assert_eq!(data.series[1].values, [Some(2.6), None, Some(2.7)]);
        let e = column(&c, "China", "d.csv").unwrap_err();
        assert!(
            e.contains("no column `China`") && e.contains("`Japan`"),
            "{e}"
        );
        let (_d, c) = csv("year,v\n2020,1\n2021,lots\n");
        let e = select(&c, 0, &[1], "d.csv").unwrap_err();
        assert!(e.starts_with("d.csv:3:"), "{e}");
    }

    #[test]
    fn ragged_rows_are_errors_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.csv");
        std::fs::write(&path, "a,b\n1,2\n3\n").unwrap();
        let e = read(&path, "d.csv").unwrap_err();
        assert!(e.contains("d.csv:3") && e.contains("1 fields"), "{e}");
    }
}
