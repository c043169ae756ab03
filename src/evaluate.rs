//! Judging: every rule against every resource of its type, with the
//! tri-state outcome pass / fail / unknown.
//!
//! A rule says what fails (`deny`) and what it cannot judge (`unknown`);
//! everything else of its `resource_type` passes — unless the data the rule
//! needs was not collected for that resource's region, which the engine
//! decides from `collection_errors`, absent collections and the rule's
//! `requires`, so no rule can pass a resource silently on missing data.
//!
//! A rule that needs a parameter the user has not set (`custom.needs_params`:
//! an allowlist, a threshold with no sensible default) is not evaluated at
//! all: it yields no finding, neither pass nor unknown, and the reports list
//! it as not configured ([`PolicySet::not_configured`]).

use std::collections::HashMap;

use regorus::{Engine, Value};

use crate::policy::{rego, PolicySet, Rule};
use crate::snapshot::{locate, KindIndex, ResourceKind, Snapshot, KINDS};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Unknown,
    /// A fail or unknown verdict accepted by a waiver (`--waivers`).
    Waived,
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A resource: index into `Snapshot::kinds` and into that kind's resources.
    Resource { kind: usize, index: usize },
    /// An entry of `collection_errors`: a region/action whose data is missing.
    CollectionError(usize),
    /// A collection absent from the snapshot, or from one scaling group.
    MissingCollection { kind: usize, parent: Option<usize> },
}

/// Which definition of the rule produced a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The `n`th `deny` definition.
    Deny(usize),
    /// The `n`th `unknown` definition.
    Unknown(usize),
    /// The engine (pass, or data not collected).
    Engine,
}

/// One judged (rule, resource) pair.
pub struct Finding {
    /// Index into `PolicySet::rules`.
    pub rule: usize,
    pub status: Status,
    pub subject: Subject,
    /// The pointer the rule gave, when it points inside the resource.
    pub field: Option<String>,
    pub message: Option<String>,
    pub origin: Origin,
    /// Set by triage when a waiver accepted this finding.
    pub waiver: Option<crate::triage::Waived>,
    /// Set by triage when comparing with a baseline: whether a failure is new.
    pub novelty: Option<crate::triage::Novelty>,
}

/// A rule that could not be evaluated; its resources are not judged.
#[derive(Debug)]
pub struct RuleError {
    pub rule: usize,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub struct Evaluation {
    pub findings: Vec<Finding>,
    pub errors: Vec<RuleError>,
}

/// Evaluates every rule of `policies` against `snapshot`, spreading rules
/// over `threads` engines that share the one parsed input.
pub fn evaluate(
    policies: &PolicySet,
    snapshot: &Snapshot,
    now_ns: i64,
    now: &str,
    threads: usize,
    timings: bool,
) -> Evaluation {
    let mut engine = policies.judge_with_data(now_ns, now);
    engine.set_input(snapshot.value.clone());
    // The engine analyses the policies on its first query; done here, before
    // the per-thread clones, it is done once rather than once per thread.
    let _ = engine.eval_query("true".into(), false);
    // Rules over the largest collections first: a long rule picked up last
    // would leave the other threads idle while it runs. Rules that are not
    // configured are left out.
    let mut order: Vec<usize> = (0..policies.rules.len())
        .filter(|&i| policies.rules[i].configured())
        .collect();
    order.sort_by_key(|&i| {
        let kind = kind_position(policies.rules[i].meta.kind);
        std::cmp::Reverse(snapshot.kinds[kind].resources.len())
    });
    let batches = batches(policies, &order, threads);
    let results = crate::cores::map_with(
        &batches,
        threads,
        || engine.clone(),
        |engine, batch| {
            let started = std::time::Instant::now();
            let judged = judge_batch(engine, batch, policies, snapshot, timings);
            if timings {
                eprintln!(
                    "timing: rule {}: {:.3}s",
                    ids(batch.iter().map(|&i| &policies.rules[i])),
                    started.elapsed().as_secs_f64()
                );
            }
            judged
        },
    );
    let mut results: Vec<_> = results.into_iter().flatten().collect();
    results.sort_by_key(|(i, _)| *i);
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for (_, result) in results {
        match result {
            Ok(f) => findings.extend(f),
            Err(e) => errors.push(e),
        }
    }
    Evaluation { findings, errors }
}

fn kind_position(kind: &ResourceKind) -> usize {
    KINDS
        .iter()
        .position(|k| std::ptr::eq(k, kind))
        .expect("kind is registered")
}

struct Verdict {
    status: Status,
    message: Option<String>,
    field: Option<String>,
    origin: Origin,
}

/// Rules judged together, in one query: those that read the same library
/// rules, which the query then computes once (building the application
/// groups of three rules was most of what each cost), or a rule alone. In
/// `order`'s order, each batch where its first rule was. On more than one
/// thread a batch holds at most a share of the rules (or four), so that a
/// library every rule reads (a user's, say) still leaves the threads work
/// to share.
fn batches(policies: &PolicySet, order: &[usize], threads: usize) -> Vec<Vec<usize>> {
    let most = match threads {
        0 | 1 => usize::MAX,
        _ => order.len().div_ceil(threads * 2).max(4),
    };
    // Rules joined through the libraries they read, transitively (one rule
    // reading two libraries joins their readers): each group's first rule
    // in `order` stands for the group.
    let mut group: Vec<usize> = (0..order.len()).collect();
    fn root(group: &mut [usize], mut at: usize) -> usize {
        while group[at] != at {
            group[at] = group[group[at]];
            at = group[at];
        }
        at
    }
    let mut reader: HashMap<&str, usize> = HashMap::new();
    for (at, &i) in order.iter().enumerate() {
        for lib in &policies.rules[i].libraries {
            let other = *reader.entry(lib.as_str()).or_insert(at);
            let (a, b) = (root(&mut group, at), root(&mut group, other));
            group[a.max(b)] = a.min(b);
        }
    }
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut open: HashMap<usize, usize> = HashMap::new();
    for (at, &i) in order.iter().enumerate() {
        let g = root(&mut group, at);
        match open.get(&g) {
            Some(&b) if batches[b].len() < most => batches[b].push(i),
            _ => {
                open.insert(g, batches.len());
                batches.push(vec![i]);
            }
        }
    }
    batches
}

/// "ECS-006 + ECS-030": the ids of a batch's rules, for `--timings`.
fn ids<'r>(rules: impl Iterator<Item = &'r Rule>) -> String {
    rules
        .map(|r| r.meta.id.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Whether a rule is queried at all: not when the collection it judges is
/// missing from the snapshot, which makes its one finding.
fn queried(rule: &Rule, snapshot: &Snapshot) -> bool {
    snapshot.kinds[kind_position(rule.meta.kind)].collected
}

/// Judges the rules of `batch` with one query for all their definitions.
/// If that query fails, each rule is queried alone, so that the error is
/// the failing rule's and the others are judged; `--timings` says so, as
/// the libraries are then computed once per rule again.
fn judge_batch(
    engine: &mut Engine,
    batch: &[usize],
    policies: &PolicySet,
    snapshot: &Snapshot,
    timings: bool,
) -> Vec<(usize, Result<Vec<Finding>, RuleError>)> {
    let asked: Vec<usize> = batch
        .iter()
        .copied()
        .filter(|&i| queried(&policies.rules[i], snapshot))
        .collect();
    let mut together = match asked.len() {
        0 | 1 => None,
        _ => {
            let rules: Vec<&Rule> = asked.iter().map(|&i| &policies.rules[i]).collect();
            definition_values(engine, &rules)
                .inspect_err(|e| {
                    if timings {
                        let why = e
                            .as_ref()
                            .map_or("no value".into(), |e| rego::split_error(e).message);
                        eprintln!(
                            "timing: rules {} queried one by one: {why}",
                            ids(rules.iter().copied())
                        );
                    }
                })
                .ok()
        }
    }
    .map(Vec::into_iter);
    batch
        .iter()
        .map(|&i| {
            let rule = &policies.rules[i];
            let values = queried(rule, snapshot).then(|| match together.as_mut() {
                Some(values) => Ok(values.next().expect("a value per queried rule")),
                None => definition_values(engine, &[rule])
                    .map(|mut v| v.remove(0))
                    .map_err(|e| match e {
                        Some(e) => runtime_error(i, rule, e),
                        None => RuleError {
                            rule: i,
                            file: rule.file.clone(),
                            line: rule.line(),
                            column: 1,
                            message: "the rule's definitions produced no value".into(),
                        },
                    }),
            });
            (i, judge(i, rule, snapshot, values))
        })
        .collect()
}

/// The values of the definitions of `rules` (each rule's `deny` ones, then
/// its `unknown` ones) from one query: helper rules, the package's and the
/// libraries', are computed once. `None` when the query has no value.
fn definition_values(
    engine: &mut Engine,
    rules: &[&Rule],
) -> Result<Vec<Vec<Value>>, Option<anyhow::Error>> {
    let paths: Vec<Vec<String>> = rules.iter().map(|r| r.definition_paths()).collect();
    // One path a line: regorus refuses lines over 1,024 columns.
    let query = format!(
        "[\n{}\n]",
        paths
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let results = engine.eval_query(query, false).map_err(Some)?;
    let Some(Value::Array(all)) = results
        .result
        .first()
        .and_then(|r| r.expressions.first())
        .map(|e| &e.value)
    else {
        return Err(None);
    };
    if all.len() != paths.iter().map(Vec::len).sum::<usize>() {
        return Err(None);
    }
    let mut all = all.iter().cloned();
    Ok(paths
        .iter()
        .map(|p| all.by_ref().take(p.len()).collect())
        .collect())
}

/// Turns the values of `rule`'s definitions into a finding per resource;
/// `values` is `None` when the rule was not queried (see [`queried`]).
fn judge(
    rule_index: usize,
    rule: &Rule,
    snapshot: &Snapshot,
    values: Option<Result<Vec<Value>, RuleError>>,
) -> Result<Vec<Finding>, RuleError> {
    let kind_at = kind_position(rule.meta.kind);
    let own = &snapshot.kinds[kind_at];
    let mut findings = Vec::new();
    let engine_unknown = |subject, message: String| Finding {
        rule: rule_index,
        status: Status::Unknown,
        subject,
        field: None,
        message: Some(message),
        origin: Origin::Engine,
        waiver: None,
        novelty: None,
    };

    // Data the rule judges that is missing altogether.
    if !own.collected {
        findings.push(engine_unknown(
            Subject::MissingCollection {
                kind: kind_at,
                parent: None,
            },
            format!(
                "the snapshot has no `{}` collection (not collected): no {} was judged",
                own.kind.collection, own.kind.name
            ),
        ));
        return Ok(findings);
    }
    for &g in &own.missing_in_parents {
        findings.push(engine_unknown(
            Subject::MissingCollection {
                kind: kind_at,
                parent: Some(g),
            },
            format!(
                "`{}` of scaling group {} were not collected",
                own.kind.collection,
                group_id(snapshot, g)
            ),
        ));
    }
    for (ci, ce) in snapshot.collection_errors.iter().enumerate() {
        if feeds(own.kind, &ce.product, &ce.action) {
            findings.push(engine_unknown(
                Subject::CollectionError(ci),
                format!(
                    "{} {} failed in {} ({}: {}): {} there may be missing and were not all judged",
                    ce.product, ce.action, ce.region, ce.code, ce.message, own.kind.collection
                ),
            ));
        }
    }

    let mut verdicts: Vec<Verdict> = (0..own.resources.len())
        .map(|_| Verdict {
            status: Status::Pass,
            message: None,
            field: None,
            origin: Origin::Engine,
        })
        .collect();
    let gaps = Gaps::of(rule, snapshot);
    for (ri, verdict) in verdicts.iter_mut().enumerate() {
        if let Some(reason) = gaps.reason(own, ri) {
            verdict.status = Status::Unknown;
            verdict.message = Some(reason);
        }
    }

    let nested_index = nested_positions(own);
    let error_at = |def: Option<&rego::Definition>, message: String| RuleError {
        rule: rule_index,
        file: def.map_or(rule.file.clone(), |d| d.file.clone()),
        line: def.map_or(rule.line(), |d| d.line),
        column: def.map_or(1, |d| d.column),
        message,
    };
    let values = values.expect("a rule whose collection is there is queried")?;
    let (deny_values, unknown_values) = values.split_at(rule.deny.len());
    for (name, defs, produced) in [
        ("unknown", &rule.unknown, unknown_values),
        ("deny", &rule.deny, deny_values),
    ] {
        let produced = produced.iter().enumerate();
        for (d, value) in produced {
            let items = match value {
                Value::Undefined | Value::Null => continue,
                Value::Set(s) => s.iter().cloned().collect::<Vec<_>>(),
                Value::Array(a) => a.iter().cloned().collect(),
                other => {
                    return Err(error_at(
                        defs.get(d),
                        format!(
                        "`{name}` must be a set of {{\"pointer\", \"msg\"}} objects, got {other}"
                    ),
                    ))
                }
            };
            for item in items {
                let (pointer, msg) = match (item.index_str("pointer"), item.index_str("msg")) {
                    (Value::String(p), Value::String(m)) => (p.to_string(), m.to_string()),
                    _ => {
                        return Err(error_at(
                            defs.get(d),
                            format!("`{name}` produced {item}: each finding must be an object with string fields \"pointer\" and \"msg\""),
                        ))
                    }
                };
                let Some((ri, field)) = resolve(&pointer, own, &nested_index) else {
                    return Err(error_at(
                        defs.get(d),
                        format!(
                            "`{name}` points at \"{pointer}\", which is not a {} in the snapshot (expected {})",
                            own.kind.name,
                            pointer_shape(own.kind)
                        ),
                    ));
                };
                // `unknown` is read first, then `deny`: a fact that fails
                // outranks a missing one; two findings for one resource join.
                let v = &mut verdicts[ri];
                let fail = name == "deny";
                if !fail && v.status == Status::Unknown && v.origin == Origin::Engine {
                    // Data the rule requires was not collected: that is the
                    // cause; a missing record is only its symptom.
                    continue;
                }
                let same = if fail {
                    v.status == Status::Fail
                } else {
                    matches!(v.origin, Origin::Unknown(_))
                };
                if same {
                    if v.message.as_deref() != Some(msg.as_str()) {
                        v.message =
                            Some(format!("{}; {msg}", v.message.take().unwrap_or_default()));
                    }
                } else {
                    let (status, origin) = if fail {
                        (Status::Fail, Origin::Deny(d))
                    } else {
                        (Status::Unknown, Origin::Unknown(d))
                    };
                    *v = Verdict {
                        status,
                        message: Some(msg),
                        field,
                        origin,
                    };
                }
            }
        }
    }
    findings.extend(verdicts.into_iter().enumerate().map(|(index, v)| Finding {
        rule: rule_index,
        status: v.status,
        subject: Subject::Resource {
            kind: kind_at,
            index,
        },
        field: v.field,
        message: v.message,
        origin: v.origin,
        waiver: None,
        novelty: None,
    }));
    Ok(findings)
}

fn runtime_error(rule_index: usize, rule: &Rule, e: anyhow::Error) -> RuleError {
    let e = rego::split_error(&e);
    RuleError {
        rule: rule_index,
        file: e.file.unwrap_or_else(|| rule.file.clone()),
        line: if e.line == 0 { rule.line() } else { e.line },
        column: e.column.max(1),
        message: e.message,
    }
}

/// Whether the API call (product, action) fills collections of `kind`.
fn feeds(kind: &ResourceKind, product: &str, action: &str) -> bool {
    kind.sources
        .iter()
        .any(|(p, a)| p.eq_ignore_ascii_case(product) && *a == action)
}

fn group_id(snapshot: &Snapshot, g: usize) -> String {
    snapshot
        .scaling_groups()
        .resources
        .get(g)
        .map_or_else(|| format!("#{g}"), |r| r.id.clone())
}

/// Where the collections a rule `requires` are missing, worked out once per
/// rule so judging a resource is a few lookups.
struct Gaps<'s> {
    /// A required collection absent from the whole snapshot.
    absent: Option<String>,
    /// Per region: the first failed call that fed a required collection.
    failed: HashMap<&'s str, String>,
    /// Required nested collections missing per scaling group: group index →
    /// collection. Only that group and what it holds are affected; a rule
    /// that reads another group's nested data sees the gap in its input and
    /// says `unknown` itself where its verdict depends on it.
    groups: HashMap<usize, &'static str>,
}

impl<'s> Gaps<'s> {
    fn of(rule: &Rule, snapshot: &'s Snapshot) -> Gaps<'s> {
        let mut gaps = Gaps {
            absent: None,
            failed: HashMap::new(),
            groups: HashMap::new(),
        };
        for req in &rule.meta.requires {
            let needed = snapshot.kind_index(req);
            if !needed.collected {
                gaps.absent.get_or_insert_with(|| {
                    format!(
                        "needs `{}`, which the snapshot does not hold (not collected)",
                        req.collection
                    )
                });
            }
            for ce in snapshot
                .collection_errors
                .iter()
                .filter(|ce| feeds(req, &ce.product, &ce.action))
            {
                gaps.failed.entry(ce.region.as_str()).or_insert_with(|| {
                    format!(
                        "needs `{}`, which is incomplete in {}: {} {} failed ({}: {})",
                        req.collection, ce.region, ce.product, ce.action, ce.code, ce.message
                    )
                });
            }
            for &g in &needed.missing_in_parents {
                gaps.groups.entry(g).or_insert(req.collection);
            }
        }
        gaps
    }

    /// Why resource `ri` of `own` cannot be judged, if it cannot.
    fn reason(&self, own: &KindIndex, ri: usize) -> Option<String> {
        if let Some(absent) = &self.absent {
            return Some(absent.clone());
        }
        let res = &own.resources[ri];
        if let Some(failed) = self.failed.get(res.region.as_str()) {
            return Some(failed.clone());
        }
        // The scaling group this resource belongs to (or is), if any.
        let owner = match own.kind.parent {
            Some(_) => res.parent,
            None if own.kind.name == "scaling_group" => Some(ri),
            None => None,
        };
        owner
            .and_then(|g| self.groups.get(&g))
            .map(|c| format!("needs `{c}`, which was not collected for this scaling group"))
    }
}

/// For nested kinds: (parent, position in parent) → resource index.
fn nested_positions(own: &KindIndex) -> HashMap<(usize, usize), usize> {
    if own.kind.parent.is_none() {
        return HashMap::new();
    }
    let mut seen: HashMap<usize, usize> = HashMap::new();
    own.resources
        .iter()
        .enumerate()
        .map(|(ri, r)| {
            let parent = r.parent.unwrap_or(0);
            let n = seen.entry(parent).or_insert(0);
            let key = (parent, *n);
            *n += 1;
            (key, ri)
        })
        .collect()
}

fn pointer_shape(kind: &ResourceKind) -> String {
    match kind.parent {
        None => format!("/{}/N or a field inside it", kind.collection),
        Some(p) => format!("/{p}/G/{}/N or a field inside it", kind.collection),
    }
}

/// The resource a rule's pointer designates, and the pointer itself when it
/// goes deeper than the resource.
fn resolve(
    pointer: &str,
    own: &KindIndex,
    nested: &HashMap<(usize, usize), usize>,
) -> Option<(usize, Option<String>)> {
    let tokens = locate::pointer_tokens(pointer)?;
    let (ri, depth) = match own.kind.parent {
        None => {
            if tokens.first()? != own.kind.collection {
                return None;
            }
            let i: usize = tokens.get(1)?.parse().ok()?;
            (i, 2)
        }
        Some(parent) => {
            if tokens.first()? != parent || tokens.get(2)? != own.kind.collection {
                return None;
            }
            let g: usize = tokens.get(1)?.parse().ok()?;
            let n: usize = tokens.get(3)?.parse().ok()?;
            (*nested.get(&(g, n))?, 4)
        }
    };
    if ri >= own.resources.len() {
        return None;
    }
    Some((ri, (tokens.len() > depth).then(|| pointer.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::test_support::{denying, load};

    /// Many rules with long package names make a query far wider than the
    /// 1,024 columns regorus reads on a line: it must still be one query
    /// (a failed one would fall back to a query per rule, silently
    /// computing the libraries once per rule again).
    #[test]
    fn a_batch_of_many_rules_is_one_query() {
        let mut files = vec![(
            "lib.rego".to_string(),
            "package lib.shared\n\ncount_all := count(input.instances)\n".to_string(),
        )];
        for n in 0..20 {
            let package = format!("rules.with_a_rather_long_package_name_number_{n}");
            let condition = format!("data.lib.shared.count_all > {n}");
            files.push((
                format!("r{n:02}.rego"),
                denying(&package, &format!("T-{n:03}"), &condition),
            ));
        }
        let policies = load("batch", &files);
        let order: Vec<usize> = (0..policies.rules.len()).collect();
        assert_eq!(batches(&policies, &order, 1), vec![order]);
        let rules: Vec<&Rule> = policies.rules.iter().collect();
        let width: usize = rules
            .iter()
            .map(|r| r.definition_paths().join(", ").len())
            .sum();
        assert!(width > 1_024, "{width}");
        let mut engine = policies.judge_with_data(0, "1970-01-01T00:00:00Z");
        engine.set_input(regorus::Value::from_json_str(r#"{"instances": [1, 2, 3]}"#).unwrap());
        let values = definition_values(&mut engine, &rules).unwrap_or_else(|e| panic!("{e:?}"));
        let denied: Vec<usize> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| matches!(&v[0], Value::Set(s) if !s.is_empty()))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(denied, [0, 1, 2]);
    }

    /// Rules reading one library share a batch, up to a share of the rules
    /// when there are threads to keep busy; the others stay alone.
    #[test]
    fn batches_join_the_readers_of_a_library() {
        let mut files = vec![
            (
                "a.rego".to_string(),
                "package lib.a\n\nx := 1\n".to_string(),
            ),
            (
                "b.rego".to_string(),
                "package lib.b\n\ny := 1\n".to_string(),
            ),
        ];
        // Rule n reads: 0 lib.a, 1 nothing, 2 lib.a and lib.b, 3..=9 lib.b.
        for n in 0..10 {
            let reads = match n {
                0 => "data.lib.a.x == 1",
                1 => "true",
                2 => "data.lib.a.x == data.lib.b.y",
                _ => "data.lib.b.y == 1",
            };
            files.push((
                format!("r{n}.rego"),
                denying(&format!("rules.r{n}"), &format!("T-{n:03}"), reads),
            ));
        }
        let policies = load("batches", &files);
        let order: Vec<usize> = (0..10).collect();
        assert_eq!(
            batches(&policies, &order, 1),
            [vec![0, 2, 3, 4, 5, 6, 7, 8, 9], vec![1]]
        );
        // Two threads: at most max(10 / 4, 4) = 4 rules a batch.
        assert_eq!(
            batches(&policies, &order, 2),
            [vec![0, 2, 3, 4], vec![1], vec![5, 6, 7, 8], vec![9]]
        );
    }
}
