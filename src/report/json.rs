//! `--format json`: the findings contract, described by
//! `schemas/findings.schema.json` (generated from these types).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::marker::PhantomData;
use std::sync::OnceLock;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::ser::Serializer;
use serde::Serialize;
use serde_json::value::RawValue;

use super::{Outcome, Place, Tally};
use crate::evaluate::{Finding, Origin, Status, Subject};
use crate::policy::{Rule, Severity};

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
    /// Rules not evaluated because a parameter they need (an allowlist, a
    /// minimum) is not set: they judged nothing, so no finding names them.
    /// Set the parameters with `--data` to run them.
    pub not_configured: Vec<NotConfiguredOut<'a>>,
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
    /// Rules not evaluated because a parameter they need is not set.
    pub not_configured: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct FindingOut<'a> {
    pub rule: Rendered<'a, RuleOut<'a>>,
    pub status: Status,
    pub resource: Rendered<'a, ResourceOut>,
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
    pub text: Rendered<'a, String>,
    /// The aliyun CLI command, filled in for this resource.
    pub cli: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct NotConfiguredOut<'a> {
    /// Stable rule id, e.g. ECS-045.
    pub rule: &'a str,
    /// The Rego package, e.g. ecsguard.ecs.instance_type_allowlist.
    pub package: &'a str,
    pub title: &'a str,
    pub file: &'a str,
    pub line: usize,
    /// The parameters to set, as paths below `data.ecsguard.params`
    /// (e.g. `instance_type_allowlist.allowed_types`).
    pub params: &'a [String],
}

#[derive(Serialize, JsonSchema)]
pub struct RuleErrorOut<'a> {
    pub rule: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

/// A part of a finding that many findings repeat — the rule (a 100k fleet
/// gives each of 91 rules 100k findings) or the resource (judged by every
/// rule of its type) — serialized once and then copied, or, when it is
/// particular to one finding, serialized in place. Either way the JSON is
/// what `T` serializes to, and the schema is `T`'s.
pub enum Rendered<'a, T> {
    Once(&'a RawValue),
    Here(T),
}

impl<T: Serialize> Serialize for Rendered<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Rendered::Once(raw) => raw.serialize(s),
            Rendered::Here(value) => value.serialize(s),
        }
    }
}

impl<T: JsonSchema> JsonSchema for Rendered<'_, T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

fn render_once<T: Serialize>(value: &T) -> Box<RawValue> {
    RawValue::from_string(serde_json::to_string(value).expect("report parts serialize"))
        .expect("serde_json writes valid JSON")
}

/// The once-rendered parts of findings.
struct Renders {
    rules: Vec<RuleRenders>,
    /// Per snapshot kind, per resource: filled by the first finding about it.
    resources: Vec<Vec<OnceLock<Box<RawValue>>>>,
}

struct RuleRenders {
    /// The rule as the engine's own verdicts (pass, data not collected) show it.
    engine: Box<RawValue>,
    deny: Vec<Box<RawValue>>,
    unknown: Vec<Box<RawValue>>,
    remediation: Box<RawValue>,
}

impl Renders {
    fn new(outcome: &Outcome) -> Renders {
        let rules = outcome
            .policies
            .rules
            .iter()
            .map(|rule| {
                let at = |origin| render_once(&rule_out(rule, rule.origin_line(origin)));
                RuleRenders {
                    engine: at(Origin::Engine),
                    deny: (0..rule.deny.len()).map(|d| at(Origin::Deny(d))).collect(),
                    unknown: (0..rule.unknown.len())
                        .map(|d| at(Origin::Unknown(d)))
                        .collect(),
                    remediation: render_once(&rule.meta.remediation.text),
                }
            })
            .collect();
        let resources = outcome
            .snapshot
            .kinds
            .iter()
            .map(|k| k.resources.iter().map(|_| OnceLock::new()).collect())
            .collect();
        Renders { rules, resources }
    }

    /// The resource `f` is about, rendered by the first finding that needs it.
    fn resource(&self, outcome: &Outcome, f: &Finding, kind: usize, index: usize) -> &RawValue {
        self.resources[kind][index].get_or_init(|| render_once(&resource_out(outcome.place(f))))
    }

    fn rule(&self, f: &Finding) -> &RawValue {
        let r = &self.rules[f.rule];
        let definition = match f.origin {
            Origin::Deny(d) => r.deny.get(d),
            Origin::Unknown(d) => r.unknown.get(d),
            Origin::Engine => None,
        };
        definition.unwrap_or(&r.engine)
    }
}

fn rule_out(rule: &Rule, line: usize) -> RuleOut<'_> {
    RuleOut {
        id: &rule.meta.id,
        package: &rule.package,
        title: &rule.meta.title,
        severity: rule.meta.severity,
        file: &rule.file,
        line,
    }
}

fn resource_out(place: Place) -> ResourceOut {
    ResourceOut {
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
    }
}

/// The findings. They are written by [`write`] outside serde, one compact
/// object per line, rendered on every core; in the serialized document this
/// is a slot that `write` fills.
pub struct Findings<'a>(PhantomData<&'a ()>);

/// What the findings slot looks like in the pretty-printed document. Raw
/// newlines occur only in the printer's layout, never inside a string, so
/// nothing else in the document can look like this.
const FINDINGS_SLOT: &str = "\n  \"findings\": \"\\u0001\"";

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("\u{1}")
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

fn finding_out<'a>(
    outcome: &'a Outcome<'a>,
    renders: &'a Renders,
    f: &'a Finding,
) -> FindingOut<'a> {
    let resource = match (f.subject, &f.field) {
        (Subject::Resource { kind, index }, None) => {
            Rendered::Once(renders.resource(outcome, f, kind, index))
        }
        _ => Rendered::Here(resource_out(outcome.place(f))),
    };
    FindingOut {
        rule: Rendered::Once(renders.rule(f)),
        status: f.status,
        resource,
        message: f.message.as_deref(),
        remediation: (f.waiver.map_or(f.status, |w| w.verdict) == Status::Fail).then(|| {
            RemediationOut {
                text: Rendered::Once(&renders.rules[f.rule].remediation),
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

/// Findings per rendering task: big enough that the threads' start-up and
/// hand-over are noise, small enough that the buffers stay about a MB (peak
/// memory is a target: issue 2).
const CHUNK: usize = 2048;

/// Writes the findings array: each finding rendered into its chunk's buffer
/// (all cores rendering side by side), the buffers written in order.
fn write_findings(outcome: &Outcome, w: &mut dyn Write) -> std::io::Result<()> {
    let findings = &outcome.evaluation.findings;
    if findings.is_empty() {
        return w.write_all(b"[]");
    }
    let renders = Renders::new(outcome);
    let threads = crate::cores::available();
    let mut first = true;
    w.write_all(b"[")?;
    // A round at a time, so only a few chunks' text is held at once.
    for round in findings.chunks(CHUNK * threads) {
        let chunks: Vec<&[Finding]> = round.chunks(CHUNK).collect();
        let buffers = crate::cores::map(&chunks, threads, |chunk| {
            render_chunk(outcome, &renders, chunk)
        });
        for buffer in &buffers {
            // Every finding starts with its separator; the first has none.
            let skip = if first { 1 } else { 0 };
            first = false;
            w.write_all(&buffer[skip..])?;
        }
    }
    w.write_all(b"\n  ]")
}

/// A finding renders to about 450 bytes; reserving that up front spares the
/// buffer's doublings (an eighth of the rendering's instructions).
const FINDING_BYTES: usize = 512;

fn render_chunk(outcome: &Outcome, renders: &Renders, chunk: &[Finding]) -> Vec<u8> {
    let mut buffer = Vec::with_capacity(chunk.len() * FINDING_BYTES);
    for f in chunk {
        buffer.extend_from_slice(b",\n    ");
        if !write_plain_pass(outcome, renders, f, &mut buffer) {
            serde_json::to_writer(&mut buffer, &finding_out(outcome, renders, f))
                .expect("findings serialize");
        }
    }
    buffer
}

/// Writes a plain pass (nine findings in ten on a large fleet: no message,
/// field, waiver or baseline) as the bytes `finding_out` serializes to,
/// from its two once-rendered parts; returns false for any other finding.
/// Serializing the struct cost more than copying its parts.
fn write_plain_pass(outcome: &Outcome, renders: &Renders, f: &Finding, out: &mut Vec<u8>) -> bool {
    let Subject::Resource { kind, index } = f.subject else {
        return false;
    };
    if f.status != Status::Pass
        || f.message.is_some()
        || f.field.is_some()
        || f.waiver.is_some()
        || f.novelty.is_some()
    {
        return false;
    }
    let resource = renders.resource(outcome, f, kind, index);
    out.extend_from_slice(b"{\"rule\":");
    out.extend_from_slice(renders.rule(f).get().as_bytes());
    out.extend_from_slice(b",\"status\":\"pass\",\"resource\":");
    out.extend_from_slice(resource.get().as_bytes());
    out.extend_from_slice(b",\"message\":null,\"remediation\":null}");
    true
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
            rules: outcome.policies.configured().count(),
            errors: outcome.evaluation.errors.len(),
            not_configured: outcome.policies.not_configured().count(),
        },
        findings: Findings(PhantomData),
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
        not_configured: outcome
            .policies
            .not_configured()
            .map(|r| NotConfiguredOut {
                rule: &r.meta.id,
                package: &r.package,
                title: &r.meta.title,
                file: &r.file,
                line: r.line(),
                params: &r.unset_params,
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
    let head = serde_json::to_string_pretty(&document(outcome))?;
    let (before, after) = head
        .split_once(FINDINGS_SLOT)
        .expect("the document has a findings slot");
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, out);
    writer.write_all(before.as_bytes())?;
    writer.write_all(b"\n  \"findings\": ")?;
    write_findings(outcome, &mut writer)?;
    writer.write_all(after.as_bytes())?;
    writeln!(writer)?;
    writer.flush()
}

/// The JSON Schema of the findings document.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document<'static>)).expect("schema serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{PolicySet, Sources};
    use crate::snapshot::Snapshot;

    /// A plain pass written from its parts is byte for byte what serializing
    /// its `FindingOut` writes (a field added to the struct must reach both);
    /// every other finding is left to serde.
    #[test]
    fn plain_passes_are_written_as_serde_writes_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let policies = PolicySet::load(&Sources::builtin_only()).unwrap();
        let snapshot = Snapshot::load(&root.join("examples/fleet.json")).unwrap();
        let now = snapshot.collected_at.clone();
        let evaluation = crate::evaluate::evaluate(
            &policies,
            &snapshot,
            snapshot.collected_at_ns,
            &now,
            1,
            false,
        );
        let outcome = Outcome {
            policies: &policies,
            snapshot: &snapshot,
            evaluation: &evaluation,
            now: &now,
            waivers: None,
            waiver_use: None,
            baseline: None,
        };
        let renders = Renders::new(&outcome);
        let (mut plain, mut other) = (0, 0);
        for f in &evaluation.findings {
            let by_serde = serde_json::to_string(&finding_out(&outcome, &renders, f)).unwrap();
            let mut by_hand = Vec::new();
            if write_plain_pass(&outcome, &renders, f, &mut by_hand) {
                assert_eq!(String::from_utf8(by_hand).unwrap(), by_serde);
                plain += 1;
            } else {
                assert!(by_hand.is_empty());
                other += 1;
            }
        }
        assert!(
            plain > 100 && other > 10,
            "{plain} plain passes, {other} others"
        );
    }
}
