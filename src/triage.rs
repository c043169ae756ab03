//! Triage: what a team has decided about findings before they gate CI.
//! Waivers accept a finding until a date; a baseline (an earlier run's JSON
//! output) separates new failures from known ones. Both key findings by
//! rule id and resource id, never by line numbers, so a re-collected
//! snapshot keeps its decisions.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use globset::{Glob, GlobMatcher};
use miette::Diagnostic;
use serde::Deserialize;
use thiserror::Error;

use crate::diagnostic::{without_position, SourceError};
use crate::evaluate::{Evaluation, Finding, Status, Subject};
use crate::policy::PolicySet;
use crate::snapshot::Snapshot;

/// A finding accepted by waiver `index`, with the verdict it had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waived {
    pub index: usize,
    pub verdict: Status,
}

/// Whether a failure was already in the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Novelty {
    New,
    Existing,
}

#[derive(Debug, Error, Diagnostic)]
pub enum TriageError {
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(ecsguard::triage::read))]
    Read { path: String, reason: String },

    /// A malformed waivers file or baseline, at a place in it.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(SourceError),
}

/// One waiver entry.
pub struct Waiver {
    pub rule: String,
    pub resource: String,
    pub reason: String,
    pub owner: String,
    /// Last day (UTC) the waiver holds.
    pub expires: String,
    pub line: usize,
    expires_end_ns: i64,
    rule_glob: GlobMatcher,
    resource_glob: GlobMatcher,
}

impl Waiver {
    pub fn expired(&self, now_ns: i64) -> bool {
        now_ns >= self.expires_end_ns
    }
}

pub struct Waivers {
    pub path: String,
    pub entries: Vec<Waiver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    waivers: Vec<WaiverEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverEntry {
    rule: String,
    resource: String,
    reason: String,
    owner: String,
    expires: String,
}

impl Waivers {
    pub fn load(path: &Path) -> Result<Waivers, TriageError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| TriageError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let at = |line: usize, column: usize, message: String| {
            TriageError::Source(
                SourceError::at("ecsguard::waivers", &shown, &text, line, column, message)
                    .with_language("yaml"),
            )
        };
        let file: WaiverFile = serde_yaml::from_str(&text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            at(line, column, without_position(&e.to_string()))
        })?;
        // serde_yaml does not say where each list item starts: find the
        // `- ` lines that open the entries, in order.
        let item_lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("- "))
            .map(|(i, _)| i + 1)
            .collect();
        let mut entries = Vec::new();
        for (i, e) in file.waivers.into_iter().enumerate() {
            let line = item_lines.get(i).copied().unwrap_or(1);
            let field_line = |key: &str| {
                text.lines()
                    .enumerate()
                    .skip(line - 1)
                    .find(|(_, l)| {
                        l.trim_start()
                            .trim_start_matches("- ")
                            .starts_with(&format!("{key}:"))
                    })
                    .map_or(line, |(n, _)| n + 1)
            };
            for (key, value) in [
                ("rule", &e.rule),
                ("resource", &e.resource),
                ("reason", &e.reason),
                ("owner", &e.owner),
            ] {
                if value.trim().is_empty() {
                    return Err(at(
                        field_line(key),
                        1,
                        format!("waiver {}: `{key}` is empty", i + 1),
                    ));
                }
            }
            let date =
                chrono::NaiveDate::parse_from_str(e.expires.trim(), "%Y-%m-%d").map_err(|_| {
                    at(
                        field_line("expires"),
                        1,
                        format!(
                            "waiver {}: `expires` must be a date YYYY-MM-DD, got \"{}\"",
                            i + 1,
                            e.expires
                        ),
                    )
                })?;
            let end = date
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|t| t.and_utc().timestamp_nanos_opt())
                .unwrap_or(i64::MAX);
            let glob = |key: &str, pattern: &str| {
                Glob::new(pattern)
                    .map(|g| g.compile_matcher())
                    .map_err(|err| {
                        at(
                            field_line(key),
                            1,
                            format!("waiver {}: `{key}` is not a valid glob: {err}", i + 1),
                        )
                    })
            };
            entries.push(Waiver {
                rule_glob: glob("rule", &e.rule)?,
                resource_glob: glob("resource", &e.resource)?,
                rule: e.rule,
                resource: e.resource,
                reason: e.reason,
                owner: e.owner,
                expires: e.expires.trim().to_string(),
                line,
                expires_end_ns: end,
            });
        }
        Ok(Waivers {
            path: shown,
            entries,
        })
    }
}

/// What the waivers did in one run.
#[derive(Default)]
pub struct WaiverUse {
    /// Expired waivers that still match findings: those findings gate again.
    pub expired: Vec<usize>,
    /// Current waivers that matched nothing.
    pub stale: Vec<usize>,
}

/// The id a waiver or baseline matches a finding by: the resource id, or
/// the pointer where there is none (a whole collection missing).
pub fn resource_id(snapshot: &Snapshot, f: &Finding) -> String {
    crate::report::subject_id(snapshot, f)
        .unwrap_or_else(|| crate::report::subject_pointer(snapshot, f))
}

/// Marks fail and unknown findings that a current waiver matches as waived.
pub fn apply_waivers(
    evaluation: &mut Evaluation,
    policies: &PolicySet,
    snapshot: &Snapshot,
    waivers: &Waivers,
    now_ns: i64,
) -> WaiverUse {
    let mut used = vec![false; waivers.entries.len()];
    let mut expired_hit: BTreeSet<usize> = BTreeSet::new();
    for f in evaluation
        .findings
        .iter_mut()
        .filter(|f| matches!(f.status, Status::Fail | Status::Unknown))
    {
        let rule_id = &policies.rules[f.rule].meta.id;
        let id = resource_id(snapshot, f);
        let pointer = crate::report::subject_pointer(snapshot, f);
        let matches = |w: &Waiver| {
            w.rule_glob.is_match(rule_id)
                && (w.resource_glob.is_match(&id)
                    || (w.resource.starts_with('/') && w.resource_glob.is_match(&pointer)))
        };
        for (i, w) in waivers.entries.iter().enumerate() {
            if !matches(w) {
                continue;
            }
            if w.expired(now_ns) {
                expired_hit.insert(i);
                continue;
            }
            used[i] = true;
            f.waiver = Some(Waived {
                index: i,
                verdict: f.status,
            });
            f.status = Status::Waived;
            break;
        }
    }
    // A waiver that matched nothing is stale only if every rule it names
    // judged everything: its finding may be hidden behind a rule that did
    // not run or lacked data, and would gate once it is back.
    let partial = rules_not_judging_all(evaluation, policies);
    let unsure = |w: &Waiver| partial.iter().any(|rule| w.rule_glob.is_match(rule));
    WaiverUse {
        expired: expired_hit.into_iter().collect(),
        stale: (0..waivers.entries.len())
            .filter(|&i| {
                let w = &waivers.entries[i];
                !used[i] && !w.expired(now_ns) && !unsure(w)
            })
            .collect(),
    }
}

/// The failures of an earlier run.
pub struct Baseline {
    pub path: String,
    failures: Vec<BaselineFailure>,
}

#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
pub struct BaselineFailure {
    pub rule: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    pub message: Option<String>,
}

impl BaselineFailure {
    fn key(&self) -> (String, String, String) {
        (self.rule.clone(), self.kind.clone(), self.id.clone())
    }
}

#[derive(Deserialize)]
struct BaselineDoc {
    findings: Vec<BaselineFinding>,
}

#[derive(Deserialize)]
struct BaselineFinding {
    rule: BaselineRule,
    status: String,
    resource: BaselineResource,
    message: Option<String>,
}

#[derive(Deserialize)]
struct BaselineRule {
    id: String,
}

#[derive(Deserialize)]
struct BaselineResource {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
    pointer: String,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, TriageError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| TriageError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let doc: BaselineDoc = serde_json::from_str(&text).map_err(|e| {
            let message = format!(
                "not an ecsguard findings document: {}",
                without_position(&e.to_string())
            );
            TriageError::Source(
                SourceError::at(
                    "ecsguard::baseline",
                    &shown,
                    &text,
                    e.line(),
                    e.column(),
                    message,
                )
                .with_help("a baseline is the output of `ecsguard check --format json`")
                .with_language("json"),
            )
        })?;
        let failures = doc
            .findings
            .into_iter()
            // A waived failure is still a known failure.
            .filter(|f| f.status == "fail" || f.status == "waived")
            .map(|f| BaselineFailure {
                rule: f.rule.id,
                kind: f.resource.kind,
                id: f.resource.id.unwrap_or(f.resource.pointer),
                message: f.message,
            })
            .collect();
        Ok(Baseline {
            path: shown,
            failures,
        })
    }
}

/// New, still-present and fixed failures against a baseline.
#[derive(Default, serde::Serialize, schemars::JsonSchema)]
pub struct BaselineDiff {
    /// The baseline file.
    pub path: String,
    pub new: usize,
    pub existing: usize,
    /// Failures of the baseline that no longer fail: the rule passed the
    /// resource this time, or ran over complete data and the resource is
    /// gone.
    pub fixed: Vec<BaselineFailure>,
    /// Failures of the baseline that this run could not judge again, so
    /// they are not called fixed: the rule is not loaded, not configured or
    /// failed to evaluate; its verdict on the resource is now unknown; or the
    /// resource is missing while some of the rule's data was not collected.
    pub unjudged: Vec<BaselineFailure>,
}

impl BaselineDiff {
    /// "2 new, 5 still present, 1 fixed[, 3 not judged again]", with the
    /// new count passed through `mark` (emphasis in Markdown).
    pub fn tally(&self, mark: impl Fn(String) -> String) -> String {
        let mut text = format!(
            "{}, {} still present, {} fixed",
            mark(format!("{} new", self.new)),
            self.existing,
            self.fixed.len()
        );
        if !self.unjudged.is_empty() {
            text.push_str(&format!(", {} not judged again", self.unjudged.len()));
        }
        text
    }
}

/// Marks each failure new or existing, and lists the baseline's fixed ones.
pub fn apply_baseline(
    evaluation: &mut Evaluation,
    policies: &PolicySet,
    snapshot: &Snapshot,
    baseline: &Baseline,
) -> BaselineDiff {
    let known: HashSet<(String, String, String)> =
        baseline.failures.iter().map(BaselineFailure::key).collect();
    let mut present: HashSet<(String, String, String)> = HashSet::new();
    let mut diff = BaselineDiff {
        path: baseline.path.clone(),
        ..Default::default()
    };
    for f in &mut evaluation.findings {
        let failing =
            f.status == Status::Fail || f.waiver.is_some_and(|w| w.verdict == Status::Fail);
        if !failing {
            continue;
        }
        let key = finding_key(policies, snapshot, f);
        let novelty = if known.contains(&key) {
            Novelty::Existing
        } else {
            Novelty::New
        };
        if f.status == Status::Fail {
            match novelty {
                Novelty::New => diff.new += 1,
                Novelty::Existing => diff.existing += 1,
            }
        }
        f.novelty = Some(novelty);
        present.insert(key);
    }
    // What this run said about each (rule, resource): only a pass, or a
    // resource gone from complete data, fixes a failure. Facts, not the
    // absence of a finding: a rule that did not run fixed nothing.
    let gone: Vec<&BaselineFailure> = baseline
        .failures
        .iter()
        .filter(|b| !present.contains(&b.key()))
        .collect();
    // Only their rules' findings need a key (there is one per resource).
    let asked: HashSet<&str> = gone.iter().map(|b| b.rule.as_str()).collect();
    let mut passed = HashSet::new();
    let mut unknown = HashSet::new();
    let incomplete = rules_not_judging_all(evaluation, policies);
    for f in &evaluation.findings {
        let rule = policies.rules[f.rule].meta.id.as_str();
        if !asked.contains(rule) {
            continue;
        }
        let verdict = f.waiver.map_or(f.status, |w| w.verdict);
        match (f.subject, verdict) {
            (Subject::Resource { .. }, Status::Pass) => {
                passed.insert(finding_key(policies, snapshot, f));
            }
            (Subject::Resource { .. }, Status::Unknown) => {
                unknown.insert(finding_key(policies, snapshot, f));
            }
            _ => {}
        }
    }
    let loaded: HashSet<&str> = policies.rules.iter().map(|r| r.meta.id.as_str()).collect();
    for b in gone {
        let key = b.key();
        let judged_again = passed.contains(&key)
            || (loaded.contains(b.rule.as_str())
                && !incomplete.contains(b.rule.as_str())
                && !unknown.contains(&key));
        if judged_again {
            diff.fixed.push(b.clone());
        } else {
            diff.unjudged.push(b.clone());
        }
    }
    diff
}

/// The ids of the rules that did not judge every resource they would have:
/// not configured, failed to evaluate, or short of data (a failed call or a
/// missing collection). What such a rule did not report may still be there.
fn rules_not_judging_all<'p>(evaluation: &Evaluation, policies: &'p PolicySet) -> HashSet<&'p str> {
    let id = |rule: usize| policies.rules[rule].meta.id.as_str();
    let mut rules: HashSet<&str> = policies
        .not_configured()
        .map(|r| r.meta.id.as_str())
        .collect();
    rules.extend(evaluation.errors.iter().map(|e| id(e.rule)));
    rules.extend(
        evaluation
            .findings
            .iter()
            .filter(|f| !matches!(f.subject, Subject::Resource { .. }))
            .map(|f| id(f.rule)),
    );
    rules
}

fn finding_key(policies: &PolicySet, snapshot: &Snapshot, f: &Finding) -> (String, String, String) {
    (
        policies.rules[f.rule].meta.id.clone(),
        crate::report::subject_kind(snapshot, f).to_string(),
        resource_id(snapshot, f),
    )
}
