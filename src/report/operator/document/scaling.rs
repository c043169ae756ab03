//! Auto Scaling: the groups table, then each group in detail.

use super::*;

pub(super) fn layout(groups: &[GroupReport]) -> Section {
    let mut blocks = vec![Block::Table(table(
        "Scaling groups",
        Basis::Fact,
        &[
            ("Group", KEY),
            ("Region", KEY),
            ("State", TEXT),
            ("Min", NUM),
            ("Desired", NUM),
            ("Max", NUM),
            ("In service", NUM),
            ("Health check", TEXT),
            ("Zones", NUM),
            ("Failing", NUM),
        ],
        groups
            .iter()
            .map(|g| {
                vec![
                    g.name.clone().into(),
                    g.region.clone().into(),
                    g.state.clone().into(),
                    opt_int(g.min).into(),
                    opt_int(g.desired).into(),
                    opt_int(g.max).into(),
                    g.in_service.map_or_else(
                        || toned("not collected", Tone::Muted),
                        |n| n.to_string().into(),
                    ),
                    toned(
                        g.health_check.clone(),
                        if g.health_check == "NONE" {
                            Tone::Bad
                        } else {
                            Tone::Plain
                        },
                    ),
                    toned(
                        g.zones.len().to_string(),
                        if g.zones.len() < 2 {
                            Tone::Warn
                        } else {
                            Tone::Plain
                        },
                    ),
                    toned(
                        g.failing.len().to_string(),
                        if g.failing.is_empty() {
                            Tone::Good
                        } else {
                            Tone::Bad
                        },
                    ),
                ]
            })
            .collect(),
        "The snapshot holds no scaling groups.",
    ))];
    for g in groups {
        blocks.push(Block::Subheading(format!("{} ({})", g.name, g.id)));
        let not_collected = || toned("not collected", Tone::Muted);
        let spot = &g.spot;
        let hooks = g.hooks.as_ref().map_or_else(not_collected, |hooks| {
            if hooks.is_empty() {
                "none".into()
            } else {
                hooks
                    .iter()
                    .map(|h| {
                        format!(
                            "{} {}{}, default {}, timeout {} s",
                            h.name,
                            h.transition,
                            if h.active { "" } else { " (inactive)" },
                            h.default_result,
                            opt_int(h.timeout_seconds)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into()
            }
        });
        let list = |items: &Option<Vec<String>>| {
            items.as_ref().map_or_else(not_collected, |v| {
                if v.is_empty() {
                    "none".into()
                } else {
                    v.join("; ").into()
                }
            })
        };
        let schedules = g.schedules.as_ref().map(|tasks| {
            tasks
                .iter()
                .map(|t| {
                    format!(
                        "{} ({}, from {}{})",
                        t.name,
                        t.recurrence,
                        t.launch_time,
                        if t.enabled { "" } else { ", disabled" }
                    )
                })
                .collect()
        });
        let rows: Vec<Vec<Cell>> = vec![
            vec![
                "Capacity".into(),
                format!(
                    "min {} / desired {} / max {}; in service {}",
                    opt_int(g.min),
                    opt_int(g.desired),
                    opt_int(g.max),
                    g.in_service.map_or("not collected".into(), |n| n.to_string())
                )
                .into(),
            ],
            vec!["Health check".into(), g.health_check.clone().into()],
            vec!["Zones".into(), g.zones.join(", ").into()],
            vec![
                "Spot mix".into(),
                format!(
                    "{}; on-demand base {}, {}% on-demand above base; spot capacity {} of {}; instance types {}",
                    spot.strategy.as_deref().unwrap_or("strategy not recorded"),
                    opt_int(spot.on_demand_base),
                    opt_int(spot.on_demand_percent_above_base),
                    opt_int(spot.spot_capacity),
                    opt_int(spot.total_capacity),
                    if spot.instance_types.is_empty() { "not recorded".to_string() } else { spot.instance_types.join(", ") }
                )
                .into(),
            ],
            vec!["Lifecycle hooks".into(), hooks],
            vec!["Scaling rules".into(), list(&g.rules)],
            vec!["Scheduled tasks".into(), list(&schedules)],
        ];
        blocks.push(Block::Table(table(
            format!("{} in {}: configuration", g.name, g.region),
            Basis::Fact,
            &[("Aspect", TEXT), ("As collected", TEXT)],
            rows,
            "",
        )));
        blocks.push(Block::Table(finding_table(
            format!("{}: failing findings", g.name),
            &g.failing,
            "No failing finding for this group, its configurations, rules, tasks or hooks.",
        )));
    }
    Section {
        id: "scaling",
        title: "Auto Scaling",
        blocks,
    }
}
