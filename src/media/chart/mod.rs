//! `{{ chart(data="spending.csv", kind="line", x="year", y="Japan,Korea", title="…") }}`:
//! a numbered figure holding an SVG chart drawn at build time (no script), its data as a
//! table behind a "Show data" toggle, and a link to the CSV file.

pub mod data;
pub mod svg;

use crate::diagnostics::Code;
use std::fmt::Write;

use self::data::ChartData;
use self::svg::Kind;
use super::figure::{self, Numbered};
use super::shortcode::Shortcode;
use super::{escape, BodyError, Labels, MediaContext};
use crate::i18n::Arg;

pub const CHART_ARGS: &[&str] = &[
    "data",
    "kind",
    "x",
    "y",
    "title",
    "caption",
    "source",
    "id",
    "unit",
    "description",
    "class",
];

/// Renders one chart shortcode; `root` leads from the page to the site root.
pub fn render(
    s: &Shortcode,
    numbered: &Numbered,
    ctx: &MediaContext<'_>,
    root: &str,
) -> Result<String, BodyError> {
    s.reject_unknown(CHART_ARGS)?;
    let data_arg = s.require("data", "defence-spending.csv")?;
    let title = s
        .get("title")
        .or_else(|| s.get("caption"))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            BodyError::new(s.offset, Code::Chart, "a chart needs a `title`")
                .hint("add title=\"…\": it is the chart's caption and its name for screen readers")
        })?;
    let kind_arg = s.get("kind").unwrap_or("line");
    let kind = Kind::parse(kind_arg).ok_or_else(|| {
        BodyError::new(
            s.arg("kind").map_or(s.offset, |a| a.offset),
            Code::Chart,
            format!("unknown chart kind `{kind_arg}`"),
        )
        .hint("write kind=\"line\", kind=\"bar\" or kind=\"stacked\"")
    })?;
    let (out_rel, file) = ctx
        .assets
        .resolve(&data_arg.value, ctx.doc_rel, ctx.page_path)
        .ok_or_else(|| {
            BodyError::new(
                data_arg.offset,
                Code::Chart,
                format!("chart data `{}` is not a file of the site", data_arg.value),
            )
            .hint("put the CSV next to the Markdown file or under static/, and name it relative to the Markdown file or from the site root (/data/x.csv)")
        })?;
    let shown = format!("content/{out_rel}");
    let csv =
        data::read(file, &shown).map_err(|m| BodyError::new(data_arg.offset, Code::Chart, m))?;
    let data = select(s, &csv, &shown)?;
    if kind == Kind::Stacked
        && data
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .any(|v| *v < 0.0)
    {
        return Err(BodyError::new(
            data_arg.offset,
            Code::Chart,
            format!("{shown} has negative values, which a stacked chart cannot show"),
        )
        .hint("use kind=\"bar\" for values below zero"));
    }
    let unit = s.get("unit").map(str::trim).filter(|u| !u.is_empty());
    let desc = match s
        .get("description")
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => d.to_string(),
        None => describe(kind, &data, unit, ctx.labels),
    };
    let spec = svg::Spec {
        kind,
        data: &data,
        title,
        desc: &desc,
        id: &numbered.anchor,
        unit,
    };
    let class = s
        .get("class")
        .map(|c| format!(" {}", escape(c)))
        .unwrap_or_default();
    let mut html = format!(
        "<figure class=\"figure chart-figure{class}\" id=\"{}\">\n",
        numbered.anchor
    );
    html.push_str(&figure::caption(s, numbered, ctx));
    html.push_str(&legend(&data, kind));
    let _ = writeln!(
        html,
        "<div class=\"chart-frame\">{}{}</div>",
        svg::draw(&spec, &svg::WIDE),
        svg::draw(&spec, &svg::NARROW)
    );
    html.push_str(&figure::source_line(s, ctx));
    html.push_str(&table(&csv, &data, numbered, ctx));
    let _ = writeln!(
        html,
        "<p class=\"chart-download\"><a href=\"{root}{}\" download>{}</a></p>",
        escape(&out_rel),
        escape(&ctx.labels.download_data())
    );
    html.push_str("</figure>\n");
    Ok(html)
}

/// The columns the shortcode names, as series; a missing column is reported at the argument.
fn select(s: &Shortcode, csv: &data::Csv, shown: &str) -> Result<ChartData, BodyError> {
    let column_error = |arg: &str, m: String| {
        BodyError::new(s.arg(arg).map_or(s.offset, |a| a.offset), Code::Chart, m)
            .hint("name the columns exactly as the CSV's header row writes them")
    };
    let x = match s.get("x") {
        Some(name) => data::column(csv, name.trim(), shown).map_err(|m| column_error("x", m))?,
        None => 0,
    };
    let mut y = Vec::new();
    for name in s
        .get("y")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        y.push(data::column(csv, name, shown).map_err(|m| column_error("y", m))?);
    }
    data::select(csv, x, &y, shown).map_err(|m| {
        BodyError::new(s.arg("data").map_or(s.offset, |a| a.offset), Code::Chart, m)
            .hint("fix the cell, or leave it empty for a missing value")
    })
}

/// A sentence or two a screen reader reads for the chart, in the page's language: what it
/// shows and, per series, where it starts, ends and peaks. The table holds every value.
pub fn describe(kind: Kind, data: &ChartData, unit: Option<&str>, labels: &Labels) -> String {
    let first = data.categories.first().map_or("", String::as_str);
    let last = data.categories.last().map_or("", String::as_str);
    let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
    let series = labels.list(&names);
    let kind_name = labels.t(kind.key(), &[]);
    let mut args = vec![
        ("kind", Arg::Text(&kind_name)),
        ("series", Arg::Text(&series)),
        ("x", Arg::Text(&data.x_name)),
        ("first", Arg::Text(first)),
        ("last", Arg::Text(last)),
    ];
    let mut out = match unit {
        Some(u) => {
            args.push(("unit", Arg::Text(u)));
            labels.t("chart_description_unit", &args)
        }
        None => labels.t("chart_description", &args),
    };
    for series in &data.series {
        let points: Vec<(usize, f64)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let (Some(start), Some(end)) = (points.first(), points.last()) else {
            continue;
        };
        let peak = points
            .iter()
            .fold(*start, |m, p| if p.1 > m.1 { *p } else { m });
        let [a, b, c] = [start.1, end.1, peak.1].map(|v| v.to_string());
        let sentence = labels.t(
            "chart_description_series",
            &[
                ("series", Arg::Text(&series.name)),
                ("start", Arg::Text(&a)),
                ("start_at", Arg::Text(&data.categories[start.0])),
                ("end", Arg::Text(&b)),
                ("end_at", Arg::Text(&data.categories[end.0])),
                ("peak", Arg::Text(&c)),
                ("peak_at", Arg::Text(&data.categories[peak.0])),
            ],
        );
        out.push(' ');
        out.push_str(&sentence);
    }
    out.push(' ');
    out.push_str(&labels.t("chart_description_table", &[]));
    out
}

/// Which colour is which series, as text above the chart (hidden from screen readers, which
/// read the description and the table instead).
fn legend(data: &ChartData, kind: Kind) -> String {
    if data.series.len() < 2 {
        return String::new();
    }
    let mut html = String::from("<ul class=\"chart-legend\" aria-hidden=\"true\">");
    for (k, s) in data.series.iter().enumerate() {
        let n = k % svg::PALETTE.len() + 1;
        let shape = if kind == Kind::Line { "line" } else { "box" };
        let _ = write!(
            html,
            "<li><span class=\"chart-key chart-key-{shape} chart-s{n}\"></span>{}</li>",
            escape(&s.name)
        );
    }
    html.push_str("</ul>\n");
    html
}

/// The data as a table, as the CSV writes it, behind a "Show data" toggle.
fn table(csv: &data::Csv, data: &ChartData, numbered: &Numbered, ctx: &MediaContext<'_>) -> String {
    let label = figure::label(ctx, numbered.number);
    let x = csv
        .headers
        .iter()
        .position(|h| *h == data.x_name)
        .unwrap_or(0);
    let columns: Vec<usize> = data
        .series
        .iter()
        .filter_map(|s| csv.headers.iter().position(|h| *h == s.name))
        .collect();
    let mut html = format!(
        "<details class=\"chart-data\"><summary>{}</summary>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        escape(&ctx.labels.show_data()),
        escape(&ctx.labels.data_region(&label)),
        escape(&label),
        escape(&csv.headers[x])
    );
    for c in &columns {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(&csv.headers[*c]));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &csv.rows {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape(&row[x]));
        for c in &columns {
            let _ = write!(
                html,
                "<td>{}</td>",
                escape(row.get(*c).map_or("", String::as_str))
            );
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n</details>\n");
    html
}
