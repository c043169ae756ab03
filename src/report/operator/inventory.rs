//! Inventory and instance-type assessment: what runs where, how it is
//! paid for, and which families are old.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::{is_spot_strategy, text};
use super::model::{count_by, Context, Count, NOT_RECORDED};

pub struct Inventory {
    /// False when the snapshot holds no `instances` collection.
    pub collected: bool,
    pub total: usize,
    pub by_region: Vec<Count>,
    pub by_zone: Vec<Count>,
    pub by_status: Vec<Count>,
    /// Subscription / Pay-as-you-go / Spot.
    pub by_charge: Vec<Count>,
    pub families: Vec<FamilyRow>,
    /// The newest generation in the snapshot's instance types (`ecs-6`).
    pub newest_generation: Option<String>,
    /// The retired families the policies' data lists (ECS-016's parameter).
    pub retired_list: Vec<String>,
    /// Instance types whose instances (two or more) all sit in one zone.
    pub single_zone_types: Vec<TypeConcentration>,
}

pub struct FamilyRow {
    pub family: String,
    /// From `instance_types`; `None` when no type of the family is there.
    pub generation: Option<String>,
    pub instances: usize,
    pub retired: bool,
    /// Older than the newest generation in the snapshot (an inference).
    pub previous_generation: bool,
}

pub struct TypeConcentration {
    pub instance_type: String,
    pub zone: String,
    pub instances: usize,
}

pub const SUBSCRIPTION: &str = "Subscription";
pub const PAY_AS_YOU_GO: &str = "Pay-as-you-go";
pub const SPOT: &str = "Spot";

/// How an instance is paid for: spot first (a spot instance is also PostPaid).
pub fn charge_label(instance: &regorus::Value) -> String {
    if is_spot_strategy(text(instance, "SpotStrategy")) {
        return SPOT.into();
    }
    match text(instance, "InstanceChargeType") {
        Some("PrePaid") => SUBSCRIPTION.into(),
        Some("PostPaid") => PAY_AS_YOU_GO.into(),
        Some(other) => other.into(),
        None => NOT_RECORDED.into(),
    }
}

/// `ecs-6` → 6.
fn generation_number(generation: &str) -> Option<u32> {
    let digits: String = generation
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The instance family: the instance's own field, else the type's prefix
/// (`ecs.g7.large` → `ecs.g7`).
pub fn family_of(instance: &regorus::Value) -> Option<String> {
    text(instance, "InstanceTypeFamily")
        .map(str::to_string)
        .or_else(|| {
            let t = text(instance, "InstanceType")?;
            t.rsplit_once('.').map(|(family, _)| family.to_string())
        })
}

pub fn build(ctx: &Context) -> Inventory {
    let instances = ctx.instances();
    let label = |field: &str| {
        instances
            .iter()
            .map(|i| text(i, field).unwrap_or(NOT_RECORDED).to_string())
            .collect::<Vec<_>>()
    };
    let types = ctx.collection("instance_types").unwrap_or_default();
    let mut generation_of_family: BTreeMap<&str, &str> = BTreeMap::new();
    for t in &types {
        if let (Some(family), Some(generation)) =
            (text(t, "InstanceTypeFamily"), text(t, "Generation"))
        {
            generation_of_family.entry(family).or_insert(generation);
        }
    }
    let newest = generation_of_family
        .values()
        .filter_map(|g| generation_number(g).map(|n| (n, *g)))
        .max()
        .map(|(_, g)| g.to_string());
    let newest_number = newest.as_deref().and_then(generation_number);
    let retired_list: Vec<String> = ctx
        .param("retired_family", "retired_families")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|f| f.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let families = count_by(
        instances
            .iter()
            .map(|i| family_of(i).unwrap_or_else(|| NOT_RECORDED.into())),
    )
    .into_iter()
    .map(|c| {
        let generation = generation_of_family
            .get(c.key.as_str())
            .map(|g| g.to_string());
        let number = generation.as_deref().and_then(generation_number);
        FamilyRow {
            retired: retired_list.contains(&c.key),
            previous_generation: matches!((number, newest_number), (Some(n), Some(m)) if n < m),
            family: c.key,
            generation,
            instances: c.count,
        }
    })
    .collect();

    let mut zones_of_type: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for i in &instances {
        if let (Some(t), Some(zone)) = (text(i, "InstanceType"), text(i, "ZoneId")) {
            let entry = zones_of_type.entry(t).or_default();
            entry.0.insert(zone);
            entry.1 += 1;
        }
    }
    let mut single_zone_types: Vec<TypeConcentration> = zones_of_type
        .into_iter()
        .filter(|(_, (zones, n))| zones.len() == 1 && *n >= 2)
        .map(|(t, (zones, n))| TypeConcentration {
            instance_type: t.to_string(),
            zone: zones.into_iter().next().unwrap_or_default().to_string(),
            instances: n,
        })
        .collect();
    single_zone_types.sort_by_key(|c| std::cmp::Reverse(c.instances));

    Inventory {
        collected: ctx.collection("instances").is_some(),
        total: instances.len(),
        by_region: count_by(label("RegionId")),
        by_zone: count_by(label("ZoneId")),
        by_status: count_by(label("Status")),
        by_charge: count_by(instances.iter().map(|i| charge_label(i))),
        families,
        newest_generation: newest,
        retired_list,
        single_zone_types,
    }
}
