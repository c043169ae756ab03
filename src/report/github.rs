//! `--format github`: workflow commands that annotate the snapshot in a
//! GitHub Actions run, plus the markdown summary in `$GITHUB_STEP_SUMMARY`.

use std::io::Write;

use super::{relative_uri, Outcome};
use crate::evaluate::Status;
use crate::policy::Severity;

/// Workflow-command data escaping.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command property escaping.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let file = relative_uri(&outcome.snapshot.path);
    for f in &outcome.evaluation.findings {
        let command = match f.status {
            Status::Fail => match outcome.rule(f).meta.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low | Severity::Info => "notice",
            },
            Status::Unknown => "notice",
            Status::Pass | Status::Waived => continue,
        };
        let rule = outcome.rule(f);
        let place = outcome.place(f);
        let (line, col) = place
            .field
            .as_ref()
            .map_or((place.line, 1), |p| (p.line, p.column));
        let title = if f.status == Status::Unknown {
            format!("{} not verified: {}", rule.meta.id, rule.meta.title)
        } else {
            format!(
                "{} [{}] {}",
                rule.meta.id, rule.meta.severity, rule.meta.title
            )
        };
        let mut message = f.message.clone().unwrap_or_else(|| rule.meta.title.clone());
        if f.status == Status::Fail {
            if let Some(cli) = outcome.remediation_cli(f) {
                message.push_str(&format!("\nfix: {cli}"));
            }
        }
        writeln!(
            out,
            "::{command} file={},line={line},col={col},title={}::{}",
            property(&file),
            property(&title),
            data(&message)
        )?;
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut summary = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        super::markdown::write(outcome, &mut summary)?;
    }
    Ok(())
}
