//! The operator report's figures, computed once from a judged snapshot;
//! the HTML and Markdown renderings only lay them out.

use std::collections::BTreeMap;

use regorus::Value;

use super::{images, inventory, questions, scaling, spot};
use crate::evaluate::{Finding, Status, Subject};
use crate::policy::Severity;
use crate::report::{subject_id, subject_kind, Outcome, Tally};

/// Everything the report says about one fleet.
pub struct OperatorReport {
    pub header: Header,
    pub summary: Summary,
    pub inventory: inventory::Inventory,
    pub scaling: Vec<scaling::GroupReport>,
    pub images: images::ImageCompliance,
    pub spot: spot::SpotRisk,
    pub questions: questions::OpenQuestions,
}

pub struct Header {
    pub snapshot: String,
    pub collected_at: String,
    /// The instant time-based figures (ages, staleness) are measured against.
    pub now: String,
    pub account_id: Option<String>,
    pub regions: Vec<String>,
    /// Rules that judged the snapshot.
    pub rules: usize,
    /// Rules not run because a parameter they need is not set.
    pub not_configured: usize,
    pub version: &'static str,
}

pub struct Summary {
    pub totals: Tally,
    pub by_severity: Vec<(Severity, Tally)>,
    /// The five most urgent failures: most severe first, new before known.
    pub urgent: Vec<FindingRow>,
    pub failures: usize,
    /// Against a baseline: its tally (new, still present, fixed, not judged
    /// again).
    pub baseline: Option<String>,
}

/// How many of the top failures the summary shows.
pub const URGENT: usize = 5;

/// One finding as the report shows it.
#[derive(Clone)]
pub struct FindingRow {
    pub rule_id: String,
    pub severity: Severity,
    pub title: String,
    pub kind: &'static str,
    pub id: Option<String>,
    pub region: Option<String>,
    /// The rule's message, else its title.
    pub message: String,
    /// `snapshot.json:123` (the field's line when the rule pointed at one).
    pub location: String,
    /// New against the baseline.
    pub new: bool,
}

/// A label and how many things carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub key: String,
    pub count: usize,
}

/// Tallies labels, most frequent first (ties by label).
pub fn count_by<I, S>(labels: I) -> Vec<Count>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut map: BTreeMap<String, usize> = BTreeMap::new();
    for l in labels {
        *map.entry(l.into()).or_default() += 1;
    }
    let mut counts: Vec<Count> = map
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    counts
}

/// Shown where a snapshot field is absent.
pub const NOT_RECORDED: &str = "(not recorded)";

impl OperatorReport {
    pub fn build(outcome: &Outcome) -> OperatorReport {
        let ctx = Context::new(outcome);
        let scaling = scaling::build(&ctx);
        OperatorReport {
            header: Header {
                snapshot: outcome.snapshot.path.clone(),
                collected_at: outcome.snapshot.collected_at.clone(),
                now: outcome.now.to_string(),
                account_id: super::fields::text(&outcome.snapshot.value, "account_id")
                    .map(str::to_string),
                regions: outcome.snapshot.regions.clone(),
                rules: outcome.policies.configured().count(),
                not_configured: outcome.policies.not_configured().count(),
                version: env!("CARGO_PKG_VERSION"),
            },
            summary: summary(&ctx),
            inventory: inventory::build(&ctx),
            images: images::build(&ctx),
            spot: spot::build(&ctx, &scaling),
            scaling,
            questions: questions::build(&ctx),
        }
    }
}

/// What every section reads: the outcome, the snapshot's collections and
/// the clock.
pub struct Context<'a> {
    pub outcome: &'a Outcome<'a>,
    pub now_ns: i64,
    failures_by_group: Vec<Vec<&'a Finding>>,
}

impl<'a> Context<'a> {
    fn new(outcome: &'a Outcome<'a>) -> Context<'a> {
        let now_ns = crate::snapshot::parse_utc_timestamp(outcome.now)
            .unwrap_or(outcome.snapshot.collected_at_ns);
        Context {
            outcome,
            now_ns,
            failures_by_group: failures_by_group(outcome),
        }
    }

    /// A top-level collection; `None` when it was not collected.
    pub fn collection(&self, name: &str) -> Option<Vec<&'a Value>> {
        super::fields::list(&self.outcome.snapshot.value, name)
    }

    /// The instances (none when not collected).
    pub fn instances(&self) -> Vec<&'a Value> {
        self.collection("instances").unwrap_or_default()
    }

    pub fn findings(&self) -> impl Iterator<Item = &'a Finding> {
        self.outcome.evaluation.findings.iter()
    }

    /// A rule parameter from the merged data (`data.ecsguard.params.<rule>.<param>`).
    pub fn param(&self, rule: &str, name: &str) -> Option<&'a serde_json::Value> {
        self.outcome
            .policies
            .data
            .pointer(&format!("/ecsguard/params/{rule}/{name}"))
    }

    pub fn row(&self, f: &Finding) -> FindingRow {
        let outcome = self.outcome;
        let rule = outcome.rule(f);
        let place = outcome.place(f);
        let (line, _) = place.spot();
        FindingRow {
            rule_id: rule.meta.id.clone(),
            severity: rule.meta.severity,
            title: rule.meta.title.clone(),
            kind: subject_kind(outcome.snapshot, f),
            id: subject_id(outcome.snapshot, f),
            region: place.region,
            message: f.message.clone().unwrap_or_else(|| rule.meta.title.clone()),
            location: format!("{}:{line}", outcome.snapshot.path),
            new: f.novelty == Some(crate::triage::Novelty::New),
        }
    }

    /// Failures, most urgent first.
    pub fn urgent_first<'f>(&self, mut failures: Vec<&'f Finding>) -> Vec<&'f Finding> {
        failures.sort_by_key(|f| {
            (
                self.outcome.rule(f).meta.severity,
                f.novelty != Some(crate::triage::Novelty::New),
                &self.outcome.rule(f).meta.id,
            )
        });
        failures
    }

    /// The failures whose subject is scaling group `group` or something it
    /// holds (configurations, hooks, tasks…).
    pub fn group_failures(&self, group: usize) -> Vec<&'a Finding> {
        self.failures_by_group
            .get(group)
            .cloned()
            .unwrap_or_default()
    }
}

/// Failures per scaling group, found in one pass over the findings.
fn failures_by_group<'a>(outcome: &Outcome<'a>) -> Vec<Vec<&'a Finding>> {
    let snap = outcome.snapshot;
    let mut by_group = vec![Vec::new(); snap.scaling_groups().resources.len()];
    for f in outcome.evaluation.findings.iter() {
        if f.status != Status::Fail {
            continue;
        }
        if let Subject::Resource { kind, index } = f.subject {
            let k = &snap.kinds[kind];
            let group = if k.kind.name == "scaling_group" {
                Some(index)
            } else {
                k.resources[index].parent
            };
            if let Some(list) = group.and_then(|g| by_group.get_mut(g)) {
                list.push(f);
            }
        }
    }
    by_group
}

fn summary(ctx: &Context) -> Summary {
    let outcome = ctx.outcome;
    let failures: Vec<&Finding> = ctx
        .findings()
        .filter(|f| f.status == Status::Fail)
        .collect();
    let count = failures.len();
    Summary {
        totals: outcome.summary(),
        by_severity: outcome.by_severity(),
        urgent: ctx
            .urgent_first(failures)
            .into_iter()
            .take(URGENT)
            .map(|f| ctx.row(f))
            .collect(),
        failures: count,
        baseline: outcome
            .baseline
            .map(|d| d.tally(|new| format!("{new} failures"))),
    }
}

impl Context<'_> {
    /// Whether collection `name` is incomplete in `region`: absent from the
    /// snapshot, or one of the API calls that fill it failed there.
    pub fn not_collected_in(&self, name: &str, region: &str) -> bool {
        let snap = self.outcome.snapshot;
        let Some(kind) = crate::snapshot::kind_of_collection(name) else {
            return false;
        };
        !snap.kind_index(kind).collected
            || snap.collection_errors.iter().any(|e| {
                e.region == region
                    && kind
                        .sources
                        .iter()
                        .any(|(p, a)| e.product == *p && e.action == *a)
            })
    }
}
