//! The report laid out once as sections of neutral blocks (paragraphs,
//! figures, tables, charts), which the HTML and Markdown renderers only
//! format. Every block says whether it states snapshot facts or judgement.

use super::images::ImageCompliance;
use super::inventory::Inventory;
use super::model::{Count, FindingRow, OperatorReport, URGENT};
use super::questions::OpenQuestions;
use super::scaling::GroupReport;
use super::spot::SpotRisk;

pub struct Document {
    pub title: String,
    /// (label, value) lines under the title.
    pub meta: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

pub struct Section {
    /// The HTML anchor.
    pub id: &'static str,
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

/// Where a statement comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Read from the snapshot as collected.
    Fact,
    /// A rule's verdict or the report's inference from facts.
    Judgement,
    /// Could not be established from the snapshot.
    NotVerified,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Fact => "Confirmed fact",
            Basis::Judgement => "Judgement",
            Basis::NotVerified => "Not verified",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Basis::Fact => "fact",
            Basis::Judgement => "judgement",
            Basis::NotVerified => "unverified",
        }
    }
}

/// How a value should read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Muted,
}

impl Tone {
    pub fn css(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Muted => "muted",
        }
    }
}

pub enum Block {
    Subheading(String),
    Paragraph {
        basis: Option<Basis>,
        text: String,
    },
    Bullets {
        basis: Basis,
        items: Vec<String>,
    },
    /// Headline figures.
    Stats(Vec<Stat>),
    Table(Table),
    /// Small tables shown side by side where there is room.
    Tables(Vec<Table>),
    Chart(Chart),
}

pub struct Stat {
    pub label: String,
    pub value: String,
    pub tone: Tone,
}

pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Cell {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }
}

fn toned(text: impl Into<String>, tone: Tone) -> Cell {
    Cell {
        text: text.into(),
        tone,
    }
}

pub struct Column {
    pub name: &'static str,
    pub align: Align,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Prose: wraps.
    Text,
    /// An identifier or short label: kept on one line.
    Key,
    /// Right-aligned figures.
    Number,
}

const TEXT: Align = Align::Text;
const KEY: Align = Align::Key;
const NUM: Align = Align::Number;

pub struct Table {
    pub caption: String,
    pub basis: Basis,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Said instead of an empty table.
    pub empty: &'static str,
    /// Rows left out for length.
    pub more: usize,
}

/// Bars, one per label, stacked when there are several series.
pub struct Chart {
    pub title: String,
    /// What the bars are (the first column of the Markdown table).
    pub label_header: &'static str,
    pub description: String,
    pub basis: Basis,
    /// Columns (a histogram) rather than horizontal bars.
    pub vertical: bool,
    pub unit: &'static str,
    /// The scale's end; the largest bar when `None`.
    pub max: Option<f64>,
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
}

pub struct Series {
    pub name: &'static str,
    pub tone: Tone,
}

pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
    /// Printed beside the bar (and in Markdown's table).
    pub note: String,
    /// Overrides the series colour for a one-series chart (e.g. too old).
    pub tone: Option<Tone>,
}

/// Longest table before "…and N more".
const MAX_ROWS: usize = 200;

fn cols(spec: &[(&'static str, Align)]) -> Vec<Column> {
    spec.iter()
        .map(|&(name, align)| Column { name, align })
        .collect()
}

fn table(
    caption: impl Into<String>,
    basis: Basis,
    columns: &[(&'static str, Align)],
    mut rows: Vec<Vec<Cell>>,
    empty: &'static str,
) -> Table {
    let more = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    Table {
        caption: caption.into(),
        basis,
        columns: cols(columns),
        rows,
        empty,
        more,
    }
}

fn stat(label: impl Into<String>, value: impl ToString, tone: Tone) -> Stat {
    Stat {
        label: label.into(),
        value: value.to_string(),
        tone,
    }
}

fn para(basis: Basis, text: impl Into<String>) -> Block {
    Block::Paragraph {
        basis: Some(basis),
        text: text.into(),
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

fn yes_no(v: Option<bool>) -> Cell {
    match v {
        Some(true) => toned("yes", Tone::Good),
        Some(false) => toned("no", Tone::Bad),
        None => toned("not recorded", Tone::Muted),
    }
}

fn opt_int(v: Option<i64>) -> String {
    v.map_or("–".into(), |n| n.to_string())
}

fn count_table(caption: &str, key: &'static str, counts: &[Count], total: usize) -> Table {
    table(
        caption,
        Basis::Fact,
        &[(key, KEY), ("Instances", NUM), ("Share", NUM)],
        counts
            .iter()
            .map(|c| {
                vec![
                    c.key.clone().into(),
                    c.count.to_string().into(),
                    percent(c.count, total).into(),
                ]
            })
            .collect(),
        "No instances.",
    )
}

fn severity_tone(s: crate::policy::Severity) -> Tone {
    use crate::policy::Severity::*;
    match s {
        Critical | High => Tone::Bad,
        Medium => Tone::Warn,
        Low | Info => Tone::Plain,
    }
}

fn resource(kind: &str, id: &Option<String>) -> String {
    format!("{kind} {}", id.as_deref().unwrap_or("(whole snapshot)"))
}

fn finding_table(caption: impl Into<String>, rows: &[FindingRow], empty: &'static str) -> Table {
    table(
        caption,
        Basis::Judgement,
        &[
            ("Severity", KEY),
            ("Rule", KEY),
            ("Resource", TEXT),
            ("Finding", TEXT),
            ("Where", KEY),
        ],
        rows.iter()
            .map(|r| {
                vec![
                    toned(r.severity.as_str(), severity_tone(r.severity)),
                    format!("{}{}", r.rule_id, if r.new { " (new)" } else { "" }).into(),
                    resource(r.kind, &r.id).into(),
                    r.message.clone().into(),
                    r.location.clone().into(),
                ]
            })
            .collect(),
        empty,
    )
}

pub fn layout(report: &OperatorReport) -> Document {
    let h = &report.header;
    let mut meta = vec![
        ("Snapshot".to_string(), h.snapshot.clone()),
        ("Collected at".to_string(), h.collected_at.clone()),
        ("Measured at".to_string(), h.now.clone()),
    ];
    if let Some(account) = &h.account_id {
        meta.push(("Account".into(), account.clone()));
    }
    meta.push(("Regions".into(), h.regions.join(", ")));
    meta.push((
        "Rules".into(),
        format!("{} (ecsguard {})", h.rules, h.version),
    ));
    Document {
        title: "Fleet operator report".into(),
        meta,
        sections: vec![
            summary(report),
            inventory(&report.inventory),
            scaling(&report.scaling),
            images(&report.images),
            spot(&report.spot),
            questions(&report.questions),
        ],
    }
}

fn summary(report: &OperatorReport) -> Section {
    let s = &report.summary;
    let t = &s.totals;
    let mut blocks = vec![
        Block::Stats(vec![
            stat(
                "Failed",
                t.fail,
                if t.fail > 0 { Tone::Bad } else { Tone::Good },
            ),
            stat(
                "Not verified",
                t.unknown,
                if t.unknown > 0 { Tone::Warn } else { Tone::Good },
            ),
            stat("Passed", t.pass, Tone::Plain),
            stat("Waived", t.waived, Tone::Muted),
            stat("Instances", report.inventory.total, Tone::Plain),
            stat("Scaling groups", report.scaling.len(), Tone::Plain),
        ]),
        para(
            Basis::Judgement,
            format!(
                "{} rules judged every resource of their type: each (rule, resource) pair is a finding that passed, failed, could not be verified (the data it needs is missing: not a pass) or was waived.",
                report.header.rules
            ),
        ),
        Block::Table(table(
            "Findings by severity",
            Basis::Judgement,
            &[
                ("Severity", KEY),
                ("Failed", NUM),
                ("Not verified", NUM),
                ("Passed", NUM),
                ("Waived", NUM),
            ],
            s.by_severity
                .iter()
                .map(|(sev, t)| {
                    vec![
                        toned(sev.as_str(), severity_tone(*sev)),
                        toned(
                            t.fail.to_string(),
                            if t.fail > 0 { severity_tone(*sev) } else { Tone::Plain },
                        ),
                        t.unknown.to_string().into(),
                        t.pass.to_string().into(),
                        t.waived.to_string().into(),
                    ]
                })
                .collect(),
            "No findings.",
        )),
    ];
    if let Some((new, existing, fixed)) = s.baseline {
        blocks.push(para(
            Basis::Judgement,
            format!("Against the baseline: {new} new failures, {existing} still present, {fixed} fixed."),
        ));
    }
    blocks.push(Block::Table(finding_table(
        format!(
            "The {} most urgent failures (of {}), most severe first",
            s.urgent.len().min(URGENT),
            s.failures
        ),
        &s.urgent,
        "No failures.",
    )));
    Section {
        id: "summary",
        title: "Summary",
        blocks,
    }
}

fn inventory(inv: &Inventory) -> Section {
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
        .find(|c| c.key == super::inventory::SPOT)
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
                if spot > 0 { Tone::Warn } else { Tone::Plain },
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

fn scaling(groups: &[GroupReport]) -> Section {
    let mut blocks = vec![Block::Table(table(
        "Scaling groups",
        Basis::Fact,
        &[
            ("Group", TEXT),
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

fn images(img: &ImageCompliance) -> Section {
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
                if old_instances > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
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
                    toned(r.agent_not_running.to_string(), if r.agent_not_running > 0 { Tone::Bad } else { Tone::Plain }),
                    toned(r.no_record.to_string(), if r.no_record > 0 { Tone::Warn } else { Tone::Plain }),
                    toned(r.unverified.to_string(), if r.unverified > 0 { Tone::Muted } else { Tone::Plain }),
                    toned(r.stale.to_string(), if r.stale > 0 { Tone::Warn } else { Tone::Plain }),
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
                if p.missing > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
            ),
            stat(
                "Failed patches",
                p.failed,
                if p.failed > 0 { Tone::Bad } else { Tone::Good },
            ),
            stat(
                "Pending reboot",
                p.pending_reboot,
                if p.pending_reboot > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
            ),
            stat(
                "Running, no patch state",
                p.running_without_state,
                if p.running_without_state > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
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
                        toned(
                            r.missing.to_string(),
                            if r.missing > 0 {
                                Tone::Warn
                            } else {
                                Tone::Plain
                            },
                        ),
                        toned(
                            r.failed.to_string(),
                            if r.failed > 0 { Tone::Bad } else { Tone::Plain },
                        ),
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

fn spot(risk: &SpotRisk) -> Section {
    let spot_groups: Vec<_> = risk.groups.iter().filter(|g| g.uses_spot).collect();
    let unprotected = spot_groups
        .iter()
        .filter(|g| !g.missing_protections().is_empty())
        .count();
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
                if risk.spot_instances > 0 {
                    Tone::Warn
                } else {
                    Tone::Plain
                },
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
                if unprotected > 0 {
                    Tone::Bad
                } else {
                    Tone::Good
                },
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
            title: "Spot share of capacity per scaling group".into(),
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
            bars: risk
                .groups
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
                ("Group", TEXT),
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

fn questions(q: &OpenQuestions) -> Section {
    let mut blocks = vec![
        para(
            Basis::NotVerified,
            "Nothing in this section is known to be fine: each item is data the snapshot lacks or a judgement that could not be made.",
        ),
        Block::Table(table(
            format!("Findings not verified ({})", q.unknown_findings),
            Basis::NotVerified,
            &[
                ("Rule", TEXT),
                ("Region", KEY),
                ("Why", TEXT),
                ("Findings", NUM),
                ("Resources", TEXT),
            ],
            q.unknown
                .iter()
                .map(|u| {
                    vec![
                        format!("{} {}", u.rule_id, u.title).into(),
                        u.region.clone().unwrap_or_else(|| "all".into()).into(),
                        u.why.clone().into(),
                        u.resources.len().to_string().into(),
                        u.resources.join(", ").into(),
                    ]
                })
                .collect(),
            "Every finding could be judged.",
        )),
        Block::Table(table(
            format!("Collection errors ({})", q.collection_errors.len()),
            Basis::Fact,
            &[("API call", TEXT), ("Region", KEY), ("Code", KEY), ("Message", TEXT)],
            q.collection_errors
                .iter()
                .map(|e| {
                    vec![
                        format!("{} {}", e.product, e.action).into(),
                        e.region.clone().into(),
                        toned(e.code.clone(), Tone::Bad),
                        e.message.clone().into(),
                    ]
                })
                .collect(),
            "Every API call succeeded.",
        )),
    ];
    let mut gaps: Vec<String> = q
        .missing_collections
        .iter()
        .map(|c| format!("`{c}` is not in the snapshot."))
        .collect();
    gaps.extend(
        q.missing_nested
            .iter()
            .map(|(g, c)| format!("Scaling group {g} has no `{c}`.")),
    );
    gaps.extend(q.unresolved.iter().cloned());
    gaps.extend(
        q.rule_errors
            .iter()
            .map(|(id, at, msg)| format!("Rule {id} could not be evaluated ({at}): {msg}")),
    );
    if !gaps.is_empty() {
        blocks.push(Block::Subheading("Gaps in this snapshot".into()));
        blocks.push(Block::Bullets {
            basis: Basis::NotVerified,
            items: gaps,
        });
    }
    blocks.push(Block::Subheading("Never in a snapshot".into()));
    blocks.push(Block::Bullets {
        basis: Basis::NotVerified,
        items: q.out_of_scope.iter().map(|s| s.to_string()).collect(),
    });
    Section {
        id: "questions",
        title: "Open questions",
        blocks,
    }
}
