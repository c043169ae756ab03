//! Spot risk, laid out.

use super::*;

pub(super) fn layout(risk: &SpotRisk) -> Section {
    let spot_groups: Vec<_> = risk.groups.iter().filter(|g| g.uses_spot).collect();
    let unprotected = spot_groups
        .iter()
        .filter(|g| !g.missing_protections().is_empty())
        .count();
    // A chart stays readable: past CHART_BARS groups, those with the most spot capacity.
    let mut charted: Vec<_> = risk.groups.iter().collect();
    if charted.len() > CHART_BARS {
        charted.sort_by_key(|g| std::cmp::Reverse(g.spot_capacity.unwrap_or(0)));
        charted.truncate(CHART_BARS);
    }
    let blocks = vec![
        Block::Stats(vec![
            stat(
                "Spot instances",
                format!(
                    "{} of {} ({})",
                    risk.spot_instances,
                    risk.instances,
                    percent(risk.spot_instances, risk.instances)
                ),
                plain_unless(risk.spot_instances, Tone::Warn),
            ),
            stat(
                "Spot capacity in scaling groups",
                format!(
                    "{} of {} ({})",
                    risk.group_spot_capacity,
                    risk.group_total_capacity,
                    percent(
                        risk.group_spot_capacity.max(0) as usize,
                        risk.group_total_capacity.max(0) as usize
                    )
                ),
                Tone::Plain,
            ),
            stat(
                "Spot groups missing a protection",
                format!("{unprotected} of {}", spot_groups.len()),
                good_unless(unprotected, Tone::Bad),
            ),
            stat(
                "Being reclaimed now",
                risk.reclaiming.len(),
                if risk.reclaiming.is_empty() {
                    Tone::Good
                } else {
                    Tone::Bad
                },
            ),
            stat(
                "Standalone spot instances",
                risk.standalone.len(),
                if risk.standalone.is_empty() {
                    Tone::Good
                } else {
                    Tone::Warn
                },
            ),
        ]),
        Block::Chart(Chart {
            title: if charted.len() < risk.groups.len() {
                format!(
                    "Spot share of capacity: the {} scaling groups with the most spot capacity (of {})",
                    charted.len(),
                    risk.groups.len()
                )
            } else {
                "Spot share of capacity per scaling group".into()
            },
            label_header: "Scaling group",
            description:
                "Stacked bars: spot and pay-as-you-go shares of each group's total capacity.".into(),
            basis: Basis::Fact,
            vertical: false,
            unit: "%",
            max: Some(100.0),
            series: vec![
                Series {
                    name: "Spot",
                    tone: Tone::Warn,
                },
                Series {
                    name: "Pay-as-you-go",
                    tone: Tone::Plain,
                },
            ],
            bars: charted
                .iter()
                .map(|g| {
                    let share = g.share.map(|s| s * 100.0);
                    Bar {
                        label: g.name.clone(),
                        values: share.map_or_else(|| vec![0.0, 0.0], |s| vec![s, 100.0 - s]),
                        note: match (share, g.spot_capacity, g.total_capacity) {
                            (Some(s), Some(sc), Some(t)) => format!("{s:.0}% spot ({sc} of {t})"),
                            _ => "no capacity".into(),
                        },
                        tone: None,
                    }
                })
                .collect(),
        }),
        Block::Table(table(
            "Spot groups: what replaces reclaimed capacity",
            Basis::Judgement,
            &[
                ("Group", KEY),
                ("Spot / total", NUM),
                ("Remedy", TEXT),
                ("Compensate", TEXT),
                ("Scale-in hook", TEXT),
                ("Instance types", NUM),
                ("Gaps", TEXT),
            ],
            spot_groups
                .iter()
                .map(|g| {
                    let missing = g.missing_protections();
                    let mut gaps: Vec<String> = missing.iter().map(|m| format!("no {m}")).collect();
                    if g.single_type() {
                        gaps.push("single-type pool".into());
                    }
                    vec![
                        g.name.clone().into(),
                        format!(
                            "{} / {}",
                            opt_int(g.spot_capacity),
                            opt_int(g.total_capacity)
                        )
                        .into(),
                        yes_no(g.remedy),
                        yes_no(g.compensate),
                        yes_no(g.scale_in_hook),
                        toned(
                            g.instance_types.to_string(),
                            if g.single_type() {
                                Tone::Bad
                            } else {
                                Tone::Plain
                            },
                        ),
                        if gaps.is_empty() {
                            toned("none", Tone::Good)
                        } else {
                            toned(gaps.join(", "), Tone::Bad)
                        },
                    ]
                })
                .collect(),
            "No scaling group launches spot instances.",
        )),
        Block::Table(table(
            "Instances being reclaimed now",
            Basis::Fact,
            &[
                ("Instance", KEY),
                ("Name", TEXT),
                ("Region", KEY),
                ("Zone", KEY),
                ("Evidence", TEXT),
            ],
            risk.reclaiming
                .iter()
                .map(|r| {
                    vec![
                        r.instance.clone().into(),
                        r.name.clone().into(),
                        r.region.clone().into(),
                        r.zone.clone().into(),
                        toned(r.evidence.clone(), Tone::Bad),
                    ]
                })
                .collect(),
            "No instance is being reclaimed (no Recycling lock, no open preemption event).",
        )),
        Block::Table(table(
            "Standalone spot instances (in no scaling group: nothing replaces them)",
            Basis::Fact,
            &[
                ("Instance", KEY),
                ("Name", TEXT),
                ("Region", KEY),
                ("Zone", KEY),
                ("Strategy", TEXT),
            ],
            risk.standalone
                .iter()
                .map(|s| {
                    vec![
                        if s.membership_unverified {
                            toned(
                                format!("{} (membership not verified)", s.instance),
                                Tone::Muted,
                            )
                        } else {
                            s.instance.clone().into()
                        },
                        s.name.clone().into(),
                        s.region.clone().into(),
                        s.zone.clone().into(),
                        s.strategy.clone().into(),
                    ]
                })
                .collect(),
            "Every spot instance belongs to a scaling group.",
        )),
    ];
    Section {
        id: "spot",
        title: "Spot risk",
        blocks,
    }
}
