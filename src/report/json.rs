//! `--format json`: the findings contract, described by
//! `schemas/findings.schema.json` (generated from these types).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use super::{Outcome, Tally};
use crate::evaluate::Status;
use crate::policy::Severity;

/// The version of the findings document.
pub const FINDINGS_VERSION: &str = "1";

/// The result of `ecsguard check`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "ecsguard findings", extend("$id" = "urn:ecsguard:schema:findings:1"))]
pub struct Document<'a> {
    /// Version of this document's shape.
    pub schema_version: &'static str,
    pub tool: Tool,
    pub snapshot: SnapshotInfo<'a>,
    pub summary: Summary,
    /// Every judged (rule, resource) pair, ordered by rule id, then by place in the snapshot.
    pub findings: Findings<'a>,
    /// Rules that could not be evaluated: their resources were not judged.
    pub errors: Vec<RuleErrorOut<'a>>,
    /// What `--waivers` did; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waivers: Option<WaiversOut<'a>>,
    /// New, still-present and fixed failures against `--baseline`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<&'a crate::triage::BaselineDiff>,
}

#[derive(Serialize, JsonSchema)]
pub struct WaiversOut<'a> {
    pub path: &'a str,
    /// Expired waivers that still match findings: those findings count again.
    pub expired: Vec<WaiverOut<'a>>,
    /// Waivers that matched no finding.
    pub stale: Vec<WaiverOut<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct WaiverOut<'a> {
    pub rule: &'a str,
    pub resource: &'a str,
    pub reason: &'a str,
    pub owner: &'a str,
    pub expires: &'a str,
    /// Line of the entry in the waivers file.
    pub line: usize,
}

fn waiver_out(w: &crate::triage::Waiver) -> WaiverOut<'_> {
    WaiverOut {
        rule: &w.rule,
        resource: &w.resource,
        reason: &w.reason,
        owner: &w.owner,
        expires: &w.expires,
        line: w.line,
    }
}

#[derive(Serialize, JsonSchema)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize, JsonSchema)]
pub struct SnapshotInfo<'a> {
    /// The snapshot file as given on the command line.
    pub path: &'a str,
    pub collected_at: &'a str,
    /// The instant time-based rules measured against (collected_at unless --now).
    pub now: &'a str,
    pub regions: &'a [String],
    /// Resources per collection; null when the collection was not collected.
    pub counts: BTreeMap<&'static str, Option<usize>>,
}

#[derive(Serialize, JsonSchema)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub unknown: usize,
    pub waived: usize,
    /// The same counts per rule severity.
    pub by_severity: BTreeMap<Severity, Tally>,
    /// Number of rules evaluated.
    pub rules: usize,
    /// Rules that failed to evaluate.
    pub errors: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct FindingOut<'a> {
    pub rule: RuleOut<'a>,
    pub status: Status,
    pub resource: ResourceOut,
    /// What failed, or why it could not be judged; null for a pass.
    pub message: Option<&'a str>,
    /// How to fix a failure; null unless the verdict is fail.
    pub remediation: Option<RemediationOut<'a>>,
    /// The waiver that accepted this finding (status waived).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<AppliedWaiver<'a>>,
    /// With --baseline: whether this failure is new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::triage::Novelty>,
}

#[derive(Serialize, JsonSchema)]
pub struct AppliedWaiver<'a> {
    /// The verdict the waiver accepted: fail or unknown.
    pub verdict: Status,
    #[serde(flatten)]
    pub entry: WaiverOut<'a>,
}

#[derive(Serialize, JsonSchema)]
pub struct RuleOut<'a> {
    /// Stable rule id, e.g. ESS-001.
    pub id: &'a str,
    /// The Rego package, e.g. ecsguard.ess.health_check.
    pub package: &'a str,
    pub title: &'a str,
    pub severity: Severity,
    /// The policy file that holds the rule.
    pub file: &'a str,
    /// The line of the definition that produced this verdict.
    pub line: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct ResourceOut {
    /// The resource type (e.g. instance), or collection_error.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The resource's id (InstanceId, ScalingGroupId, …); null when a whole collection is missing.
    pub id: Option<String>,
    pub region: Option<String>,
    /// JSON pointer of the resource in the snapshot ("" is the whole document).
    pub pointer: String,
    /// Line of the resource in the snapshot file.
    pub line: usize,
    /// The field the rule pointed at, when it pointed inside the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldOut>,
}

#[derive(Serialize, JsonSchema)]
pub struct FieldOut {
    pub pointer: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct RemediationOut<'a> {
    pub text: &'a str,
    /// The aliyun CLI command, filled in for this resource.
    pub cli: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct RuleErrorOut<'a> {
    pub rule: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

/// The findings, serialized one by one rather than collected first (a
/// 100k-instance fleet yields half a million of them).
pub struct Findings<'a>(&'a Outcome<'a>);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0;
        let mut seq = s.serialize_seq(Some(outcome.evaluation.findings.len()))?;
        for f in &outcome.evaluation.findings {
            seq.serialize_element(&finding_out(outcome, f))?;
        }
        seq.end()
    }
}

impl JsonSchema for Findings<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Findings".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Vec<FindingOut<'static>>>::json_schema(generator)
    }
}

pub fn finding_out<'a>(
    outcome: &'a Outcome<'a>,
    f: &'a crate::evaluate::Finding,
) -> FindingOut<'a> {
    let rule = outcome.rule(f);
    let place = outcome.place(f);
    FindingOut {
        rule: RuleOut {
            id: &rule.meta.id,
            package: &rule.package,
            title: &rule.meta.title,
            severity: rule.meta.severity,
            file: &rule.file,
            line: outcome.rule_line(f),
        },
        status: f.status,
        resource: ResourceOut {
            kind: place.kind,
            id: place.id,
            region: place.region,
            pointer: place.pointer,
            line: place.line,
            field: place.field.map(|p| FieldOut {
                pointer: p.pointer,
                line: p.line,
                column: p.column,
            }),
        },
        message: f.message.as_deref(),
        remediation: (f.waiver.map_or(f.status, |w| w.verdict) == Status::Fail).then(|| {
            RemediationOut {
                text: &rule.meta.remediation.text,
                cli: outcome.remediation_cli(f),
            }
        }),
        waiver: f.waiver.zip(outcome.waivers).map(|(w, ws)| AppliedWaiver {
            verdict: w.verdict,
            entry: waiver_out(&ws.entries[w.index]),
        }),
        baseline: f.novelty,
    }
}

pub fn document<'a>(outcome: &'a Outcome<'a>) -> Document<'a> {
    let total = outcome.summary();
    Document {
        schema_version: FINDINGS_VERSION,
        tool: Tool {
            name: "ecsguard",
            version: env!("CARGO_PKG_VERSION"),
        },
        snapshot: SnapshotInfo {
            path: &outcome.snapshot.path,
            collected_at: &outcome.snapshot.collected_at,
            now: outcome.now,
            regions: &outcome.snapshot.regions,
            counts: outcome.snapshot.counts().into_iter().collect(),
        },
        summary: Summary {
            pass: total.pass,
            fail: total.fail,
            unknown: total.unknown,
            waived: total.waived,
            by_severity: outcome.by_severity().into_iter().collect(),
            rules: outcome.policies.rules.len(),
            errors: outcome.evaluation.errors.len(),
        },
        findings: Findings(outcome),
        errors: outcome
            .evaluation
            .errors
            .iter()
            .map(|e| RuleErrorOut {
                rule: &outcome.policies.rules[e.rule].meta.id,
                file: &e.file,
                line: e.line,
                column: e.column,
                message: &e.message,
            })
            .collect(),
        waivers: outcome
            .waivers
            .zip(outcome.waiver_use)
            .map(|(ws, used)| WaiversOut {
                path: &ws.path,
                expired: used
                    .expired
                    .iter()
                    .map(|&i| waiver_out(&ws.entries[i]))
                    .collect(),
                stale: used
                    .stale
                    .iter()
                    .map(|&i| waiver_out(&ws.entries[i]))
                    .collect(),
            }),
        baseline: outcome.baseline,
    }
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut writer, &document(outcome))?;
    writeln!(writer)?;
    writer.flush()
}

/// The JSON Schema of the findings document.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document<'static>)).expect("schema serializes")
}
