//! The report laid out once as sections of neutral blocks (paragraphs,
//! figures, tables, charts), which the HTML and Markdown renderers only
//! format. Every block says whether it states snapshot facts or judgement.

mod images;
mod inventory;
mod questions;
mod scaling;
mod spot;
mod summary;

use crate::report::operator::images::ImageCompliance;
use crate::report::operator::inventory::{Inventory, SPOT};
use crate::report::operator::model::{Count, FindingRow, OperatorReport, URGENT};
use crate::report::operator::questions::OpenQuestions;
use crate::report::operator::scaling::GroupReport;
use crate::report::operator::spot::SpotRisk;

pub struct Document {
    pub title: String,
    /// (label, value) lines under the title.
    pub meta: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

pub struct Section {
    /// The HTML anchor.
    pub id: &'static str,
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

/// Where a statement comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Read from the snapshot as collected.
    Fact,
    /// A rule's verdict or the report's inference from facts.
    Judgement,
    /// Could not be established from the snapshot.
    NotVerified,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Fact => "Confirmed fact",
            Basis::Judgement => "Judgement",
            Basis::NotVerified => "Not verified",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Basis::Fact => "fact",
            Basis::Judgement => "judgement",
            Basis::NotVerified => "unverified",
        }
    }
}

/// How a value should read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Muted,
}

impl Tone {
    pub fn css(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Muted => "muted",
        }
    }
}

pub enum Block {
    Subheading(String),
    Paragraph {
        basis: Option<Basis>,
        text: String,
    },
    Bullets {
        basis: Basis,
        items: Vec<String>,
    },
    /// Headline figures.
    Stats(Vec<Stat>),
    Table(Table),
    /// Small tables shown side by side where there is room.
    Tables(Vec<Table>),
    Chart(Chart),
}

pub struct Stat {
    pub label: String,
    pub value: String,
    pub tone: Tone,
}

pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Cell {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }
}

/// `tone` for a count of trouble; good when there is none.
fn good_unless<N: PartialOrd + Default>(count: N, tone: Tone) -> Tone {
    if count > N::default() {
        tone
    } else {
        Tone::Good
    }
}

/// `tone` for a count worth noticing; plain when there is none.
fn plain_unless<N: PartialOrd + Default>(count: N, tone: Tone) -> Tone {
    if count > N::default() {
        tone
    } else {
        Tone::Plain
    }
}

fn toned(text: impl Into<String>, tone: Tone) -> Cell {
    Cell {
        text: text.into(),
        tone,
    }
}

pub struct Column {
    pub name: &'static str,
    pub align: Align,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Prose: wraps.
    Text,
    /// An identifier or short label: kept on one line.
    Key,
    /// Right-aligned figures.
    Number,
}

const TEXT: Align = Align::Text;
const KEY: Align = Align::Key;
const NUM: Align = Align::Number;

pub struct Table {
    pub caption: String,
    pub basis: Basis,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Said instead of an empty table.
    pub empty: &'static str,
    /// Rows left out for length.
    pub more: usize,
}

/// Bars, one per label, stacked when there are several series.
pub struct Chart {
    pub title: String,
    /// What the bars are (the first column of the Markdown table).
    pub label_header: &'static str,
    pub description: String,
    pub basis: Basis,
    /// Columns (a histogram) rather than horizontal bars.
    pub vertical: bool,
    pub unit: &'static str,
    /// The scale's end; the largest bar when `None`.
    pub max: Option<f64>,
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
}

pub struct Series {
    pub name: &'static str,
    pub tone: Tone,
}

pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
    /// Printed beside the bar (and in Markdown's table).
    pub note: String,
    /// Overrides the series colour for a one-series chart (e.g. too old).
    pub tone: Option<Tone>,
}

/// Longest table before "…and N more".
const MAX_ROWS: usize = 500;

/// Most bars in a chart.
const CHART_BARS: usize = 40;

fn cols(spec: &[(&'static str, Align)]) -> Vec<Column> {
    spec.iter()
        .map(|&(name, align)| Column { name, align })
        .collect()
}

fn table(
    caption: impl Into<String>,
    basis: Basis,
    columns: &[(&'static str, Align)],
    mut rows: Vec<Vec<Cell>>,
    empty: &'static str,
) -> Table {
    let more = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    Table {
        caption: caption.into(),
        basis,
        columns: cols(columns),
        rows,
        empty,
        more,
    }
}

fn stat(label: impl Into<String>, value: impl ToString, tone: Tone) -> Stat {
    Stat {
        label: label.into(),
        value: thousands(&value.to_string()),
        tone,
    }
}

/// `146480` → `146,480`; anything but a plain count is left as it is.
fn thousands(s: &str) -> String {
    if s.len() < 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn para(basis: Basis, text: impl Into<String>) -> Block {
    Block::Paragraph {
        basis: Some(basis),
        text: text.into(),
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

fn yes_no(v: Option<bool>) -> Cell {
    match v {
        Some(true) => toned("yes", Tone::Good),
        Some(false) => toned("no", Tone::Bad),
        None => toned("not recorded", Tone::Muted),
    }
}

fn opt_int(v: Option<i64>) -> String {
    v.map_or("–".into(), |n| n.to_string())
}

fn count_table(caption: &str, key: &'static str, counts: &[Count], total: usize) -> Table {
    table(
        caption,
        Basis::Fact,
        &[(key, KEY), ("Instances", NUM), ("Share", NUM)],
        counts
            .iter()
            .map(|c| {
                vec![
                    c.key.clone().into(),
                    c.count.to_string().into(),
                    percent(c.count, total).into(),
                ]
            })
            .collect(),
        "No instances.",
    )
}

fn severity_tone(s: crate::policy::Severity) -> Tone {
    use crate::policy::Severity::*;
    match s {
        Critical | High => Tone::Bad,
        Medium => Tone::Warn,
        Low | Info => Tone::Plain,
    }
}

fn resource(kind: &str, id: &Option<String>) -> String {
    format!("{kind} {}", id.as_deref().unwrap_or("(whole snapshot)"))
}

fn finding_table(caption: impl Into<String>, rows: &[FindingRow], empty: &'static str) -> Table {
    table(
        caption,
        Basis::Judgement,
        &[
            ("Severity", KEY),
            ("Rule", KEY),
            ("Resource", TEXT),
            ("Finding", TEXT),
            ("Where", KEY),
        ],
        rows.iter()
            .map(|r| {
                vec![
                    toned(r.severity.as_str(), severity_tone(r.severity)),
                    format!("{}{}", r.rule_id, if r.new { " (new)" } else { "" }).into(),
                    resource(r.kind, &r.id).into(),
                    r.message.clone().into(),
                    r.location.clone().into(),
                ]
            })
            .collect(),
        empty,
    )
}

pub fn layout(report: &OperatorReport) -> Document {
    let h = &report.header;
    let mut meta = vec![
        ("Snapshot".to_string(), h.snapshot.clone()),
        ("Collected at".to_string(), h.collected_at.clone()),
        ("Measured at".to_string(), h.now.clone()),
    ];
    if let Some(account) = &h.account_id {
        meta.push(("Account".into(), account.clone()));
    }
    meta.push(("Regions".into(), h.regions.join(", ")));
    meta.push((
        "Rules".into(),
        match h.not_configured {
            0 => format!("{} (ecsguard {})", h.rules, h.version),
            n => format!(
                "{} judged, {n} not configured (ecsguard {})",
                h.rules, h.version
            ),
        },
    ));
    Document {
        title: "Fleet operator report".into(),
        meta,
        sections: vec![
            summary::layout(report),
            inventory::layout(&report.inventory),
            scaling::layout(&report.scaling),
            images::layout(&report.images),
            spot::layout(&report.spot),
            questions::layout(&report.questions),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands("146480"), "146,480");
        assert_eq!(thousands("1000000"), "1,000,000");
        assert_eq!(thousands("9764"), "9764");
        assert_eq!(thousands("28 of 30"), "28 of 30");
    }
}
