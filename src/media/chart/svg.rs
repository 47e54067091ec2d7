//! Drawing a chart as SVG: axes with rounded ticks, gridlines, lines or bars. Colours and
//! fonts are classes the theme styles (`--chart-1` … in style.css, light and dark), with the
//! light palette as presentation attributes for readers without the stylesheet.

use std::fmt::Write;

use super::data::ChartData;
use crate::media::escape;

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Bar,
    Stacked,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "line" => Some(Kind::Line),
            "bar" => Some(Kind::Bar),
            "stacked" => Some(Kind::Stacked),
            _ => None,
        }
    }

    /// The interface string naming the kind: "Line chart".
    pub fn key(self) -> &'static str {
        match self {
            Kind::Line => "chart_line",
            Kind::Bar => "chart_bar",
            Kind::Stacked => "chart_stacked",
        }
    }
}

/// A drawing size. Text is sized in the drawing's own units, so each layout is drawn for the
/// width it is shown at: about 1:1 in the prose column, and again for phones.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub font: f64,
    pub class: &'static str,
    pub suffix: &'static str,
}

pub const WIDE: Layout = Layout {
    width: 704.0,
    height: 380.0,
    font: 14.0,
    class: "chart-wide",
    suffix: "w",
};

pub const NARROW: Layout = Layout {
    width: 360.0,
    height: 300.0,
    font: 13.0,
    class: "chart-narrow",
    suffix: "n",
};

/// The light palette, used where the stylesheet is missing (the theme overrides it).
pub const PALETTE: &[&str] = &[
    "#1b3a6b", "#b5520b", "#2a7a4b", "#8a3a8c", "#5b6068", "#a4262c",
];
const DASHES: &[&str] = &["", "7 4", "2 3", "10 3 2 3", "4 4", "1 2"];
const AVG_CHAR: f64 = 0.58;
/// Space between two category labels, in ems.
const LABEL_GAP: f64 = 0.5;

/// What to draw.
pub struct Spec<'a> {
    pub kind: Kind,
    pub data: &'a ChartData,
    pub title: &'a str,
    pub desc: &'a str,
    /// Unique per page: the element ids are built from it.
    pub id: &'a str,
    pub unit: Option<&'a str>,
}

/// The value range drawn and its ticks.
pub fn domain(kind: Kind, data: &ChartData) -> (f64, f64) {
    let values = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    if kind == Kind::Stacked {
        hi = (0..data.categories.len())
            .map(|i| data.series.iter().filter_map(|s| s.values[i]).sum::<f64>())
            .fold(0.0, f64::max);
        lo = 0.0;
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    // Bars start at zero; a line does too when zero is near, so small changes are not
    // made to look large.
    if kind != Kind::Line || (lo > 0.0 && lo < (hi - lo) * 0.6) {
        lo = lo.min(0.0);
    }
    if kind != Kind::Line {
        hi = hi.max(0.0);
    }
    (lo, hi)
}

/// Round tick values covering `lo..=hi`, about `max` of them.
pub fn ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / max.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = magnitude
        * match raw / magnitude {
            n if n <= 1.0 => 1.0,
            n if n <= 2.0 => 2.0,
            n if n <= 2.5 => 2.5,
            n if n <= 5.0 => 5.0,
            _ => 10.0,
        };
    let start = (lo / step).floor() as i64;
    let end = (hi / step).ceil() as i64;
    (start..=end).map(|i| i as f64 * step).collect()
}

/// A tick label: no more decimals than the step needs, thousands separated.
pub fn format_value(v: f64, step: f64) -> String {
    let decimals = (0..=6usize)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6);
    let text = format!(
        "{:.*}",
        decimals,
        if v.abs() < step * 1e-9 { 0.0 } else { v }
    );
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("\u{2212}", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The whole `<svg>` for one layout.
pub fn draw(spec: &Spec<'_>, layout: &Layout) -> String {
    let data = spec.data;
    let (lo, hi) = domain(spec.kind, data);
    let max_ticks = if layout.width < 500.0 { 4 } else { 6 };
    let ticks = ticks(lo, hi, max_ticks);
    let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
    let (lo, hi) = (ticks[0], ticks[ticks.len() - 1]);
    let labels: Vec<String> = ticks.iter().map(|t| format_value(*t, step)).collect();
    let label_chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let f = layout.font;
    let mut plot = Plot {
        left: label_chars * f * AVG_CHAR + f * 0.8,
        top: f * 1.9,
        right: layout.width - f * 0.9,
        bottom: layout.height - f * 2.3,
        lo,
        hi,
        n: data.categories.len().max(1),
    };
    let fit = ((plot.band() - f * LABEL_GAP) / (f * AVG_CHAR)).max(1.0) as usize;
    let x_text: Vec<Vec<String>> = data.categories.iter().map(|c| wrap(c, fit)).collect();
    let extra_lines = x_text.iter().map(Vec::len).max().unwrap_or(1) - 1;
    plot.bottom -= f * 1.2 * extra_lines as f64;
    let id = format!("{}-{}", spec.id, layout.suffix);
    let mut svg = format!(
        "<svg class=\"chart {class}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{f}\" font-family=\"system-ui, sans-serif\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        class = layout.class,
        w = layout.width,
        h = layout.height,
        title = escape(spec.title),
        desc = escape(spec.desc),
    );
    if let Some(unit) = spec.unit {
        let _ = write!(
            svg,
            "<text class=\"chart-unit\" x=\"0\" y=\"{:.1}\" fill=\"#555a61\">{}</text>",
            f,
            escape(unit)
        );
    }
    for (t, label) in ticks.iter().zip(&labels) {
        let y = plot.y(*t);
        let class = if *t == 0.0 {
            "chart-axis"
        } else {
            "chart-grid"
        };
        let _ = write!(
            svg,
            "<line class=\"{class}\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d8d2c6\"/>\
             <text class=\"chart-tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555a61\">{label}</text>",
            plot.left,
            plot.right,
            plot.left - f * 0.4,
            y + f * 0.35,
        );
    }
    x_labels(&mut svg, &x_text, &plot, f);
    match spec.kind {
        Kind::Line => lines(&mut svg, data, &plot, f),
        Kind::Bar | Kind::Stacked => bars(&mut svg, spec, &plot),
    }
    svg.push_str("</svg>");
    svg
}

struct Plot {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
    n: usize,
}

impl Plot {
    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }

    fn band(&self) -> f64 {
        (self.right - self.left) / self.n as f64
    }

    fn x(&self, i: usize) -> f64 {
        self.left + self.band() * (i as f64 + 0.5)
    }
}

/// A category label in at most three lines of `chars` characters where it can, broken at
/// spaces (a word longer than a line keeps its own line).
fn wrap(label: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        let full = lines.len() >= 3;
        match lines.last_mut() {
            Some(line) if full || line.chars().count() + 1 + word.chars().count() <= chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Category labels under the plot, wrapped onto two lines where that helps and thinned out
/// so they never overlap; the last one is always shown (for a time series, the latest year).
fn x_labels(svg: &mut String, labels: &[Vec<String>], plot: &Plot, f: f64) {
    let widest = labels
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(1) as f64;
    let every = ((widest * f * AVG_CHAR + f * LABEL_GAP) / plot.band())
        .ceil()
        .max(1.0) as usize;
    let last = labels.len().saturating_sub(1);
    for (i, lines) in labels.iter().enumerate() {
        if (last - i) % every != 0 {
            continue;
        }
        let x = plot.x(i);
        let _ = write!(
            svg,
            "<text class=\"chart-tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555a61\">",
            plot.bottom + f * 1.45,
        );
        for (n, line) in lines.iter().enumerate() {
            let dy = if n == 0 { 0.0 } else { f * 1.2 };
            let _ = write!(
                svg,
                "<tspan x=\"{x:.1}\" dy=\"{dy:.1}\">{}</tspan>",
                escape(line)
            );
        }
        svg.push_str("</text>");
    }
}

fn lines(svg: &mut String, data: &ChartData, plot: &Plot, f: f64) {
    for (k, series) in data.series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let mut d = String::new();
        let mut pen_down = false;
        for (i, v) in series.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1}",
                        if pen_down { "L" } else { "M" },
                        plot.x(i),
                        plot.y(*v)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dash = DASHES[k % DASHES.len()];
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = write!(
            svg,
            "<path class=\"chart-line chart-s{n}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{w:.1}\"{dash}/>",
            n = k % PALETTE.len() + 1,
            w = f * 0.2,
        );
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let _ = write!(
                svg,
                "<circle class=\"chart-point chart-s{n}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{colour}\"><title>{}, {}: {}</title></circle>",
                plot.x(i),
                plot.y(*v),
                f * 0.25,
                escape(&series.name),
                escape(&data.categories[i]),
                v,
                n = k % PALETTE.len() + 1,
            );
        }
    }
}

fn bars(svg: &mut String, spec: &Spec<'_>, plot: &Plot) {
    let data = spec.data;
    let m = data.series.len();
    let group = plot.band() * 0.72;
    let zero = plot.y(0.0_f64.clamp(plot.lo, plot.hi));
    for i in 0..data.categories.len() {
        let mut stacked = 0.0;
        for (k, series) in data.series.iter().enumerate() {
            let Some(v) = series.values[i] else { continue };
            let (x, w, y0, y1) = if spec.kind == Kind::Stacked {
                let (a, b) = (plot.y(stacked), plot.y(stacked + v));
                stacked += v;
                (plot.x(i) - group / 2.0, group, a, b)
            } else {
                let w = group / m as f64;
                (plot.x(i) - group / 2.0 + w * k as f64, w, zero, plot.y(v))
            };
            let (top, height) = (y0.min(y1), (y0 - y1).abs());
            let _ = write!(
                svg,
                "<rect class=\"chart-bar chart-s{n}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{height:.1}\" fill=\"{colour}\"><title>{}, {}: {}</title></rect>",
                escape(&series.name),
                escape(&data.categories[i]),
                v,
                n = k % PALETTE.len() + 1,
                colour = PALETTE[k % PALETTE.len()],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 2.4, 6), vec![0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
        assert_eq!(ticks(0.0, 87.0, 4), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(
            ticks(-3.0, 7.0, 5),
            vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
        );
        assert_eq!(ticks(5.0, 5.0, 4).len(), 5);
    }

    #[test]
    fn long_labels_wrap_onto_at_most_three_lines() {
        assert_eq!(wrap("2024", 3), ["2024"]);
        assert_eq!(wrap("Type 03 Chu-SAM", 8), ["Type 03", "Chu-SAM"]);
        assert_eq!(wrap("SM-3 Block IIA", 20), ["SM-3 Block IIA"]);
        assert_eq!(wrap("a b c d e", 1), ["a", "b", "c d e"]);
    }

    #[test]
    fn values_are_formatted_for_reading() {
        assert_eq!(format_value(12500.0, 2500.0), "12,500");
        assert_eq!(format_value(1500.0, 500.0), "1500");
        assert_eq!(format_value(0.5, 0.5), "0.5");
        assert_eq!(format_value(0.25, 0.25), "0.25");
        assert_eq!(format_value(-2.0, 2.0), "\u{2212}2");
        assert_eq!(format_value(1e-17, 0.2), "0.0");
    }
}
