//! Patch and image compliance, laid out.

use super::*;

pub(super) fn layout(img: &ImageCompliance) -> Section {
    let max = img.max_age_days;
    let too_old = |days: Option<i64>| matches!((days, max), (Some(d), Some(m)) if d > m);
    let not_available: Vec<_> = img.in_use.iter().filter(|i| i.not_available()).collect();
    let old_instances: usize = img
        .in_use
        .iter()
        .filter(|i| too_old(i.age_days))
        .map(|i| i.instances)
        .sum();
    let eol = &img.end_of_life;
    let unverified: usize = img.cloud_assistant.iter().map(|r| r.unverified).sum();
    let verified: usize = img
        .cloud_assistant
        .iter()
        .map(|r| r.running_instances - r.unverified)
        .sum();
    let agents: usize = img.cloud_assistant.iter().map(|r| r.agent_running).sum();
    let mut blocks = vec![
        Block::Stats(vec![
            stat("Images in use", img.in_use.len(), Tone::Plain),
            stat(
                match max {
                    Some(m) => format!("Instances on images older than {m} days"),
                    None => "Instances on old images".into(),
                },
                old_instances,
                good_unless(old_instances, Tone::Warn),
            ),
            stat(
                "Deprecated or unavailable images in use",
                not_available.len(),
                if not_available.is_empty() {
                    Tone::Good
                } else {
                    Tone::Bad
                },
            ),
            stat(
                "End-of-life OS findings",
                if eol.rules.is_empty() {
                    "not judged".to_string()
                } else {
                    eol.failing.len().to_string()
                },
                if eol.rules.is_empty() {
                    Tone::Muted
                } else if eol.failing.is_empty() {
                    Tone::Good
                } else {
                    Tone::Bad
                },
            ),
            stat(
                if unverified > 0 {
                    format!("Cloud Assistant running ({unverified} more not verified)")
                } else {
                    "Cloud Assistant running".to_string()
                },
                format!("{agents} of {verified}"),
                if agents < verified || unverified > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
            ),
        ]),
        Block::Chart(Chart {
            title: "Image age distribution".into(),
            label_header: "Image age",
            description: format!(
                "Columns: instances by the age of the image they run, at the report's time.{}",
                max.map_or(String::new(), |m| format!(
                    " Bands past {m} days (ECS-001's limit) are red."
                ))
            ),
            basis: Basis::Fact,
            vertical: true,
            unit: "instances",
            max: None,
            series: vec![Series {
                name: "Instances",
                tone: Tone::Plain,
            }],
            bars: img
                .age_bands
                .iter()
                .map(|b| Bar {
                    label: b.label.clone(),
                    values: vec![b.instances as f64],
                    note: b.instances.to_string(),
                    tone: Some(match (b.from_days, max) {
                        (None, _) => Tone::Muted,
                        (Some(from), Some(m)) if from > m => Tone::Bad,
                        (Some(from), Some(m)) if from + 1 > m / 2 => Tone::Warn,
                        _ => Tone::Good,
                    }),
                })
                .collect(),
        }),
        Block::Table(table(
            "Images in use (by instances, and by the active configuration of scaling groups)",
            Basis::Fact,
            &[
                ("Image", KEY),
                ("OS", TEXT),
                ("Owner", TEXT),
                ("Status", KEY),
                ("Age (days)", NUM),
                ("Instances", NUM),
                ("Active configs", NUM),
            ],
            img.in_use
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone().into(),
                        i.os.clone().into(),
                        i.owner.clone().into(),
                        match &i.status {
                            Some(s) if i.not_available() => toned(s.clone(), Tone::Bad),
                            Some(s) => s.clone().into(),
                            None => toned("not in snapshot", Tone::Muted),
                        },
                        toned(
                            opt_int(i.age_days),
                            if too_old(i.age_days) {
                                Tone::Bad
                            } else {
                                Tone::Plain
                            },
                        ),
                        i.instances.to_string().into(),
                        i.configurations.to_string().into(),
                    ]
                })
                .collect(),
            "No image is in use.",
        )),
        Block::Table(table(
            "Deprecated or unavailable images in use",
            Basis::Fact,
            &[
                ("Image", KEY),
                ("Status", KEY),
                ("Instances", NUM),
                ("Active configs", NUM),
            ],
            not_available
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone().into(),
                        toned(i.status.clone().unwrap_or_default(), Tone::Bad),
                        i.instances.to_string().into(),
                        i.configurations.to_string().into(),
                    ]
                })
                .collect(),
            "Every image in use that the snapshot describes is Available.",
        )),
        Block::Subheading("End-of-life operating systems".into()),
    ];
    if eol.rules.is_empty() {
        blocks.push(para(
            Basis::NotVerified,
            "No rule in the policy set judges end-of-life operating systems: whether any image runs one is not verified.",
        ));
    } else {
        blocks.push(para(
            Basis::Judgement,
            format!(
                "From the findings of {}: {} failed, {} passed, {} not verified.",
                eol.rules.join(", "),
                eol.failing.len(),
                eol.passed,
                eol.unknown
            ),
        ));
        blocks.push(Block::Table(finding_table(
            "Resources on an end-of-life operating system",
            &eol.failing,
            "No resource runs an end-of-life operating system.",
        )));
    }
    blocks.push(Block::Subheading("Cloud Assistant".into()));
    blocks.push(Block::Table(table(
        format!(
            "Cloud Assistant among running instances, by region (stale: no heartbeat for more than {} hours)",
            opt_int(img.heartbeat_max_hours)
        ),
        Basis::Fact,
        &[
            ("Region", KEY),
            ("Running instances", NUM),
            ("Agent running", NUM),
            ("Agent not running", NUM),
            ("No record", NUM),
            ("Not verified", NUM),
            ("Heartbeat stale", NUM),
            ("Coverage", TEXT),
        ],
        img.cloud_assistant
            .iter()
            .map(|r| {
                vec![
                    r.region.clone().into(),
                    r.running_instances.to_string().into(),
                    r.agent_running.to_string().into(),
                    toned(r.agent_not_running.to_string(), plain_unless(r.agent_not_running, Tone::Bad)),
                    toned(r.no_record.to_string(), plain_unless(r.no_record, Tone::Warn)),
                    toned(r.unverified.to_string(), plain_unless(r.unverified, Tone::Muted)),
                    toned(r.stale.to_string(), plain_unless(r.stale, Tone::Warn)),
                    if r.not_collected {
                        toned("status not collected", Tone::Muted)
                    } else {
                        percent(r.agent_running, r.running_instances).into()
                    },
                ]
            })
            .collect(),
        "No running instances.",
    )));
    blocks.push(Block::Subheading("OOS patch states".into()));
    let p = &img.patches;
    if !p.collected {
        blocks.push(para(
            Basis::NotVerified,
            "The snapshot holds no `patch_states`: patch compliance is not verified.",
        ));
    } else {
        blocks.push(Block::Stats(vec![
            stat(
                "Instances with a patch state",
                p.instances_with_state,
                Tone::Plain,
            ),
            stat(
                "Missing patches",
                p.missing,
                good_unless(p.missing, Tone::Warn),
            ),
            stat("Failed patches", p.failed, good_unless(p.failed, Tone::Bad)),
            stat(
                "Pending reboot",
                p.pending_reboot,
                good_unless(p.pending_reboot, Tone::Warn),
            ),
            stat(
                "Running, no patch state",
                p.running_without_state,
                good_unless(p.running_without_state, Tone::Warn),
            ),
        ]));
        if let Some((instance, when)) = &p.oldest_operation {
            blocks.push(para(
                Basis::Fact,
                format!("The oldest patch scan or installation recorded: {instance} at {when}."),
            ));
        }
        if !p.regions_not_collected.is_empty() {
            blocks.push(para(
                Basis::NotVerified,
                format!(
                    "Patch states were not collected in {}: patching there is not verified.",
                    p.regions_not_collected.join(", ")
                ),
            ));
        }
        blocks.push(Block::Table(table(
            "Instances with missing or failed patches",
            Basis::Fact,
            &[
                ("Instance", KEY),
                ("Region", KEY),
                ("Missing", NUM),
                ("Failed", NUM),
                ("Pending reboot", NUM),
                ("Last scan or install", TEXT),
            ],
            p.attention
                .iter()
                .map(|r| {
                    vec![
                        r.instance.clone().into(),
                        r.region.clone().into(),
                        toned(r.missing.to_string(), plain_unless(r.missing, Tone::Warn)),
                        toned(r.failed.to_string(), plain_unless(r.failed, Tone::Bad)),
                        r.pending_reboot.to_string().into(),
                        r.last_operation.clone().into(),
                    ]
                })
                .collect(),
            "No instance has missing or failed patches.",
        )));
    }
    Section {
        id: "images",
        title: "Patch and image compliance",
        blocks,
    }
}
