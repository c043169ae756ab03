//! Spot risk: how much capacity can be reclaimed, what replaces it, and
//! what is being reclaimed now.

use std::collections::BTreeSet;

use super::fields::{is_spot_strategy, items, list, text};
use super::model::{Context, NOT_RECORDED};
use super::scaling::GroupReport;

pub struct SpotRisk {
    pub groups: Vec<GroupSpotRow>,
    pub spot_instances: usize,
    pub instances: usize,
    /// Summed over the scaling groups.
    pub group_spot_capacity: i64,
    pub group_total_capacity: i64,
    pub reclaiming: Vec<Reclaim>,
    pub standalone: Vec<StandaloneSpot>,
}

pub struct GroupSpotRow {
    /// Index into the report's scaling groups.
    pub group: usize,
    pub name: String,
    pub uses_spot: bool,
    pub spot_capacity: Option<i64>,
    pub total_capacity: Option<i64>,
    pub share: Option<f64>,
    pub remedy: Option<bool>,
    pub compensate: Option<bool>,
    /// An active SCALE_IN hook; `None` when hooks were not collected.
    pub scale_in_hook: Option<bool>,
    pub instance_types: usize,
}

impl GroupSpotRow {
    /// A spot group whose configuration offers one instance type: one
    /// pool's reclaim or stock-out takes all of its spot capacity.
    pub fn single_type(&self) -> bool {
        self.uses_spot && self.instance_types < 2
    }

    /// What a spot group lacks among remedy, compensation and a scale-in hook.
    pub fn missing_protections(&self) -> Vec<&'static str> {
        if !self.uses_spot {
            return Vec::new();
        }
        let mut missing = Vec::new();
        if self.remedy != Some(true) {
            missing.push("SpotInstanceRemedy");
        }
        if self.compensate != Some(true) {
            missing.push("CompensateWithOnDemand");
        }
        if self.scale_in_hook != Some(true) {
            missing.push("scale-in hook");
        }
        missing
    }
}

pub struct Reclaim {
    pub instance: String,
    pub name: String,
    pub region: String,
    pub zone: String,
    /// What says so: the operation lock or the system event.
    pub evidence: String,
}

pub struct StandaloneSpot {
    pub instance: String,
    pub name: String,
    pub region: String,
    pub zone: String,
    pub strategy: String,
    /// Some scaling group of its region has no member list in the
    /// snapshot, so membership is not verified.
    pub membership_unverified: bool,
}

/// Event cycle states of an event that has not yet been carried out.
const OPEN_EVENT: [&str; 3] = ["Scheduled", "Executing", "Inquiring"];

pub fn build(ctx: &Context, groups: &[GroupReport]) -> SpotRisk {
    let instances = ctx.instances();
    let field = |v: &regorus::Value, f: &str| text(v, f).unwrap_or(NOT_RECORDED).to_string();
    let rows: Vec<GroupSpotRow> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupSpotRow {
            group: i,
            name: g.name.clone(),
            uses_spot: g.spot.uses_spot(),
            spot_capacity: g.spot.spot_capacity,
            total_capacity: g.spot.total_capacity,
            share: g.spot.share(),
            remedy: g.spot.remedy,
            compensate: g.spot.compensate,
            scale_in_hook: g
                .hooks
                .as_ref()
                .map(|h| h.iter().any(|h| h.active && h.transition == "SCALE_IN")),
            instance_types: g.spot.instance_types.len(),
        })
        .collect();

    let mut reclaiming: Vec<Reclaim> = Vec::new();
    for inst in &instances {
        let locked = items(inst, "OperationLocks")
            .into_iter()
            .any(|l| text(l, "LockReason") == Some("Recycling"));
        if locked {
            reclaiming.push(Reclaim {
                instance: field(inst, "InstanceId"),
                name: field(inst, "InstanceName"),
                region: field(inst, "RegionId"),
                zone: field(inst, "ZoneId"),
                evidence: "OperationLocks: Recycling".into(),
            });
        }
    }
    for event in ctx.collection("instance_events").unwrap_or_default() {
        let name = text(&event["EventType"], "Name").unwrap_or("");
        let state = text(&event["EventCycleStatus"], "Name").unwrap_or("");
        let preemption = name.contains("Preemption") || name.contains("Recycle");
        let id = field(event, "InstanceId");
        if preemption && OPEN_EVENT.contains(&state) && !reclaiming.iter().any(|r| r.instance == id)
        {
            let inst = instances
                .iter()
                .find(|i| text(i, "InstanceId") == Some(id.as_str()));
            reclaiming.push(Reclaim {
                name: inst.map_or(NOT_RECORDED.into(), |i| field(i, "InstanceName")),
                zone: inst.map_or(NOT_RECORDED.into(), |i| field(i, "ZoneId")),
                region: field(event, "RegionId"),
                instance: id,
                evidence: format!("system event {name} ({state})"),
            });
        }
    }

    let scaling_groups = ctx.collection("scaling_groups").unwrap_or_default();
    let members: BTreeSet<&str> = scaling_groups
        .iter()
        .flat_map(|g| items(g, "scaling_instances"))
        .filter_map(|si| text(si, "InstanceId"))
        .collect();
    let regions_missing_members: BTreeSet<&str> = scaling_groups
        .iter()
        .filter(|g| list(g, "scaling_instances").is_none())
        .filter_map(|g| text(g, "RegionId"))
        .collect();
    let spot: Vec<_> = instances
        .iter()
        .filter(|i| is_spot_strategy(text(i, "SpotStrategy")))
        .collect();
    let standalone = spot
        .iter()
        .filter(|i| text(i, "InstanceId").is_none_or(|id| !members.contains(id)))
        .map(|i| StandaloneSpot {
            instance: field(i, "InstanceId"),
            name: field(i, "InstanceName"),
            region: field(i, "RegionId"),
            zone: field(i, "ZoneId"),
            strategy: field(i, "SpotStrategy"),
            membership_unverified: ctx.collection("scaling_groups").is_none()
                || text(i, "RegionId").is_some_and(|r| regions_missing_members.contains(r)),
        })
        .collect();

    SpotRisk {
        group_spot_capacity: rows.iter().filter_map(|r| r.spot_capacity).sum(),
        group_total_capacity: rows.iter().filter_map(|r| r.total_capacity).sum(),
        groups: rows,
        spot_instances: spot.len(),
        instances: instances.len(),
        reclaiming,
        standalone,
    }
}
