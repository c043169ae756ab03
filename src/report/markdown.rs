//! `--format markdown`: a summary for pull-request comments and job
//! summaries: counts, failures by severity, what was not verified, and
//! what waivers and the baseline decided.

use std::io::Write;

use super::Outcome;
use crate::evaluate::Status;
use crate::policy::Severity;

/// GitHub comments stop at 65,536 characters; keep tables well below.
const MAX_ROWS: usize = 100;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let total = outcome.summary();
    let mut md = String::new();
    md.push_str(&format!(
        "## ecsguard: {} failed, {} passed, {} not verified{}\n\n",
        total.fail,
        total.pass,
        total.unknown,
        if total.waived > 0 {
            format!(", {} waived", total.waived)
        } else {
            String::new()
        }
    ));
    md.push_str(&format!(
        "Snapshot `{}` collected at {} ({} rules).\n\n",
        outcome.snapshot.path,
        outcome.snapshot.collected_at,
        outcome.policies.configured().count()
    ));
    md.push_str("| Severity | Failed | Passed | Not verified |\n|---|---:|---:|---:|\n");
    for (severity, t) in outcome.by_severity() {
        if t.fail + t.pass + t.unknown + t.waived > 0 {
            md.push_str(&format!(
                "| {severity} | {} | {} | {} |\n",
                t.fail, t.pass, t.unknown
            ));
        }
    }
    md.push('\n');
    if let Some(diff) = outcome.baseline {
        md.push_str(&format!(
            "Against baseline `{}`: {}.\n\n",
            diff.path,
            diff.tally(|new| format!("**{new}**"))
        ));
    }
    if !outcome.evaluation.errors.is_empty() {
        md.push_str("### Rules that could not be evaluated\n\n");
        for e in &outcome.evaluation.errors {
            md.push_str(&format!(
                "- **{}** `{}:{}:{}`: {}\n",
                outcome.policies.rules[e.rule].meta.id,
                e.file,
                e.line,
                e.column,
                cell(&e.message)
            ));
        }
        md.push('\n');
    }
    let mut rows = 0;
    let failures: Vec<_> = Severity::ALL
        .iter()
        .flat_map(|&s| {
            outcome
                .evaluation
                .findings
                .iter()
                .filter(move |f| f.status == Status::Fail && outcome.rule(f).meta.severity == s)
        })
        .collect();
    if !failures.is_empty() {
        md.push_str("### Failures\n\n| Rule | Severity | Resource | Region | Where | Finding |\n|---|---|---|---|---|---|\n");
        for f in &failures {
            if rows == MAX_ROWS {
                break;
            }
            rows += 1;
            let rule = outcome.rule(f);
            let place = outcome.place(f);
            let line = place.field.as_ref().map_or(place.line, |p| p.line);
            let new = if f.novelty == Some(crate::triage::Novelty::New) {
                " 🆕"
            } else {
                ""
            };
            md.push_str(&format!(
                "| {}{new} | {} | {} `{}` | {} | `{}:{line}` | {} |\n",
                rule.meta.id,
                rule.meta.severity,
                place.kind,
                place.id.as_deref().unwrap_or("-"),
                place.region.as_deref().unwrap_or("-"),
                outcome.snapshot.path,
                cell(f.message.as_deref().unwrap_or(&rule.meta.title))
            ));
        }
        if failures.len() > rows {
            md.push_str(&format!(
                "\n…and {} more failures (see the JSON or SARIF output).\n",
                failures.len() - rows
            ));
        }
        md.push('\n');
    }
    let unknown: Vec<_> = outcome
        .evaluation
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
        .collect();
    if !unknown.is_empty() {
        md.push_str("### Not verified\n\nThe data these rules need is missing; this is not a pass.\n\n| Rule | Resource | Why |\n|---|---|---|\n");
        for f in unknown.iter().take(MAX_ROWS) {
            let place = outcome.place(f);
            md.push_str(&format!(
                "| {} | {} `{}` | {} |\n",
                outcome.rule(f).meta.id,
                place.kind,
                place.id.as_deref().unwrap_or("-"),
                cell(f.message.as_deref().unwrap_or(""))
            ));
        }
        if unknown.len() > MAX_ROWS {
            md.push_str(&format!("\n…and {} more.\n", unknown.len() - MAX_ROWS));
        }
        md.push('\n');
    }
    if let (Some(waivers), Some(used)) = (outcome.waivers, outcome.waiver_use) {
        if !used.expired.is_empty() || !used.stale.is_empty() {
            md.push_str("### Waivers\n\n");
            for &i in &used.expired {
                let w = &waivers.entries[i];
                md.push_str(&format!(
                    "- ⚠️ expired on {}: `{}` / `{}` (owner {}) — its findings fail again\n",
                    w.expires, w.rule, w.resource, w.owner
                ));
            }
            for &i in &used.stale {
                let w = &waivers.entries[i];
                md.push_str(&format!(
                    "- stale (matched nothing): `{}` / `{}` at `{}:{}`\n",
                    w.rule, w.resource, waivers.path, w.line
                ));
            }
            md.push('\n');
        }
    }
    let not_configured: Vec<_> = outcome.policies.not_configured().collect();
    if !not_configured.is_empty() {
        md.push_str("### Not configured\n\nThese rules judged nothing: a parameter they need (an allowlist, a minimum) is not set.\n\n");
        for rule in not_configured {
            md.push_str(&format!(
                "- **{}** {}: {}\n",
                rule.meta.id,
                cell(&rule.meta.title),
                super::needs_params_text(rule)
            ));
        }
        md.push('\n');
    }
    out.write_all(md.as_bytes())
}
