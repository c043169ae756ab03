//! Charts as inline SVG, drawn here so the page needs no script or network.

use std::fmt::Write;

use super::document::{Chart, Tone};
use super::html::escape;

const WIDTH: f64 = 720.0;
const FONT: &str = "font-family=\"inherit\" font-size=\"12\"";

pub fn colour(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "#3d6fa8",
        Tone::Good => "#2f8a5b",
        Tone::Warn => "#d98a12",
        Tone::Bad => "#c0392b",
        Tone::Muted => "#9aa3ad",
    }
}

/// A round scale end at least `v` (1, 1.2, 1.5, 2 … 8 times a power of ten).
fn round_up(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        // 1.2 × 1000 is not exactly 1200 in floating point.
        .map(|m| {
            if magnitude >= 1.0 {
                (m * magnitude).round()
            } else {
                m * magnitude
            }
        })
        .find(|&c| c >= v)
        .unwrap_or(10.0 * magnitude)
}

fn scale_end(chart: &Chart) -> f64 {
    chart.max.unwrap_or_else(|| {
        round_up(
            chart
                .bars
                .iter()
                .map(|b| b.values.iter().sum::<f64>())
                .fold(0.0, f64::max),
        )
    })
}

fn short(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max_chars - 1).collect();
        format!("{cut}…")
    }
}

fn fmt_tick(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The SVG element for `chart`; `n` keeps its ids unique in the page.
pub fn render(chart: &Chart, n: usize) -> String {
    let mut out = String::new();
    let body = if chart.vertical {
        columns(chart)
    } else {
        bars(chart)
    };
    let (height, inner) = body;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"chart{n}-title chart{n}-desc\">\
<title id=\"chart{n}-title\">{}</title><desc id=\"chart{n}-desc\">{}</desc>{inner}</svg>",
        escape(&chart.title),
        escape(&chart.description)
    );
    out
}

fn legend(chart: &Chart, x: f64, y: f64) -> String {
    let mut out = String::new();
    if chart.series.len() < 2 {
        return out;
    }
    let mut at = x;
    for s in &chart.series {
        let _ = write!(
            out,
            "<rect x=\"{at}\" y=\"{}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" {FONT} fill=\"#333\">{}</text>",
            y - 10.0,
            colour(s.tone),
            at + 17.0,
            y,
            escape(s.name)
        );
        at += 30.0 + 7.0 * s.name.len() as f64;
    }
    out
}

/// Horizontal bars: label, bar (stacked by series), note.
fn bars(chart: &Chart) -> (f64, String) {
    const LABEL: f64 = 190.0;
    const NOTE: f64 = 170.0;
    const ROW: f64 = 28.0;
    let top = if chart.series.len() > 1 { 30.0 } else { 8.0 };
    let plot = WIDTH - LABEL - NOTE;
    let end = scale_end(chart);
    let height = top + ROW * chart.bars.len() as f64 + 26.0;
    let mut out = legend(chart, LABEL, 16.0);
    let axis_bottom = top + ROW * chart.bars.len() as f64;
    for i in 0..=4 {
        let v = end * i as f64 / 4.0;
        let x = LABEL + plot * i as f64 / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{axis_bottom}\" stroke=\"#e3e6ea\"/>\
<text x=\"{x:.1}\" y=\"{:.1}\" {FONT} fill=\"#666\" text-anchor=\"middle\">{}{}</text>",
            axis_bottom + 16.0,
            fmt_tick(v),
            if chart.unit == "%" { "%" } else { "" }
        );
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"#222\" text-anchor=\"end\"><title>{}</title>{}</text>",
            LABEL - 8.0,
            y + 18.0,
            escape(&bar.label),
            escape(&short(&bar.label, 26))
        );
        let mut x = LABEL;
        for (value, series) in bar.values.iter().zip(&chart.series) {
            let w = if end > 0.0 { plot * value / end } else { 0.0 };
            if w > 0.0 {
                let tone = bar.tone.unwrap_or(series.tone);
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" fill=\"{}\"><title>{}: {} {}</title></rect>",
                    y + 5.0,
                    colour(tone),
                    escape(&bar.label),
                    escape(series.name),
                    fmt_tick(*value)
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"#222\">{}</text>",
            LABEL + plot + 8.0,
            y + 18.0,
            escape(&bar.note)
        );
    }
    (height, out)
}

/// Vertical columns (a histogram): value above, label below.
fn columns(chart: &Chart) -> (f64, String) {
    const HEIGHT: f64 = 250.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 44.0;
    let plot_w = WIDTH - LEFT - 10.0;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let end = scale_end(chart);
    let base = TOP + plot_h;
    let mut out = String::new();
    for i in 0..=4 {
        let v = end * i as f64 / 4.0;
        let y = base - plot_h * i as f64 / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e3e6ea\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"#666\" text-anchor=\"end\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            fmt_tick(v)
        );
    }
    let slot = plot_w / chart.bars.len().max(1) as f64;
    for (i, bar) in chart.bars.iter().enumerate() {
        let value: f64 = bar.values.iter().sum();
        let h = if end > 0.0 { plot_h * value / end } else { 0.0 };
        let x = LEFT + slot * i as f64 + slot * 0.2;
        let w = slot * 0.6;
        let tone = bar
            .tone
            .or(chart.series.first().map(|s| s.tone))
            .unwrap_or(Tone::Plain);
        let centre = x + w / 2.0;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\"><title>{}: {}</title></rect>\
<text x=\"{centre:.1}\" y=\"{:.1}\" {FONT} fill=\"#222\" text-anchor=\"middle\">{}</text>\
<text x=\"{centre:.1}\" y=\"{:.1}\" {FONT} fill=\"#222\" text-anchor=\"middle\">{}</text>",
            base - h,
            colour(tone),
            escape(&bar.label),
            escape(&bar.note),
            base - h - 6.0,
            escape(&bar.note),
            base + 18.0,
            escape(&short(&bar.label, 18))
        );
    }
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\" stroke=\"#888\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"#666\" text-anchor=\"middle\">{}</text>",
        LEFT + plot_w,
        LEFT + plot_w / 2.0,
        HEIGHT - 6.0,
        escape(chart.unit)
    );
    (HEIGHT, out)
}

#[cfg(test)]
mod tests {
    use super::round_up;

    #[test]
    fn scales_end_at_round_numbers_close_above_the_largest_bar() {
        assert_eq!(round_up(2041.0), 2500.0);
        assert_eq!(round_up(12.0), 12.0);
        assert_eq!(round_up(13.0), 15.0);
        assert_eq!(round_up(1100.0), 1200.0);
        assert_eq!(round_up(19.0), 20.0);
        assert_eq!(round_up(100.0), 100.0);
        assert_eq!(round_up(0.0), 1.0);
    }
}
