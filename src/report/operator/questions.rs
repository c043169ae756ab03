//! Open questions: what could not be judged and why, what could not be
//! collected, and what a snapshot never holds. None of it is a pass.

use std::collections::BTreeSet;

use super::fields::text;
use super::model::Context;
use crate::evaluate::{Status, Subject};
use crate::report::{subject_id, subject_kind};

pub struct OpenQuestions {
    /// Findings not verified, one row per rule, region and reason.
    pub unknown: Vec<UnknownGroup>,
    /// How many findings those rows hold.
    pub unknown_findings: usize,
    pub collection_errors: Vec<CollectionErrorRow>,
    /// Top-level collections absent from the snapshot.
    pub missing_collections: Vec<&'static str>,
    /// (scaling group id, collection) for nested collections a group lacks.
    pub missing_nested: Vec<(String, &'static str)>,
    /// Rules that could not be evaluated: (rule id, file:line, message).
    pub rule_errors: Vec<(String, String, String)>,
    /// Rules not run because a parameter they need is not set:
    /// (rule id, title, what to set).
    pub not_configured: Vec<(String, String, String)>,
    /// References the snapshot cannot resolve (an instance's type or image
    /// absent from `instance_types` / `images`).
    pub unresolved: Vec<String>,
    /// What no snapshot holds, so no figure here speaks for it.
    pub out_of_scope: &'static [&'static str],
}

pub struct UnknownGroup {
    pub rule_id: String,
    pub title: String,
    pub region: Option<String>,
    pub why: String,
    /// What the findings are about (`instance`, `collection_error`…).
    pub kind: &'static str,
    /// The id of each finding's subject (`(whole snapshot)` for a
    /// collection absent altogether).
    pub resources: Vec<String>,
}

pub struct CollectionErrorRow {
    pub product: String,
    pub action: String,
    pub region: String,
    pub code: String,
    pub message: String,
}

const OUT_OF_SCOPE: &[&str] = &[
    "Security group rules, network ACLs and route tables (not collected): exposure is judged from public IPs and metadata settings only.",
    "Disks, snapshots and backup policies (not collected): recoverability is not assessed.",
    "CloudMonitor metrics and alarm history: utilisation and right-sizing are not assessed.",
    "Spot interruption history beyond the current events and operation locks: past reclaim rates are not known.",
    "Operating system contents: installed packages and vulnerabilities are known only through OOS patch states, where collected.",
    "RAM policies and instance role permissions (not collected).",
];

pub fn build(ctx: &Context) -> OpenQuestions {
    let outcome = ctx.outcome;
    let snap = outcome.snapshot;
    let mut unknown: Vec<UnknownGroup> = Vec::new();
    let mut unknown_findings = 0;
    // The row of each (rule, region, why, kind), so grouping stays linear.
    let mut seen: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    for row in ctx
        .findings()
        .filter(|f| f.status == Status::Unknown)
        .map(|f| {
            let rule = outcome.rule(f);
            let why = f.message.clone().unwrap_or_else(|| match f.subject {
                Subject::MissingCollection { kind, .. } => format!(
                    "`{}` is not in the snapshot",
                    crate::snapshot::KINDS[kind].collection
                ),
                _ => "the data this rule needs was not collected".into(),
            });
            let region = match f.subject {
                Subject::Resource { kind, index } => {
                    Some(snap.kinds[kind].resources[index].region.clone())
                }
                Subject::CollectionError(i) => Some(snap.collection_errors[i].region.clone()),
                Subject::MissingCollection { .. } => None,
            };
            let resource = subject_id(snap, f).unwrap_or_else(|| "(whole snapshot)".into());
            (rule, region, why, subject_kind(snap, f), resource)
        })
    {
        let (rule, region, why, kind, resource) = row;
        unknown_findings += 1;
        let key = (rule.meta.id.clone(), region.clone(), why.clone(), kind);
        match seen.get(&key) {
            Some(&at) => unknown[at].resources.push(resource),
            None => {
                seen.insert(key, unknown.len());
                unknown.push(UnknownGroup {
                    rule_id: rule.meta.id.clone(),
                    title: rule.meta.title.clone(),
                    region,
                    why,
                    kind,
                    resources: vec![resource],
                });
            }
        }
    }
    let groups = snap.scaling_groups();
    let missing_nested = snap
        .kinds
        .iter()
        .filter(|k| k.kind.parent.is_some())
        .flat_map(|k| {
            k.missing_in_parents
                .iter()
                .map(move |&g| (groups.resources[g].id.clone(), k.kind.collection))
        })
        .collect();

    let types: BTreeSet<&str> = ctx
        .collection("instance_types")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| text(t, "InstanceTypeId"))
        .collect();
    let images: BTreeSet<&str> = ctx
        .collection("images")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| text(i, "ImageId"))
        .collect();
    let instances = ctx.instances();
    let mut unresolved: Vec<String> = Vec::new();
    let absent_type: BTreeSet<&str> = instances
        .iter()
        .filter_map(|i| text(i, "InstanceType"))
        .filter(|t| !types.contains(t))
        .collect();
    for t in absent_type {
        unresolved.push(format!(
            "instance type {t} is not in `instance_types`: its generation is not verified"
        ));
    }
    let absent_image: BTreeSet<&str> = instances
        .iter()
        .filter_map(|i| text(i, "ImageId"))
        .filter(|i| !images.contains(i))
        .collect();
    for i in absent_image {
        unresolved.push(format!(
            "image {i} is not in `images`: its age, status and OS are not verified"
        ));
    }

    OpenQuestions {
        unknown,
        unknown_findings,
        collection_errors: snap
            .collection_errors
            .iter()
            .map(|e| CollectionErrorRow {
                product: e.product.clone(),
                action: e.action.clone(),
                region: e.region.clone(),
                code: e.code.clone(),
                message: e.message.clone(),
            })
            .collect(),
        missing_collections: snap
            .counts()
            .into_iter()
            .filter(|(_, n)| n.is_none())
            .map(|(c, _)| c)
            .collect(),
        missing_nested,
        rule_errors: outcome
            .evaluation
            .errors
            .iter()
            .map(|e| {
                (
                    outcome.policies.rules[e.rule].meta.id.clone(),
                    format!("{}:{}:{}", e.file, e.line, e.column),
                    e.message.clone(),
                )
            })
            .collect(),
        not_configured: outcome
            .policies
            .not_configured()
            .map(|r| {
                (
                    r.meta.id.clone(),
                    r.meta.title.clone(),
                    crate::report::needs_params_text(r),
                )
            })
            .collect(),
        unresolved,
        out_of_scope: OUT_OF_SCOPE,
    }
}
