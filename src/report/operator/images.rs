//! Patch and image compliance: how old the images are, which are
//! deprecated or on an end-of-life OS, and whether Cloud Assistant and OOS
//! patching reach the instances.

use std::collections::BTreeMap;

use regorus::Value;

use super::fields::{days_between, flag, int, text, time_ns};
use super::model::{Context, FindingRow, NOT_RECORDED};
use crate::evaluate::Status;

pub struct ImageCompliance {
    /// ECS-001's threshold (`params.image_age.max_age_days`).
    pub max_age_days: Option<i64>,
    /// Instances per image age band.
    pub age_bands: Vec<AgeBand>,
    /// Every image some instance or active scaling configuration uses.
    pub in_use: Vec<ImageRow>,
    pub end_of_life: EndOfLife,
    pub cloud_assistant: Vec<AgentCoverage>,
    /// ECS-017's threshold (`params.cloud_assistant_heartbeat.max_hours`).
    pub heartbeat_max_hours: Option<i64>,
    pub patches: Patches,
}

pub struct AgeBand {
    pub label: String,
    /// Lower bound in days; `None` for instances whose image age is unknown.
    pub from_days: Option<i64>,
    pub instances: usize,
}

pub struct ImageRow {
    pub id: String,
    pub name: String,
    pub os: String,
    /// `None` when the image is not in the snapshot's `images`.
    pub status: Option<String>,
    pub owner: String,
    pub age_days: Option<i64>,
    pub instances: usize,
    /// Active scaling configurations that launch it.
    pub configurations: usize,
}

impl ImageRow {
    /// Deprecated, unavailable or otherwise not `Available` (a snapshot fact).
    pub fn not_available(&self) -> bool {
        self.status.as_deref().is_some_and(|s| s != "Available")
    }
}

/// What the end-of-life OS rules decided (their findings are the one
/// source of truth for which OS is end of life).
pub struct EndOfLife {
    /// The ids of the rules that judge end-of-life operating systems; empty
    /// when the policy set has none.
    pub rules: Vec<String>,
    pub failing: Vec<FindingRow>,
    pub passed: usize,
    pub unknown: usize,
}

/// Cloud Assistant reach among one region's running instances.
pub struct AgentCoverage {
    pub region: String,
    pub running_instances: usize,
    pub agent_running: usize,
    pub agent_not_running: usize,
    pub no_record: usize,
    /// Instances without a record where the status was not collected.
    pub unverified: usize,
    /// Agents reported running whose last heartbeat is older than the limit.
    pub stale: usize,
    /// Cloud Assistant status was not collected in this region.
    pub not_collected: bool,
}

pub struct Patches {
    /// False when `patch_states` is absent from the snapshot.
    pub collected: bool,
    pub regions_not_collected: Vec<String>,
    pub instances_with_state: usize,
    pub missing: usize,
    pub failed: usize,
    pub pending_reboot: usize,
    /// Running instances with no patch state, in regions where states were collected.
    pub running_without_state: usize,
    /// The oldest patch scan or install among the states.
    pub oldest_operation: Option<(String, String)>,
    /// Instances with missing or failed patches, most missing first.
    pub attention: Vec<PatchRow>,
}

pub struct PatchRow {
    pub instance: String,
    pub region: String,
    pub missing: i64,
    pub failed: i64,
    pub pending_reboot: i64,
    pub last_operation: String,
}

/// Age band edges in days (the last band is open).
const BAND_EDGES: [i64; 5] = [0, 30, 90, 180, 365];

/// Whether a rule judges end-of-life operating systems: by convention its
/// package (and its `params` key) names it (`…os_eol`, `…end_of_life`).
pub fn is_end_of_life_rule(package: &str) -> bool {
    let last = package.rsplit('.').next().unwrap_or(package);
    last.contains("eol") || last.contains("end_of_life")
}

pub fn build(ctx: &Context) -> ImageCompliance {
    let images = ctx.collection("images").unwrap_or_default();
    let by_id: BTreeMap<&str, &Value> = images
        .iter()
        .filter_map(|i| Some((text(i, "ImageId")?, *i)))
        .collect();
    let age_of =
        |image: &Value| time_ns(image, "CreationTime").map(|t| days_between(t, ctx.now_ns));
    let instances = ctx.instances();

    let mut age_bands: Vec<AgeBand> = BAND_EDGES
        .iter()
        .enumerate()
        .map(|(i, &from)| AgeBand {
            label: match BAND_EDGES.get(i + 1) {
                Some(to) => format!("{from}–{} days", to - 1),
                None => format!("{from}+ days"),
            },
            from_days: Some(from),
            instances: 0,
        })
        .collect();
    age_bands.push(AgeBand {
        label: "age unknown".into(),
        from_days: None,
        instances: 0,
    });
    for inst in &instances {
        let age = text(inst, "ImageId")
            .and_then(|id| by_id.get(id))
            .and_then(|img| age_of(img));
        let band = match age {
            Some(days) => BAND_EDGES
                .iter()
                .rposition(|&edge| days >= edge)
                .unwrap_or(0),
            None => BAND_EDGES.len(),
        };
        age_bands[band].instances += 1;
    }

    let mut use_count: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for inst in &instances {
        if let Some(id) = text(inst, "ImageId") {
            use_count.entry(id).or_default().0 += 1;
        }
    }
    for g in ctx.collection("scaling_groups").unwrap_or_default() {
        if let Some(id) = super::scaling::active_configuration(g).and_then(|c| text(c, "ImageId")) {
            use_count.entry(id).or_default().1 += 1;
        }
    }
    let mut in_use: Vec<ImageRow> = use_count
        .into_iter()
        .map(|(id, (instances, configurations))| {
            let image = by_id.get(id);
            let field = |f: &str| {
                image
                    .and_then(|i| text(i, f))
                    .unwrap_or(NOT_RECORDED)
                    .to_string()
            };
            ImageRow {
                id: id.to_string(),
                name: field("ImageName"),
                os: field("OSName"),
                status: image.and_then(|i| text(i, "Status")).map(str::to_string),
                owner: field("ImageOwnerAlias"),
                age_days: image.and_then(|i| age_of(i)),
                instances,
                configurations,
            }
        })
        .collect();
    in_use.sort_by(|a, b| {
        b.instances
            .cmp(&a.instances)
            .then(b.configurations.cmp(&a.configurations))
            .then(a.id.cmp(&b.id))
    });

    ImageCompliance {
        max_age_days: ctx
            .param("image_age", "max_age_days")
            .and_then(|v| v.as_i64()),
        age_bands,
        in_use,
        end_of_life: end_of_life(ctx),
        heartbeat_max_hours: ctx
            .param("cloud_assistant_heartbeat", "max_hours")
            .and_then(|v| v.as_i64()),
        cloud_assistant: cloud_assistant(ctx),
        patches: patches(ctx),
    }
}

fn end_of_life(ctx: &Context) -> EndOfLife {
    let policies = ctx.outcome.policies;
    let rules: Vec<usize> = (0..policies.rules.len())
        .filter(|&i| is_end_of_life_rule(&policies.rules[i].package))
        .collect();
    let of_rules = |status: Status| {
        ctx.findings()
            .filter(|f| f.status == status && rules.contains(&f.rule))
            .collect::<Vec<_>>()
    };
    EndOfLife {
        rules: rules
            .iter()
            .map(|&i| policies.rules[i].meta.id.clone())
            .collect(),
        failing: ctx
            .urgent_first(of_rules(Status::Fail))
            .into_iter()
            .map(|f| ctx.row(f))
            .collect(),
        passed: of_rules(Status::Pass).len(),
        unknown: of_rules(Status::Unknown).len(),
    }
}

fn cloud_assistant(ctx: &Context) -> Vec<AgentCoverage> {
    let max_ns = ctx
        .param("cloud_assistant_heartbeat", "max_hours")
        .and_then(|v| v.as_i64())
        .map(|h| h * 3_600_000_000_000);
    let agents: BTreeMap<&str, &Value> = ctx
        .collection("cloud_assistant")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| Some((text(a, "InstanceId")?, a)))
        .collect();
    let mut regions: BTreeMap<String, AgentCoverage> = BTreeMap::new();
    for inst in ctx.instances() {
        if text(inst, "Status") != Some("Running") {
            continue;
        }
        let region = text(inst, "RegionId").unwrap_or(NOT_RECORDED).to_string();
        let row = regions
            .entry(region.clone())
            .or_insert_with(|| AgentCoverage {
                not_collected: ctx.not_collected_in("cloud_assistant", &region),
                region,
                running_instances: 0,
                agent_running: 0,
                agent_not_running: 0,
                no_record: 0,
                unverified: 0,
                stale: 0,
            });
        row.running_instances += 1;
        let agent = text(inst, "InstanceId").and_then(|id| agents.get(id));
        match agent.map(|a| (flag(a, "CloudAssistantStatus"), a)) {
            Some((Some(true), a)) => {
                row.agent_running += 1;
                let silent = time_ns(a, "LastHeartbeatTime")
                    .zip(max_ns)
                    .is_some_and(|(beat, max)| ctx.now_ns - beat > max);
                row.stale += usize::from(silent);
            }
            Some((Some(false), _)) => row.agent_not_running += 1,
            _ if row.not_collected => row.unverified += 1,
            _ => row.no_record += 1,
        }
    }
    regions.into_values().collect()
}

fn patches(ctx: &Context) -> Patches {
    let states = ctx.collection("patch_states");
    let collected = states.is_some();
    let states = states.unwrap_or_default();
    let mut regions: Vec<String> = ctx.outcome.snapshot.regions.clone();
    regions.retain(|r| ctx.not_collected_in("patch_states", r));
    let with_state: std::collections::BTreeSet<&str> = states
        .iter()
        .filter_map(|s| text(s, "InstanceId"))
        .collect();
    let running_without_state = ctx
        .instances()
        .into_iter()
        .filter(|i| text(i, "Status") == Some("Running"))
        .filter(|i| {
            !regions
                .iter()
                .any(|r| Some(r.as_str()) == text(i, "RegionId"))
        })
        .filter(|i| text(i, "InstanceId").is_none_or(|id| !with_state.contains(id)))
        .count();
    let count = |field: &str| int_states(&states, field).filter(|&n| n > 0).count();
    let last_operation = |s: &Value| {
        text(s, "OperationEndTime")
            .or_else(|| text(s, "OperationStartTime"))
            .unwrap_or(NOT_RECORDED)
            .to_string()
    };
    let oldest_operation = states
        .iter()
        .filter_map(|s| {
            let t = time_ns(s, "OperationEndTime").or_else(|| time_ns(s, "OperationStartTime"))?;
            Some((t, s))
        })
        .min_by_key(|(t, _)| *t)
        .map(|(_, s)| {
            (
                text(s, "InstanceId").unwrap_or(NOT_RECORDED).to_string(),
                last_operation(s),
            )
        });
    let mut attention: Vec<PatchRow> = states
        .iter()
        .map(|s| PatchRow {
            instance: text(s, "InstanceId").unwrap_or(NOT_RECORDED).to_string(),
            region: text(s, "RegionId").unwrap_or(NOT_RECORDED).to_string(),
            missing: int(s, "MissingCount").unwrap_or(0),
            failed: int(s, "FailedCount").unwrap_or(0),
            pending_reboot: int(s, "InstalledPendingRebootCount").unwrap_or(0),
            last_operation: last_operation(s),
        })
        .filter(|r| r.missing > 0 || r.failed > 0)
        .collect();
    attention.sort_by(|a, b| {
        (b.failed, b.missing)
            .cmp(&(a.failed, a.missing))
            .then_with(|| a.instance.cmp(&b.instance))
    });
    Patches {
        collected,
        regions_not_collected: regions,
        instances_with_state: with_state.len(),
        missing: count("MissingCount"),
        failed: count("FailedCount"),
        pending_reboot: count("InstalledPendingRebootCount"),
        running_without_state,
        oldest_operation,
        attention,
    }
}

fn int_states<'s>(states: &'s [&Value], field: &'s str) -> impl Iterator<Item = i64> + 's {
    states.iter().filter_map(move |s| int(s, field))
}
