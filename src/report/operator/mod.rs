//! `ecsguard report`: the operator report. One model of figures
//! ([`model::OperatorReport`]) is laid out once ([`document`]) and rendered
//! as a self-contained HTML page or as Markdown.
//!
//! [`write`] takes a judged snapshot ([`Outcome`]), so any command that has
//! loaded and evaluated one (`report`, and `scan --report`) can call it.

mod document;
mod fields;
mod html;
pub mod images;
pub mod inventory;
mod markdown;
pub mod model;
pub mod questions;
pub mod scaling;
pub mod spot;
mod svg;

use std::io::Write;

use super::Outcome;
pub use model::OperatorReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OperatorFormat {
    /// One self-contained page (inline CSS and SVG charts), printable.
    Html,
    /// The same content as Markdown tables.
    Markdown,
}

/// Computes the report for a judged snapshot and writes it in `format`.
pub fn write(
    outcome: &Outcome,
    format: OperatorFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let report = OperatorReport::build(outcome);
    render(&report, format, out)
}

/// Writes an already computed report.
pub fn render(
    report: &OperatorReport,
    format: OperatorFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let doc = document::layout(report);
    match format {
        OperatorFormat::Html => html::write(&doc, out),
        OperatorFormat::Markdown => markdown::write(&doc, out),
    }
}
