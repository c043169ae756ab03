//! `--format sarif`: SARIF 2.1.0, in the shape GitHub code scanning takes.
//! Rules carry their real ids and severities; results point into the
//! snapshot with the rule's file as a related location; fingerprints are
//! rule id + resource id so they survive a re-collected snapshot.

use std::io::Write;

use serde_json::{json, Value};

use super::{relative_uri, Outcome};
use crate::evaluate::{Finding, Status};
use crate::policy::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub maps this score to critical (≥ 9), high (≥ 7), medium (≥ 4), low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

pub fn document(outcome: &Outcome) -> Value {
    let rules: Vec<Value> = outcome
        .policies
        .rules
        .iter()
        .map(|r| {
            let m = &r.meta;
            let mut help = m.remediation.text.trim().to_string();
            let mut help_md = m.remediation.text.trim().to_string();
            if let Some(cli) = &m.remediation.cli {
                help.push_str(&format!("\n\nFix: {cli}"));
                help_md.push_str(&format!("\n\n```sh\n{cli}\n```"));
            }
            for reference in &m.references {
                help_md.push_str(&format!("\n\n- <{reference}>"));
            }
            let mut tags = vec!["security".to_string(), m.severity.to_string(), m.kind.name.to_string()];
            tags.extend(m.cloud_config.iter().map(|c| format!("cloud-config:{c}")));
            let mut rule = json!({
                "id": m.id,
                "name": r.package,
                "shortDescription": {"text": m.title},
                "fullDescription": {"text": m.description},
                "help": {"text": help, "markdown": help_md},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "security-severity": security_severity(m.severity),
                    "problem.severity": match m.severity { Severity::Critical | Severity::High => "error", Severity::Medium => "warning", _ => "recommendation" },
                    "tags": tags,
                    "resource_type": m.kind.name,
                },
            });
            if let Some(url) = m.references.first() {
                rule["helpUri"] = json!(url);
            }
            if !m.needs_params.is_empty() {
                rule["properties"]["needs_params"] = json!(m.needs_params);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = outcome
        .evaluation
        .findings
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| result(outcome, f))
        .collect();
    // Rules left out for want of a parameter: configuration notes of the run.
    let not_configured: Vec<Value> = outcome
        .policies
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.configured())
        .map(|(i, r)| {
            json!({
                "level": "note",
                "message": {"text": format!("{} was not run, it is not configured: {}", r.meta.id, super::needs_params_text(r))},
                "associatedRule": {"id": r.meta.id, "index": i},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ecsguard",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "automationDetails": {"id": format!("ecsguard/{}/", outcome.snapshot.collected_at)},
            "invocations": [{
                "executionSuccessful": outcome.evaluation.errors.is_empty(),
                "toolConfigurationNotifications": not_configured,
            }],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"collected_at": outcome.snapshot.collected_at, "now": outcome.now},
        }],
    })
}

fn result(outcome: &Outcome, f: &Finding) -> Value {
    let rule = outcome.rule(f);
    let place = outcome.place(f);
    let (line, column) = place.spot();
    let verdict = f.waiver.map_or(f.status, |w| w.verdict);
    let message = match (verdict, &f.message) {
        (Status::Unknown, Some(m)) => format!("Not verified: {m}"),
        (_, Some(m)) => m.clone(),
        (_, None) => rule.meta.title.clone(),
    };
    let mut result = json!({
        "ruleId": rule.meta.id,
        "ruleIndex": f.rule,
        "level": if verdict == Status::Unknown { "note" } else { level(rule.meta.severity) },
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": relative_uri(&outcome.snapshot.path)},
                "region": {"startLine": line, "startColumn": column},
            },
            "logicalLocations": [{
                "name": place.id.clone().unwrap_or_else(|| place.kind.to_string()),
                "fullyQualifiedName": place.pointer,
                "kind": place.kind,
            }],
        }],
        "relatedLocations": [{
            "id": 1,
            "message": {"text": format!("rule {} is defined here", rule.meta.id)},
            "physicalLocation": {
                "artifactLocation": {"uri": relative_uri(&rule.file)},
                "region": {"startLine": outcome.rule_line(f)},
            },
        }],
        "partialFingerprints": {
            "ecsguardFinding/v1": format!("{}:{}:{}", rule.meta.id, place.kind, crate::triage::resource_id(outcome.snapshot, f)),
        },
        "properties": {
            "status": verdict,
            "region": place.region,
        },
    });
    if verdict == Status::Fail {
        // SARIF `fixes` must edit artifacts; the command goes in a property.
        if let Some(cli) = outcome.remediation_cli(f) {
            result["properties"]["remediation_cli"] = json!(cli);
        }
    }
    if let Some(novelty) = f.novelty {
        result["baselineState"] = json!(match novelty {
            crate::triage::Novelty::New => "new",
            crate::triage::Novelty::Existing => "unchanged",
        });
    }
    if let (Some(w), Some(waivers)) = (f.waiver, outcome.waivers) {
        let entry = &waivers.entries[w.index];
        result["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("{} (owner {}, expires {})", entry.reason, entry.owner, entry.expires),
            "location": {"physicalLocation": {
                "artifactLocation": {"uri": relative_uri(&waivers.path)},
                "region": {"startLine": entry.line},
            }},
        }]);
    }
    if let Value::Object(map) = &mut result {
        map.retain(|_, v| !v.is_null());
    }
    result
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut writer, &document(outcome))?;
    writeln!(writer)?;
    writer.flush()
}
