//! The default output: failures as miette diagnostics, most severe first,
//! each pointing at the resource in the snapshot and at the rule that fired;
//! then what could not be verified; then one summary line.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::ops::Range;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::Outcome;
use crate::diagnostic::SourceError;
use crate::evaluate::{Finding, Status};
use crate::policy::Severity;

#[derive(Clone, Copy)]
pub struct Options {
    /// Failures shown in full per rule (0: all); the rest are counted.
    pub limit: usize,
    pub color: bool,
}

/// Lines of context around a label.
const CONTEXT: usize = 2;

/// How far a window looks for line breaks: a compact snapshot is one long
/// line, and a window must stay small.
const REACH: usize = 4096;

pub fn write(outcome: &Outcome, opts: &Options, out: &mut dyn Write) -> std::io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(CONTEXT);
    let policy_sources: HashMap<&str, NamedSource<String>> = outcome
        .policies
        .files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                NamedSource::new(&f.path, f.text.clone()).with_language("rego"),
            )
        })
        .collect();

    for e in &outcome.evaluation.errors {
        let rule = &outcome.policies.rules[e.rule];
        let message = format!(
            "rule {} could not be evaluated: {}",
            rule.meta.id, e.message
        );
        match outcome.policies.file(&e.file) {
            Some(f) => {
                let diag = SourceError::at(
                    "ecsguard::rule::error",
                    &e.file,
                    &f.text,
                    e.line,
                    e.column,
                    message,
                )
                .with_label(e.message.clone())
                .with_help("its resources were not judged")
                .with_language("rego");
                render(&handler, &diag, out)?;
            }
            None => writeln!(
                out,
                "error: {}:{}:{}: {message}
",
                e.file, e.line, e.column
            )?,
        }
    }

    // Failures, most severe first; within a severity by rule id, then by place.
    for severity in Severity::ALL {
        let mut shown_per_rule: HashMap<usize, usize> = HashMap::new();
        let mut hidden_per_rule: HashMap<usize, usize> = HashMap::new();
        for f in outcome
            .evaluation
            .findings
            .iter()
            .filter(|f| f.status == Status::Fail && outcome.rule(f).meta.severity == severity)
        {
            let shown = shown_per_rule.entry(f.rule).or_default();
            if opts.limit > 0 && *shown >= opts.limit {
                *hidden_per_rule.entry(f.rule).or_default() += 1;
                continue;
            }
            *shown += 1;
            render_failure(outcome, f, &handler, &policy_sources, out)?;
        }
        let mut hidden: Vec<_> = hidden_per_rule.into_iter().collect();
        hidden.sort();
        for (rule, n) in hidden {
            writeln!(
                out,
                "  … and {n} more {} failures of {} (--limit 0 shows all)\n",
                severity, outcome.policies.rules[rule].meta.id
            )?;
        }
    }

    write_unknowns(outcome, opts, out)?;
    write_not_configured(outcome, out)?;
    write_summary(outcome, out)
}

/// Rules that judged nothing because a parameter they need is not set.
fn write_not_configured(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<_> = outcome.policies.not_configured().collect();
    if rules.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Not configured ({} rule{} judged nothing: a parameter {} is not set):",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" },
        if rules.len() == 1 {
            "it needs"
        } else {
            "they need"
        }
    )?;
    for rule in rules {
        writeln!(
            out,
            "  {} {} — {}",
            rule.meta.id,
            rule.meta.title,
            super::needs_params_text(rule)
        )?;
    }
    writeln!(out)
}

fn render_failure(
    outcome: &Outcome,
    f: &Finding,
    handler: &GraphicalReportHandler,
    policy_sources: &HashMap<&str, NamedSource<String>>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rule = outcome.rule(f);
    let place = outcome.place(f);
    let span = outcome.label_span(&place);
    let excerpt = outcome
        .snapshot
        .source
        .excerpt(span.start.saturating_sub(2 * REACH)..span.end + 2 * REACH);
    if excerpt.base > span.start || excerpt.base + excerpt.text.len() < span.end {
        // The snapshot file changed or vanished since it was loaded: say
        // where, without an excerpt.
        let (line, column) = place.spot();
        let message = f.message.as_deref().unwrap_or(&rule.meta.title);
        return writeln!(
            out,
            "{} [{}] {message}\n  at {}:{line}:{column}\n",
            rule.meta.id, rule.meta.severity, outcome.snapshot.path
        );
    }
    let span = one_line_if_long(&excerpt.text, excerpt.base, span);
    let window = Window::around(
        &outcome.snapshot.path,
        &excerpt.text,
        excerpt.base,
        span.clone(),
        place.spot().0,
    );
    let what = match &place.id {
        Some(id) => format!("{} {id}", place.kind),
        None => place.kind.to_string(),
    };
    let mut help = rule.meta.remediation.text.trim().to_string();
    if let Some(cli) = outcome.remediation_cli(f) {
        help.push_str(&format!("\nfix: {cli}"));
    }
    let rule_line = outcome.rule_line(f);
    let related = Located {
        message: format!("rule {} ({}) fired here", rule.meta.id, rule.meta.title),
        code: String::new(),
        severity: miette::Severity::Advice,
        source: policy_sources
            .get(rule.file.as_str())
            .map(|s| s as &dyn SourceCode),
        labels: outcome
            .rule_span(f)
            .map(|r| {
                LabeledSpan::new_primary_with_span(
                    Some(format!("{}:{rule_line}", rule.file)),
                    (r.start, r.end - r.start),
                )
            })
            .into_iter()
            .collect(),
        help: None,
        related: Vec::new(),
    };
    let diag = Located {
        message: format!(
            "[{}]{} {}",
            rule.meta.severity,
            match f.novelty {
                Some(crate::triage::Novelty::New) => " (new)",
                Some(crate::triage::Novelty::Existing) => " (in baseline)",
                None => "",
            },
            f.message.as_deref().unwrap_or(&rule.meta.title)
        ),
        code: format!("{}: {}", rule.meta.id, rule.meta.title),
        severity: miette::Severity::Error,
        source: Some(&window),
        labels: vec![LabeledSpan::new_primary_with_span(
            Some(format!(
                "{what}{}",
                place
                    .region
                    .as_ref()
                    .map(|r| format!(" in {r}"))
                    .unwrap_or_default()
            )),
            (span.start, span.end - span.start),
        )],
        help: Some(help),
        related: vec![related],
    };
    render(handler, &diag, out)
}

/// A label over many lines drowns the output: keep its first line.
/// `text` is an excerpt of the snapshot that starts at byte `base`.
fn one_line_if_long(text: &str, base: usize, span: Range<usize>) -> Range<usize> {
    let body = &text[span.start - base..span.end - base];
    if body.matches('\n').count() > 6 {
        let end = body.find('\n').map_or(span.end, |i| span.start + i);
        span.start..end
    } else {
        span
    }
}

fn render(
    handler: &GraphicalReportHandler,
    diag: &dyn Diagnostic,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut s = String::new();
    handler
        .render_report(&mut s, diag)
        .map_err(std::io::Error::other)?;
    writeln!(out, "{s}")
}

fn write_unknowns(outcome: &Outcome, opts: &Options, out: &mut dyn Write) -> std::io::Result<()> {
    let unknown: Vec<&Finding> = outcome
        .evaluation
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Not verified ({} unknown in {}: the data these rules need is missing; this is not a pass):",
        unknown.len(),
        outcome.snapshot.path
    )?;
    let mut i = 0;
    while i < unknown.len() {
        let rule_index = unknown[i].rule;
        let rule = &outcome.policies.rules[rule_index];
        let of_rule: Vec<&Finding> = unknown[i..]
            .iter()
            .take_while(|f| f.rule == rule_index)
            .copied()
            .collect();
        i += of_rule.len();
        writeln!(
            out,
            "  {} {} — {} unknown",
            rule.meta.id,
            rule.meta.title,
            of_rule.len()
        )?;
        // Findings that share a reason are listed together.
        let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
        for f in &of_rule {
            let place = outcome.place(f);
            let subject = format!(
                "{} (line {})",
                place.id.as_deref().unwrap_or(place.kind),
                place.line
            );
            let reason = f.message.as_deref().unwrap_or("");
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, subjects)) => subjects.push(subject),
                None => reasons.push((reason, vec![subject])),
            }
        }
        for (reason, subjects) in reasons {
            let limit = if opts.limit == 0 {
                subjects.len()
            } else {
                opts.limit
            };
            let listed = subjects
                .iter()
                .take(limit)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = subjects.len().saturating_sub(limit);
            let more = if more > 0 {
                format!(", … (+{more})")
            } else {
                String::new()
            };
            writeln!(out, "    - {reason}\n      {listed}{more}")?;
        }
    }
    writeln!(out)
}

fn write_summary(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let total = outcome.summary();
    let by_severity: Vec<String> = outcome
        .by_severity()
        .into_iter()
        .filter(|(_, t)| t.fail > 0)
        .map(|(s, t)| format!("{} {s}", t.fail))
        .collect();
    let fails = if by_severity.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_severity.join(", "))
    };
    let errors = match outcome.evaluation.errors.len() {
        0 => String::new(),
        n => format!(
            ", {n} rule{} failed to evaluate",
            if n == 1 { "" } else { "s" }
        ),
    };
    let waived = if total.waived > 0 {
        format!(", {} waived", total.waived)
    } else {
        String::new()
    };
    let not_configured = match outcome.policies.not_configured().count() {
        0 => String::new(),
        n => format!("; {n} rule{} not configured", if n == 1 { "" } else { "s" }),
    };
    let baseline = outcome.baseline.map_or(String::new(), |d| {
        format!("; against the baseline: {}", d.tally(|new| new))
    });
    let judged = outcome.policies.configured().count();
    writeln!(
        out,
        "{}: {judged} rule{} judged {} findings: {} failed{fails}, {} passed, {} unknown{waived}{errors}{not_configured}{baseline}",
        outcome.snapshot.path,
        if judged == 1 { "" } else { "s" },
        outcome.evaluation.findings.len(),
        total.fail,
        total.pass,
        total.unknown
    )
}

/// A diagnostic with its own source and related diagnostics.
struct Located<'a> {
    message: String,
    code: String,
    severity: miette::Severity,
    source: Option<&'a dyn SourceCode>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Located<'a>>,
}

impl fmt::Debug for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Located<'_> {}

impl Diagnostic for Located<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|d| d as &dyn Diagnostic))
                as Box<dyn Iterator<Item = &dyn Diagnostic>>
        })
    }
}

/// A few lines of a large snapshot, presented to miette with their true
/// offsets and line numbers, so rendering one finding never scans the
/// whole file.
/// A finding's snippet: the shared windowed source of diagnostics.
pub type Window<'a> = crate::diagnostic::Excerpt<'a>;

impl<'a> Window<'a> {
    /// The lines around `span` (whose first line is `line`, 1-based) in
    /// `text`, an excerpt of the file that starts at byte `base`.
    pub fn around(
        name: &'a str,
        text: &'a str,
        base: usize,
        span: Range<usize>,
        line: usize,
    ) -> Window<'a> {
        let b = text.as_bytes();
        let span = span.start - base..span.end - base;
        let floor = span.start.saturating_sub(REACH);
        let mut start = span.start;
        let mut back = 0;
        // The label's own line start, then CONTEXT + 1 more lines.
        while back <= CONTEXT + 1 {
            match memchr::memrchr(
                b'\n',
                &b[floor..start.saturating_sub(usize::from(back > 0))],
            ) {
                Some(p) => {
                    start = floor + p + 1;
                    back += 1;
                }
                None => {
                    // The file's first line, or a line cut at REACH.
                    start = floor;
                    back += 1;
                    break;
                }
            }
        }
        let back = back - 1;
        let ceiling = (span.end + REACH).min(b.len());
        let mut end = span.end.max(span.start);
        for _ in 0..=CONTEXT + 1 {
            match memchr::memchr(b'\n', &b[end.min(ceiling)..ceiling]) {
                Some(p) => end = end + p + 1,
                None => {
                    end = ceiling;
                    break;
                }
            }
        }
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = end.min(b.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Window {
            name: name.into(),
            text: text[start..end].into(),
            base: base + start,
            line: line.saturating_sub(1 + back),
            // A line cut at REACH is labelled from the cut.
            column: 0,
            language: Some("json"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::SourceSpan;

    #[test]
    fn window_reports_true_lines() {
        let text: String = (1..=40).map(|i| format!("line {i}\n")).collect();
        let target = text.find("line 20").unwrap();
        let window = Window::around("f.json", &text, 0, target..target + 7, 20);
        let contents = window
            .read_span(&SourceSpan::new(target.into(), 7), 1, 1)
            .unwrap();
        assert_eq!(
            contents.line(),
            18,
            "0-based line of the first context line"
        );
        assert_eq!(contents.span().offset(), text.find("line 19").unwrap());
        assert!(!window.text.contains("line 10\n"));

        // Near the top of the file.
        let target = text.find("line 2\n").unwrap();
        let window = Window::around("f.json", &text, 0, target..target + 6, 2);
        let contents = window
            .read_span(&SourceSpan::new(target.into(), 6), 1, 1)
            .unwrap();
        assert_eq!(contents.line(), 0);

        // One long line: the window stays small and keeps true positions.
        let long = format!("{{\"a\": \"{}\", \"b\": 1}}", "x".repeat(100_000));
        let target = long.find("\"b\"").unwrap();
        let window = Window::around("f.json", &long, 0, target..target + 6, 1);
        assert!(window.text.len() < 10_000);
        let contents = window
            .read_span(&SourceSpan::new(target.into(), 6), 0, 0)
            .unwrap();
        assert_eq!(contents.line(), 0);
    }
}
