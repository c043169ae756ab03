//! The operator report (`ecsguard report`) on the bundled example: every
//! section's figures against the same numbers worked out here from the
//! snapshot's JSON, so the assertions follow the demo when it changes; the
//! Markdown and HTML renderings; and the HTML page in a real browser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use ecsguard::evaluate::{evaluate, Evaluation, Status};
use ecsguard::policy::{PolicySet, Sources};
use ecsguard::report::operator::{self, OperatorFormat, OperatorReport};
use ecsguard::report::{subject_pointer, Outcome};
use ecsguard::snapshot::Snapshot;
use serde_json::Value;

const FLEET: &str = "examples/fleet.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory for one test, under the target's tmp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("operator_report")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The built-in policies judging a snapshot file, as `ecsguard report` does.
struct Judged {
    policies: PolicySet,
    snapshot: Snapshot,
    evaluation: Evaluation,
}

impl Judged {
    fn load(path: &Path) -> Judged {
        let policies = PolicySet::load(&Sources::builtin_only()).unwrap();
        let snapshot = Snapshot::load(path).unwrap();
        let now = snapshot.collected_at.clone();
        let evaluation = evaluate(
            &policies,
            &snapshot,
            snapshot.collected_at_ns,
            &now,
            2,
            false,
        );
        Judged {
            policies,
            snapshot,
            evaluation,
        }
    }

    fn outcome(&self) -> Outcome<'_> {
        Outcome {
            policies: &self.policies,
            snapshot: &self.snapshot,
            evaluation: &self.evaluation,
            now: &self.snapshot.collected_at,
            waivers: None,
            waiver_use: None,
            baseline: None,
        }
    }

    fn render(&self, format: OperatorFormat) -> String {
        let mut out = Vec::new();
        operator::write(&self.outcome(), format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }
}

fn fleet() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(FLEET)).unwrap()).unwrap()
}

fn arr<'v>(v: &'v Value, field: &str) -> &'v [Value] {
    v[field].as_array().map_or(&[], |a| a.as_slice())
}

fn s<'v>(v: &'v Value, field: &str) -> &'v str {
    v[field].as_str().unwrap_or("")
}

fn tally<'a>(labels: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for l in labels {
        *m.entry(l.to_string()).or_default() += 1;
    }
    m
}

fn as_map(counts: &[operator::model::Count]) -> BTreeMap<String, usize> {
    counts.iter().map(|c| (c.key.clone(), c.count)).collect()
}

fn is_spot(v: &Value) -> bool {
    matches!(s(v, "SpotStrategy"), "SpotWithPriceLimit" | "SpotAsPriceGo")
}

fn days(from: &str, to: &str) -> i64 {
    let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
    (parse(to) - parse(from)).div_euclid(86_400)
}

fn report() -> (Judged, OperatorReport, Value) {
    let judged = Judged::load(&root().join(FLEET));
    let report = OperatorReport::build(&judged.outcome());
    (judged, report, fleet())
}

#[test]
fn summary_counts_every_finding_and_puts_the_most_severe_first() {
    let (judged, report, _) = report();
    let findings = &judged.evaluation.findings;
    let count = |status| findings.iter().filter(|f| f.status == status).count();
    let s = &report.summary;
    assert_eq!(s.totals.fail, count(Status::Fail));
    assert_eq!(s.totals.pass, count(Status::Pass));
    assert_eq!(s.totals.unknown, count(Status::Unknown));
    assert_eq!(s.failures, count(Status::Fail));
    let by_severity: usize = s.by_severity.iter().map(|(_, t)| t.fail).sum();
    assert_eq!(by_severity, count(Status::Fail));
    assert_eq!(s.urgent.len(), count(Status::Fail).min(5));
    // Most severe first, and nothing left out is more severe than what is shown.
    assert!(s.urgent.windows(2).all(|w| w[0].severity <= w[1].severity));
    let least_shown = s.urgent.last().unwrap().severity;
    let more_severe = findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .filter(|f| judged.policies.rules[f.rule].meta.severity < least_shown)
        .count();
    assert!(more_severe <= s.urgent.len());
    // Anchor: the demo's worst failures are high (ECS-004, a public bastion without IMDSv2).
    assert_eq!(s.urgent[0].severity, ecsguard::policy::Severity::High);
    assert!(s.urgent[0]
        .location
        .starts_with(judged.snapshot.path.as_str()));
}

#[test]
fn inventory_figures_match_the_snapshot() {
    let (judged, report, fleet) = report();
    let inv = &report.inventory;
    let instances = arr(&fleet, "instances");
    assert_eq!(inv.total, instances.len());
    for (field, counts) in [
        ("RegionId", &inv.by_region),
        ("ZoneId", &inv.by_zone),
        ("Status", &inv.by_status),
    ] {
        assert_eq!(
            as_map(counts),
            tally(instances.iter().map(|i| s(i, field))),
            "{field}"
        );
    }
    let charge = tally(instances.iter().map(|i| {
        if is_spot(i) {
            "Spot"
        } else if s(i, "InstanceChargeType") == "PrePaid" {
            "Subscription"
        } else {
            "Pay-as-you-go"
        }
    }));
    assert_eq!(as_map(&inv.by_charge), charge);

    // Families, their generation, and the retired list from the policies' data.
    let families = tally(instances.iter().map(|i| s(i, "InstanceTypeFamily")));
    let shown: BTreeMap<String, usize> = inv
        .families
        .iter()
        .map(|f| (f.family.clone(), f.instances))
        .collect();
    assert_eq!(shown, families);
    let data: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root().join("policies/data.yaml")).unwrap())
            .unwrap();
    let retired: Vec<String> = serde_yaml::from_value(
        data["ecsguard"]["params"]["retired_family"]["retired_families"].clone(),
    )
    .unwrap();
    assert_eq!(inv.retired_list, retired);
    let generation: BTreeMap<&str, &str> = arr(&fleet, "instance_types")
        .iter()
        .map(|t| (s(t, "InstanceTypeFamily"), s(t, "Generation")))
        .collect();
    let number = |g: &str| g.trim_start_matches("ecs-").parse::<u32>().unwrap();
    let newest = generation.values().map(|g| number(g)).max().unwrap();
    for f in &inv.families {
        assert_eq!(f.retired, retired.contains(&f.family), "{}", f.family);
        let g = generation.get(f.family.as_str());
        assert_eq!(f.generation.as_deref(), g.copied(), "{}", f.family);
        assert_eq!(
            f.previous_generation,
            g.is_some_and(|g| number(g) < newest),
            "{}",
            f.family
        );
    }
    // ECS-016 judges the same list: a retired family in use is exactly one that fails it.
    let retired_in_use = inv.families.iter().filter(|f| f.retired).count() > 0;
    let ecs016_fails =
        judged.evaluation.findings.iter().any(|f| {
            judged.policies.rules[f.rule].meta.id == "ECS-016" && f.status == Status::Fail
        });
    assert_eq!(retired_in_use, ecs016_fails);

    // Types whose (two or more) instances share one zone.
    let mut zones: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let types = tally(instances.iter().map(|i| s(i, "InstanceType")));
    for i in instances {
        zones
            .entry(s(i, "InstanceType"))
            .or_default()
            .insert(s(i, "ZoneId"));
    }
    let concentrated: BTreeSet<&str> = zones
        .iter()
        .filter(|(t, z)| z.len() == 1 && types[**t] >= 2)
        .map(|(t, _)| *t)
        .collect();
    let shown: BTreeSet<&str> = inv
        .single_zone_types
        .iter()
        .map(|c| c.instance_type.as_str())
        .collect();
    assert_eq!(shown, concentrated);
}

#[test]
fn every_scaling_group_with_its_capacity_zones_and_failures() {
    let (judged, report, fleet) = report();
    let groups = arr(&fleet, "scaling_groups");
    assert_eq!(report.scaling.len(), groups.len());
    let zone_of: BTreeMap<&str, &str> = arr(&fleet, "vswitches")
        .iter()
        .map(|v| (s(v, "VSwitchId"), s(v, "ZoneId")))
        .collect();
    for (i, (g, shown)) in groups.iter().zip(&report.scaling).enumerate() {
        let name = s(g, "ScalingGroupName");
        assert_eq!(shown.name, name);
        assert_eq!(shown.min, g["MinSize"].as_i64());
        assert_eq!(shown.desired, g["DesiredCapacity"].as_i64());
        assert_eq!(shown.max, g["MaxSize"].as_i64());
        let in_service = arr(g, "scaling_instances")
            .iter()
            .filter(|si| s(si, "LifecycleState") == "InService")
            .count();
        assert_eq!(shown.in_service, Some(in_service), "{name}");
        let zones: BTreeSet<String> = arr(g, "VSwitchIds")
            .iter()
            .map(|v| zone_of[v.as_str().unwrap()].to_string())
            .collect();
        assert_eq!(
            shown.zones.iter().cloned().collect::<BTreeSet<_>>(),
            zones,
            "{name}"
        );
        assert_eq!(
            shown.hooks.as_ref().map(Vec::len),
            Some(arr(g, "lifecycle_hooks").len())
        );
        assert_eq!(
            shown.rules.as_ref().map(Vec::len),
            Some(arr(g, "scaling_rules").len())
        );
        assert_eq!(
            shown.schedules.as_ref().map(Vec::len),
            Some(arr(g, "scheduled_tasks").len())
        );
        // Failures of the group and of everything it holds, found by pointer.
        let prefix = format!("/scaling_groups/{i}");
        let failing = judged
            .evaluation
            .findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .filter(|f| {
                let p = subject_pointer(&judged.snapshot, f);
                p == prefix || p.starts_with(&format!("{prefix}/"))
            })
            .count();
        assert_eq!(shown.failing.len(), failing, "{name}");
    }
    // Anchor: the demo's web-staging-sh has no health check.
    let web = report
        .scaling
        .iter()
        .find(|g| g.name == "web-staging-sh")
        .unwrap();
    assert_eq!(web.health_check, "NONE");
    assert!(web.failing.iter().any(|f| f.rule_id == "ESS-001"));
}

#[test]
fn image_ages_deprecated_images_agents_and_patches() {
    let (judged, report, fleet) = report();
    let img = &report.images;
    let collected_at = s(&fleet, "collected_at");
    let images: BTreeMap<&str, &Value> = arr(&fleet, "images")
        .iter()
        .map(|i| (s(i, "ImageId"), i))
        .collect();
    let instances = arr(&fleet, "instances");

    // Image age histogram: every instance in exactly one band.
    let edges = [0, 30, 90, 180, 365];
    let mut bands = [0usize; 6];
    for i in instances {
        match images.get(s(i, "ImageId")) {
            Some(image) => {
                let age = days(s(image, "CreationTime"), collected_at);
                bands[edges.iter().rposition(|&e| age >= e).unwrap_or(0)] += 1;
            }
            None => bands[5] += 1,
        }
    }
    let shown: Vec<usize> = img.age_bands.iter().map(|b| b.instances).collect();
    assert_eq!(shown, bands);
    assert_eq!(img.max_age_days, Some(180));
    // The bands past the limit hold exactly ECS-001's failures (an instance per finding).
    let old: usize = img
        .in_use
        .iter()
        .filter(|i| i.instances > 0 && i.age_days.is_some_and(|d| d > 180))
        .map(|i| i.instances)
        .sum();
    let ecs001 = judged
        .evaluation
        .findings
        .iter()
        .filter(|f| judged.policies.rules[f.rule].meta.id == "ECS-001" && f.status == Status::Fail)
        .count();
    assert_eq!(old, ecs001);

    // Deprecated or unavailable images in use (by instances or active configurations).
    let mut used: BTreeSet<&str> = instances.iter().map(|i| s(i, "ImageId")).collect();
    for g in arr(&fleet, "scaling_groups") {
        let active = s(g, "ActiveScalingConfigurationId");
        for c in arr(g, "scaling_configurations") {
            if s(c, "ScalingConfigurationId") == active {
                used.insert(s(c, "ImageId"));
            }
        }
    }
    let not_available: BTreeSet<&str> = used
        .iter()
        .copied()
        .filter(|id| {
            images
                .get(id)
                .is_some_and(|i| s(i, "Status") != "Available")
        })
        .collect();
    let shown: BTreeSet<&str> = img
        .in_use
        .iter()
        .filter(|i| i.not_available())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(shown, not_available);
    assert!(!shown.is_empty(), "the demo runs a deprecated image");
    assert_eq!(img.in_use.len(), used.len());

    // End-of-life OS: from the findings of the EOL rules, when the policy set has any.
    let eol_rules: Vec<usize> = (0..judged.policies.rules.len())
        .filter(|&r| operator::images::is_end_of_life_rule(&judged.policies.rules[r].package))
        .collect();
    assert_eq!(img.end_of_life.rules.len(), eol_rules.len());
    let eol_fail = judged
        .evaluation
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail && eol_rules.contains(&f.rule))
        .count();
    assert_eq!(img.end_of_life.failing.len(), eol_fail);

    // Cloud Assistant among running instances, region by region.
    let agents: BTreeMap<&str, &Value> = arr(&fleet, "cloud_assistant")
        .iter()
        .map(|a| (s(a, "InstanceId"), a))
        .collect();
    let failed_regions: BTreeSet<&str> = arr(&fleet, "collection_errors")
        .iter()
        .filter(|e| s(e, "action") == "DescribeCloudAssistantStatus")
        .map(|e| s(e, "region"))
        .collect();
    for row in &img.cloud_assistant {
        let running: Vec<&Value> = instances
            .iter()
            .filter(|i| s(i, "RegionId") == row.region && s(i, "Status") == "Running")
            .collect();
        let agent_running = running
            .iter()
            .filter(|i| {
                agents
                    .get(s(i, "InstanceId"))
                    .is_some_and(|a| a["CloudAssistantStatus"] == true)
            })
            .count();
        let without = running
            .iter()
            .filter(|i| !agents.contains_key(s(i, "InstanceId")))
            .count();
        assert_eq!(row.running_instances, running.len(), "{}", row.region);
        assert_eq!(row.agent_running, agent_running, "{}", row.region);
        assert_eq!(
            row.not_collected,
            failed_regions.contains(row.region.as_str())
        );
        // Where the status was not collected, a missing record is not verified, not absent.
        if row.not_collected {
            assert_eq!((row.unverified, row.no_record), (without, 0));
        } else {
            assert_eq!((row.no_record, row.unverified), (without, 0));
        }
    }

    // OOS patch states.
    let states = arr(&fleet, "patch_states");
    let positive = |field: &str| {
        states
            .iter()
            .filter(|p| p[field].as_i64().unwrap_or(0) > 0)
            .count()
    };
    let p = &img.patches;
    assert!(p.collected);
    assert_eq!(p.instances_with_state, states.len());
    assert_eq!(p.missing, positive("MissingCount"));
    assert_eq!(p.failed, positive("FailedCount"));
    assert_eq!(p.pending_reboot, positive("InstalledPendingRebootCount"));
    let attention = states
        .iter()
        .filter(|p| p["MissingCount"].as_i64() > Some(0) || p["FailedCount"].as_i64() > Some(0))
        .count();
    assert_eq!(p.attention.len(), attention);
}

#[test]
fn spot_share_protections_reclaims_and_standalone_instances() {
    let (_, report, fleet) = report();
    let spot = &report.spot;
    let instances = arr(&fleet, "instances");
    assert_eq!(spot.instances, instances.len());
    assert_eq!(
        spot.spot_instances,
        instances.iter().filter(|i| is_spot(i)).count()
    );
    let groups = arr(&fleet, "scaling_groups");
    for (g, row) in groups.iter().zip(&spot.groups) {
        let (sc, total) = (
            g["SpotCapacity"].as_i64().unwrap(),
            g["TotalCapacity"].as_i64().unwrap(),
        );
        assert_eq!(row.name, s(g, "ScalingGroupName"));
        assert_eq!(row.share, (total > 0).then(|| sc as f64 / total as f64));
        let hook = arr(g, "lifecycle_hooks").iter().any(|h| {
            s(h, "LifecycleTransition") == "SCALE_IN"
                && s(h, "LifecycleHookStatus").eq_ignore_ascii_case("active")
        });
        assert_eq!(row.scale_in_hook, Some(hook), "{}", row.name);
        assert_eq!(row.remedy, g["SpotInstanceRemedy"].as_bool());
        assert_eq!(row.compensate, g["CompensateWithOnDemand"].as_bool());
        if row.uses_spot {
            let mut missing = Vec::new();
            if row.remedy != Some(true) {
                missing.push("SpotInstanceRemedy");
            }
            if row.compensate != Some(true) {
                missing.push("CompensateWithOnDemand");
            }
            if !hook {
                missing.push("scale-in hook");
            }
            assert_eq!(row.missing_protections(), missing, "{}", row.name);
        }
    }
    assert_eq!(
        spot.group_spot_capacity,
        groups
            .iter()
            .map(|g| g["SpotCapacity"].as_i64().unwrap())
            .sum::<i64>()
    );

    // Reclaimed now: a Recycling lock (or an open preemption event).
    let locked: BTreeSet<&str> = instances
        .iter()
        .filter(|i| {
            arr(i, "OperationLocks")
                .iter()
                .any(|l| s(l, "LockReason") == "Recycling")
        })
        .map(|i| s(i, "InstanceId"))
        .collect();
    let shown: BTreeSet<&str> = spot
        .reclaiming
        .iter()
        .map(|r| r.instance.as_str())
        .collect();
    assert!(shown.is_superset(&locked));
    assert!(!locked.is_empty(), "the demo has instances being reclaimed");

    // Standalone: spot and listed by no group.
    let members: BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| arr(g, "scaling_instances"))
        .map(|si| s(si, "InstanceId"))
        .collect();
    let standalone: BTreeSet<&str> = instances
        .iter()
        .filter(|i| is_spot(i) && !members.contains(s(i, "InstanceId")))
        .map(|i| s(i, "InstanceId"))
        .collect();
    let shown: BTreeSet<&str> = spot
        .standalone
        .iter()
        .map(|s| s.instance.as_str())
        .collect();
    assert_eq!(shown, standalone);
}

#[test]
fn open_questions_hold_every_unknown_and_every_collection_error() {
    let (judged, report, fleet) = report();
    let q = &report.questions;
    let unknown = judged
        .evaluation
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
        .count();
    assert_eq!(q.unknown_findings, unknown);
    assert_eq!(
        q.unknown.iter().map(|u| u.resources.len()).sum::<usize>(),
        unknown
    );
    assert!(q.unknown.iter().all(|u| !u.why.is_empty()));
    let errors = arr(&fleet, "collection_errors");
    assert_eq!(q.collection_errors.len(), errors.len());
    for (e, shown) in errors.iter().zip(&q.collection_errors) {
        assert_eq!(
            (shown.action.as_str(), shown.region.as_str()),
            (s(e, "action"), s(e, "region"))
        );
    }
    assert!(!q.out_of_scope.is_empty());
}

/// Section headings, in order, in both renderings.
const SECTIONS: [&str; 6] = [
    "Summary",
    "Inventory and instance types",
    "Auto Scaling",
    "Patch and image compliance",
    "Spot risk",
    "Open questions",
];

#[test]
fn markdown_carries_the_sections_as_tables() {
    let (judged, report, fleet) = report();
    let md = judged.render(OperatorFormat::Markdown);
    let mut at = 0;
    for title in SECTIONS {
        let found = md[at..]
            .find(&format!("\n## {title}\n"))
            .unwrap_or_else(|| panic!("no section {title}"));
        at += found + 1;
    }
    // Charts are tables of their figures.
    for c in &report.inventory.by_zone {
        assert!(
            md.contains(&format!("| {} | {} |", c.key, c.count)),
            "{}",
            c.key
        );
    }
    for g in arr(&fleet, "scaling_groups") {
        assert!(md.contains(&format!(
            "### {} ({})",
            s(g, "ScalingGroupName"),
            s(g, "ScalingGroupId")
        )));
    }
    for e in arr(&fleet, "collection_errors") {
        assert!(md.contains(s(e, "code")));
    }
    assert!(
        md.contains("*[Confirmed fact]*")
            && md.contains("*[Judgement]*")
            && md.contains("*[Not verified]*")
    );
}

#[test]
fn html_is_self_contained_and_escapes_the_snapshot() {
    // A snapshot whose strings try to inject markup.
    let mut fleet = fleet();
    let hostile = "<script>alert('x')</script>|**bold**";
    fleet["instances"][0]["ZoneId"] = Value::from(hostile);
    fleet["instances"][0]["InstanceName"] = Value::from(hostile);
    fleet["scaling_groups"][0]["ScalingGroupName"] = Value::from("<img src=x onerror=alert(1)>");
    let dir = scratch("escape");
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_string_pretty(&fleet).unwrap()).unwrap();
    let judged = Judged::load(&path);
    let html = judged.render(OperatorFormat::Html);
    assert!(!html.contains("<script"), "unescaped script");
    assert!(!html.contains("<img"), "unescaped img");
    assert!(html.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Nothing is fetched: no links, scripts, external sources or fonts.
    for needle in ["<link", " src=\"", "url(", "@import", "https://", "<iframe"] {
        assert!(!html.contains(needle), "found {needle}");
    }
    let md = judged.render(OperatorFormat::Markdown);
    assert!(
        md.contains("\\<script\\>") || md.contains("&lt;script"),
        "markdown escapes markup"
    );
    assert!(
        !md.contains("| <script>alert('x')</script>|"),
        "a pipe would split the cell"
    );
}

/// Runs ecsguard from the repository root; returns its exit code and stdout.
fn ecsguard<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ecsguard"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    if !out.stderr.is_empty() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn report_command_writes_html_and_markdown() {
    let dir = scratch("command");
    let html_path = dir.join("report.html");
    let html_arg = html_path.display().to_string();
    assert_eq!(ecsguard(&["report", FLEET, "-o", &html_arg]).0, Some(0));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in [
        "summary",
        "inventory",
        "scaling",
        "images",
        "spot",
        "questions",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "zone, image age and spot share charts"
    );
    assert!(html.contains("@media print"));

    let now = ["--now", "2027-06-01T00:00:00Z"];
    let (code, md) = ecsguard(&["report", FLEET, "--format", "markdown", now[0], now[1]]);
    assert_eq!(code, Some(0));
    assert!(md.starts_with("# Fleet operator report"));
    assert!(md.contains("- **Measured at:** 2027-06-01T00:00:00Z"));

    // The baseline (and every other option) is check's own.
    let baseline = dir.join("baseline.json").display().to_string();
    let json = format!("json={baseline}");
    assert_eq!(ecsguard(&["check", FLEET, "--output", &json]).0, Some(1));
    let (code, md) = ecsguard(&[
        "report",
        FLEET,
        "--format",
        "markdown",
        "--baseline",
        &baseline,
    ]);
    assert_eq!(code, Some(0));
    assert!(md.contains("Against the baseline: 0 new failures"), "{md}");
}

/// Debian's Chromium, where the test setup (`.ci/run`) installs it.
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs headless Chromium on `page` with `args`; returns (stdout, stderr).
fn run_chromium(browser: &Path, profile: &Path, args: &[&str], page: &Path) -> (String, String) {
    // Output goes to files: a full pipe would stall the browser.
    let (stdout, stderr) = (profile.with_extension("out"), profile.with_extension("err"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("chromium starts");
    // A browser that hangs must not hang the suite.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    (read(&stdout), read(&stderr))
}

#[test]
fn html_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        println!("SKIPPED html_renders_in_headless_chromium: no Chromium at /usr/bin/chromium (apt-get install -y chromium; .ci/run installs it)");
        return;
    };
    let dir = scratch("chromium");
    let page = dir.join("operator-report.html");
    let judged = Judged::load(&root().join(FLEET));
    std::fs::write(&page, judged.render(OperatorFormat::Html)).unwrap();

    let (dom, log) = run_chromium(&browser, &dir.join("profile-dom"), &["--dump-dom"], &page);
    for title in SECTIONS {
        assert!(dom.contains(&format!(">{title}</h2>")), "DOM lacks {title}");
    }
    assert!(dom.contains("<svg"), "charts are in the DOM");
    // Console messages (script errors, refused loads) are logged as CONSOLE lines.
    let complaints: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .collect();
    assert!(
        complaints.is_empty(),
        "browser complained:\n{}",
        complaints.join("\n")
    );

    let png = dir.join("operator-report.png");
    let (_, log) = run_chromium(
        &browser,
        &dir.join("profile-shot"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,4000",
            "--hide-scrollbars",
        ],
        &page,
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 50_000,
        "screenshot too small to hold the page: {} bytes",
        bytes.len()
    );
    println!("screenshot: {}", png.display());
}
