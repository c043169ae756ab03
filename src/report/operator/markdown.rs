//! The report as Markdown: the same blocks as the HTML page, every chart
//! as the table of its figures.

use std::fmt::Write as _;
use std::io::Write;

use super::document::{Align, Basis, Block, Document, Table};

/// Snapshot text made inert: markup characters escaped, angle brackets as
/// entities (so no HTML gets through), on one line.
fn plain(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '*' | '|' | '[' | ']' | '\\' | '`' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

/// A table cell.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    plain(s, &mut out);
    out
}

/// Text outside tables; backquoted names stay code.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "`{part}`");
        } else {
            plain(part, &mut out);
        }
    }
    out
}

fn basis(b: Basis) -> String {
    format!("*[{}]*", b.label())
}

pub fn write(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", text(&doc.title));
    for (label, value) in &doc.meta {
        let _ = writeln!(md, "- **{}:** {}", text(label), text(value));
    }
    let _ = writeln!(
        md,
        "\n{} read from the snapshot as collected · {} a rule's verdict or an inference from facts · {} the snapshot cannot tell; never read as fine.\n",
        basis(Basis::Fact),
        basis(Basis::Judgement),
        basis(Basis::NotVerified)
    );
    for s in &doc.sections {
        let _ = writeln!(md, "## {}\n", text(s.title));
        for block in &s.blocks {
            block_md(&mut md, block);
        }
    }
    out.write_all(md.as_bytes())
}

fn block_md(md: &mut String, block: &Block) {
    match block {
        Block::Subheading(t) => {
            let _ = writeln!(md, "### {}\n", text(t));
        }
        Block::Paragraph { basis: b, text: t } => {
            let prefix = b.map(|b| basis(b) + " ").unwrap_or_default();
            let _ = writeln!(md, "{prefix}{}\n", text(t));
        }
        Block::Bullets { basis: b, items } => {
            let _ = writeln!(md, "{}\n", basis(*b));
            for item in items {
                let _ = writeln!(md, "- {}", text(item));
            }
            md.push('\n');
        }
        Block::Stats(stats) => {
            md.push_str("| Figure | Value |\n|---|---:|\n");
            for s in stats {
                let _ = writeln!(md, "| {} | **{}** |", cell(&s.label), cell(&s.value));
            }
            md.push('\n');
        }
        Block::Table(t) => table_md(md, t),
        Block::Tables(tables) => tables.iter().for_each(|t| table_md(md, t)),
        Block::Chart(chart) => {
            let _ = writeln!(
                md,
                "{} **{}** (chart in the HTML report)\n",
                basis(chart.basis),
                text(&chart.title)
            );
            // The note column only when it says more than the value.
            let notes = chart
                .bars
                .iter()
                .any(|b| b.values.len() != 1 || b.note != format_value(b.values[0]));
            let _ = write!(md, "| {} |", cell(chart.label_header));
            for s in &chart.series {
                if s.name.eq_ignore_ascii_case(chart.unit) {
                    let _ = write!(md, " {} |", cell(s.name));
                } else {
                    let _ = write!(md, " {} ({}) |", cell(s.name), cell(chart.unit));
                }
            }
            if notes {
                md.push_str(" |");
            }
            md.push_str("\n|---|");
            md.push_str(&"---:|".repeat(chart.series.len()));
            md.push_str(if notes { "---|\n" } else { "\n" });
            for bar in &chart.bars {
                let _ = write!(md, "| {} |", cell(&bar.label));
                for v in &bar.values {
                    let _ = write!(md, " {} |", format_value(*v));
                }
                if notes {
                    let _ = write!(md, " {} |", cell(&bar.note));
                }
                md.push('\n');
            }
            md.push('\n');
        }
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn table_md(md: &mut String, t: &Table) {
    if t.rows.is_empty() {
        let _ = writeln!(
            md,
            "{} **{}**: {}\n",
            basis(t.basis),
            text(&t.caption),
            text(t.empty)
        );
        return;
    }
    let _ = writeln!(md, "{} **{}**\n", basis(t.basis), text(&t.caption));
    md.push('|');
    for c in &t.columns {
        let _ = write!(md, " {} |", cell(c.name));
    }
    md.push_str("\n|");
    for c in &t.columns {
        md.push_str(if c.align == Align::Number {
            "---:|"
        } else {
            "---|"
        });
    }
    md.push('\n');
    for row in &t.rows {
        md.push('|');
        for c in row {
            let _ = write!(md, " {} |", cell(&c.text));
        }
        md.push('\n');
    }
    if t.more > 0 {
        let _ = writeln!(
            md,
            "\n…and {} more rows (see `ecsguard check --format json`).",
            t.more
        );
    }
    md.push('\n');
}
