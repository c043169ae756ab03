//! `--format junit`: one testsuite per rule, one testcase per judged
//! resource; `<failure>` for fail, `<skipped>` for unknown and waived, as
//! the GitLab, Jenkins and GitHub test reporters read it. A rule that is
//! not configured has one skipped testcase that says what to set.

use std::fmt::Write as _;
use std::io::Write;

use super::{escape_markup as escape, Outcome};
use crate::evaluate::Status;

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let mut xml = String::new();
    let total = outcome.summary();
    let errors = outcome.evaluation.errors.len();
    // A rule that is not configured is one skipped test case.
    let not_configured = outcome.policies.not_configured().count();
    let _ = writeln!(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        xml,
        "<testsuites name=\"ecsguard\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"{errors}\">",
        outcome.evaluation.findings.len() + errors + not_configured,
        total.fail,
        total.unknown + total.waived + not_configured
    );
    let all = &outcome.evaluation.findings;
    debug_assert!(all.windows(2).all(|w| w[0].rule <= w[1].rule));
    for (ri, rule) in outcome.policies.rules.iter().enumerate() {
        // Findings come ordered by rule: each rule's are one slice (a scan
        // per rule took minutes over millions of findings).
        let findings =
            &all[all.partition_point(|f| f.rule < ri)..all.partition_point(|f| f.rule <= ri)];
        let rule_errors: Vec<_> = outcome
            .evaluation
            .errors
            .iter()
            .filter(|e| e.rule == ri)
            .collect();
        let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
        let skipped_rule = usize::from(!rule.configured());
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}: {}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"{}\" file=\"{}\">",
            escape(&rule.meta.id),
            escape(&rule.meta.title),
            findings.len() + rule_errors.len() + skipped_rule,
            count(Status::Fail),
            count(Status::Unknown) + count(Status::Waived) + skipped_rule,
            rule_errors.len(),
            escape(&rule.file)
        );
        let _ = writeln!(
            xml,
            "    <properties><property name=\"severity\" value=\"{}\"/><property name=\"resource_type\" value=\"{}\"/><property name=\"package\" value=\"{}\"/></properties>",
            rule.meta.severity,
            rule.meta.kind.name,
            escape(&rule.package)
        );
        if !rule.configured() {
            let _ = writeln!(
                xml,
                "    <testcase name=\"configure {}\" classname=\"ecsguard.{}\" file=\"{}\" line=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape(&rule.meta.id),
                escape(&rule.meta.id),
                escape(&rule.file),
                rule.line(),
                escape(&format!("not configured: {}", super::needs_params_text(rule)))
            );
        }
        for e in rule_errors {
            let _ = writeln!(
                xml,
                "    <testcase name=\"evaluate {}\" classname=\"ecsguard.{}\" file=\"{}\" line=\"{}\">\n      <error message=\"{}\" type=\"evaluation\">{}:{}:{}: {}</error>\n    </testcase>",
                escape(&rule.meta.id),
                escape(&rule.meta.id),
                escape(&e.file),
                e.line,
                escape(&e.message),
                escape(&e.file),
                e.line,
                e.column,
                escape(&e.message)
            );
        }
        for f in findings {
            let place = outcome.place(f);
            let name = format!(
                "{} {}{}",
                place.kind,
                place.id.as_deref().unwrap_or("(whole collection)"),
                place
                    .region
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            );
            let line = place.field.as_ref().map_or(place.line, |p| p.line);
            let _ = write!(
                xml,
                "    <testcase name=\"{}\" classname=\"ecsguard.{}\" file=\"{}\" line=\"{line}\"",
                escape(&name),
                escape(&rule.meta.id),
                escape(&outcome.snapshot.path)
            );
            let message = f.message.as_deref().unwrap_or("");
            match f.status {
                Status::Pass => xml.push_str("/>\n"),
                Status::Fail => {
                    let mut detail = format!(
                        "{message}\nat {}:{line} ({})\nrule {}:{}",
                        outcome.snapshot.path,
                        place.pointer,
                        rule.file,
                        outcome.rule_line(f)
                    );
                    detail.push_str(&format!(
                        "\nremediation: {}",
                        rule.meta.remediation.text.trim()
                    ));
                    if let Some(cli) = outcome.remediation_cli(f) {
                        detail.push_str(&format!("\nfix: {cli}"));
                    }
                    let _ = write!(
                        xml,
                        ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(message),
                        rule.meta.severity,
                        escape(&detail)
                    );
                }
                Status::Unknown => {
                    let _ = write!(
                        xml,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        escape(&format!("not verified: {message}"))
                    );
                }
                Status::Waived => {
                    let why = match (f.waiver, outcome.waivers) {
                        (Some(w), Some(ws)) => {
                            let e = &ws.entries[w.index];
                            format!("waived until {} by {}: {}", e.expires, e.owner, e.reason)
                        }
                        _ => "waived".into(),
                    };
                    let _ = write!(
                        xml,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        escape(&why)
                    );
                }
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}
