//! Inventory and instance types, laid out.

use super::*;

pub(super) fn layout(inv: &Inventory) -> Section {
    if !inv.collected {
        return Section {
            id: "inventory",
            title: "Inventory and instance types",
            blocks: vec![para(
                Basis::NotVerified,
                "The snapshot holds no `instances` collection: the inventory is not verified.",
            )],
        };
    }
    let spot = inv
        .by_charge
        .iter()
        .find(|c| c.key == SPOT)
        .map_or(0, |c| c.count);
    let retired: Vec<&str> = inv
        .families
        .iter()
        .filter(|f| f.retired)
        .map(|f| f.family.as_str())
        .collect();
    let previous: Vec<&str> = inv
        .families
        .iter()
        .filter(|f| f.previous_generation && !f.retired)
        .map(|f| f.family.as_str())
        .collect();
    let blocks = vec![
        Block::Stats(vec![
            stat("Instances", inv.total, Tone::Plain),
            stat("Regions", inv.by_region.len(), Tone::Plain),
            stat("Zones", inv.by_zone.len(), Tone::Plain),
            stat(
                "Spot share",
                percent(spot, inv.total),
                plain_unless(spot, Tone::Warn),
            ),
            stat(
                "Retired families in use",
                retired.len(),
                if retired.is_empty() { Tone::Good } else { Tone::Bad },
            ),
            stat(
                "Previous-generation families",
                previous.len(),
                if previous.is_empty() { Tone::Good } else { Tone::Warn },
            ),
        ]),
        Block::Chart(Chart {
            title: "Instances per zone".into(),
            label_header: "Zone",
            description: format!(
                "Horizontal bars: {} instances across {} zones.",
                inv.total,
                inv.by_zone.len()
            ),
            basis: Basis::Fact,
            vertical: false,
            unit: "instances",
            max: None,
            series: vec![Series {
                name: "Instances",
                tone: Tone::Plain,
            }],
            bars: inv
                .by_zone
                .iter()
                .map(|c| Bar {
                    label: c.key.clone(),
                    values: vec![c.count as f64],
                    note: c.count.to_string(),
                    tone: None,
                })
                .collect(),
        }),
        Block::Tables(vec![
            count_table("By region", "Region", &inv.by_region, inv.total),
            count_table("By status", "Status", &inv.by_status, inv.total),
            count_table("By charge type", "Charge type", &inv.by_charge, inv.total),
        ]),
        Block::Subheading("Instance families and generations".into()),
        Block::Table(table(
            "Instance families in use (generation from the snapshot's instance types)",
            Basis::Fact,
            &[
                ("Family", KEY),
                ("Generation", KEY),
                ("Instances", NUM),
                ("Assessment", TEXT),
            ],
            inv.families
                .iter()
                .map(|f| {
                    let assessment = if f.retired {
                        toned("retired", Tone::Bad)
                    } else if f.previous_generation {
                        toned("previous generation", Tone::Warn)
                    } else if f.generation.is_none() {
                        toned("generation not verified", Tone::Muted)
                    } else {
                        toned("current", Tone::Good)
                    };
                    vec![
                        f.family.clone().into(),
                        f.generation
                            .clone()
                            .map_or_else(|| toned("not in snapshot", Tone::Muted), Cell::from),
                        f.instances.to_string().into(),
                        assessment,
                    ]
                })
                .collect(),
            "No instances.",
        )),
        para(
            Basis::Judgement,
            format!(
                "Retired families in use: {}. The list of retired families is the policies' own (params.retired_family, rule ECS-016: {}).",
                if retired.is_empty() { "none".to_string() } else { retired.join(", ") },
                if inv.retired_list.is_empty() { "empty".to_string() } else { inv.retired_list.join(", ") }
            ),
        ),
        para(
            Basis::Judgement,
            format!(
                "Previous-generation families in use: {}. Inferred: their generation is older than the newest one among the snapshot's instance types ({}).",
                if previous.is_empty() { "none".to_string() } else { previous.join(", ") },
                inv.newest_generation.as_deref().unwrap_or("none recorded")
            ),
        ),
        Block::Subheading("Instance types concentrated in one zone".into()),
        Block::Table(table(
            "Instance types whose instances (two or more) all run in a single zone: a zonal stock-out or outage takes all of them",
            Basis::Judgement,
            &[("Instance type", TEXT), ("Zone", KEY), ("Instances", NUM)],
            inv.single_zone_types
                .iter()
                .map(|c| {
                    vec![
                        c.instance_type.clone().into(),
                        c.zone.clone().into(),
                        c.instances.to_string().into(),
                    ]
                })
                .collect(),
            "Every instance type with two or more instances spans several zones.",
        )),
    ];
    Section {
        id: "inventory",
        title: "Inventory and instance types",
        blocks,
    }
}
