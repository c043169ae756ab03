//! Auto Scaling: every scaling group's capacity, health check, zones, spot
//! mix, hooks, rules, schedules and failing findings.

use std::collections::BTreeMap;

use regorus::Value;

use super::fields::{flag, int, is_spot_strategy, items, list, strings, text};
use super::model::{Context, FindingRow, NOT_RECORDED};

pub struct GroupReport {
    pub id: String,
    pub name: String,
    pub region: String,
    pub state: String,
    pub min: Option<i64>,
    pub desired: Option<i64>,
    pub max: Option<i64>,
    /// Scaling instances in service; `None` when they were not collected.
    pub in_service: Option<usize>,
    pub health_check: String,
    /// The zones of the group's vSwitches (unresolved vSwitches are named).
    pub zones: Vec<String>,
    pub spot: GroupSpot,
    pub hooks: Option<Vec<Hook>>,
    pub rules: Option<Vec<String>>,
    pub schedules: Option<Vec<Schedule>>,
    pub failing: Vec<FindingRow>,
}

/// The group's spot settings and capacity.
pub struct GroupSpot {
    pub total_capacity: Option<i64>,
    pub spot_capacity: Option<i64>,
    pub on_demand_base: Option<i64>,
    pub on_demand_percent_above_base: Option<i64>,
    pub remedy: Option<bool>,
    pub compensate: Option<bool>,
    /// The active configuration's spot strategy and instance types.
    pub strategy: Option<String>,
    pub instance_types: Vec<String>,
}

impl GroupSpot {
    /// The active configuration launches spot, or spot capacity is in service.
    pub fn uses_spot(&self) -> bool {
        is_spot_strategy(self.strategy.as_deref()) || self.spot_capacity.unwrap_or(0) > 0
    }

    /// Spot capacity over total capacity, as a fraction.
    pub fn share(&self) -> Option<f64> {
        match (self.spot_capacity, self.total_capacity) {
            (Some(s), Some(t)) if t > 0 => Some(s as f64 / t as f64),
            _ => None,
        }
    }
}

pub struct Hook {
    pub name: String,
    pub transition: String,
    pub active: bool,
    pub default_result: String,
    pub timeout_seconds: Option<i64>,
}

pub struct Schedule {
    pub name: String,
    pub enabled: bool,
    pub recurrence: String,
    pub launch_time: String,
}

fn or_not_recorded(v: &Value, field: &str) -> String {
    text(v, field).unwrap_or(NOT_RECORDED).to_string()
}

/// The configuration the group launches from.
pub fn active_configuration(group: &Value) -> Option<&Value> {
    let configs = items(group, "scaling_configurations");
    let active_id = text(group, "ActiveScalingConfigurationId");
    configs
        .iter()
        .find(|c| active_id.is_some() && text(c, "ScalingConfigurationId") == active_id)
        .or_else(|| {
            configs
                .iter()
                .find(|c| text(c, "LifecycleState") == Some("Active"))
        })
        .copied()
}

pub fn build(ctx: &Context) -> Vec<GroupReport> {
    let zone_of_vswitch: BTreeMap<&str, &str> = ctx
        .collection("vswitches")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| Some((text(v, "VSwitchId")?, text(v, "ZoneId")?)))
        .collect();
    ctx.collection("scaling_groups")
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(gi, g)| {
            let mut vswitches = strings(g, "VSwitchIds");
            if vswitches.is_empty() {
                vswitches.extend(text(g, "VSwitchId"));
            }
            let mut zones: Vec<String> = vswitches
                .iter()
                .map(|v| match zone_of_vswitch.get(v) {
                    Some(z) => z.to_string(),
                    None => format!("{v} (zone not in snapshot)"),
                })
                .collect();
            zones.sort();
            zones.dedup();
            let health_types = strings(g, "HealthCheckTypes");
            let health_check = if health_types.is_empty() {
                or_not_recorded(g, "HealthCheckType")
            } else {
                health_types.join(", ")
            };
            let active = active_configuration(g);
            let failing = ctx.urgent_first(ctx.group_failures(gi));
            GroupReport {
                id: or_not_recorded(g, "ScalingGroupId"),
                name: or_not_recorded(g, "ScalingGroupName"),
                region: or_not_recorded(g, "RegionId"),
                state: or_not_recorded(g, "LifecycleState"),
                min: int(g, "MinSize"),
                desired: int(g, "DesiredCapacity"),
                max: int(g, "MaxSize"),
                in_service: list(g, "scaling_instances").map(|si| {
                    si.iter()
                        .filter(|i| text(i, "LifecycleState") == Some("InService"))
                        .count()
                }),
                health_check,
                zones,
                spot: GroupSpot {
                    total_capacity: int(g, "TotalCapacity"),
                    spot_capacity: int(g, "SpotCapacity"),
                    on_demand_base: int(g, "OnDemandBaseCapacity"),
                    on_demand_percent_above_base: int(g, "OnDemandPercentageAboveBaseCapacity"),
                    remedy: flag(g, "SpotInstanceRemedy"),
                    compensate: flag(g, "CompensateWithOnDemand"),
                    strategy: active
                        .and_then(|c| text(c, "SpotStrategy"))
                        .map(str::to_string),
                    instance_types: active.map_or_else(Vec::new, |c| {
                        let mut t: Vec<String> = strings(c, "InstanceTypes")
                            .into_iter()
                            .map(str::to_string)
                            .collect();
                        if t.is_empty() {
                            t.extend(text(c, "InstanceType").map(str::to_string));
                        }
                        t
                    }),
                },
                hooks: list(g, "lifecycle_hooks").map(|hooks| {
                    hooks
                        .iter()
                        .map(|h| Hook {
                            name: or_not_recorded(h, "LifecycleHookName"),
                            transition: or_not_recorded(h, "LifecycleTransition"),
                            active: text(h, "LifecycleHookStatus")
                                .is_some_and(|s| s.eq_ignore_ascii_case("active")),
                            default_result: or_not_recorded(h, "DefaultResult"),
                            timeout_seconds: int(h, "HeartbeatTimeout"),
                        })
                        .collect()
                }),
                rules: list(g, "scaling_rules").map(|rules| {
                    rules
                        .iter()
                        .map(|r| {
                            format!(
                                "{} ({})",
                                or_not_recorded(r, "ScalingRuleName"),
                                or_not_recorded(r, "ScalingRuleType")
                            )
                        })
                        .collect()
                }),
                schedules: list(g, "scheduled_tasks").map(|tasks| {
                    tasks
                        .iter()
                        .map(|t| Schedule {
                            name: or_not_recorded(t, "ScheduledTaskName"),
                            enabled: flag(t, "TaskEnabled").unwrap_or(false),
                            recurrence: match (
                                text(t, "RecurrenceType"),
                                text(t, "RecurrenceValue"),
                            ) {
                                (Some(kind), Some(value)) => format!("{kind} {value}"),
                                (Some(kind), None) => kind.to_string(),
                                _ => "once".to_string(),
                            },
                            launch_time: or_not_recorded(t, "LaunchTime"),
                        })
                        .collect()
                }),
                failing: failing.into_iter().map(|f| ctx.row(f)).collect(),
            }
        })
        .collect()
}
