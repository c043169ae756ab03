//! Whole collections against the fake API of `tests/common`: two regions,
//! every list the collector reads, multi-page answers shaped like the
//! documented samples; the snapshot complete, valid and checkable; faults
//! that change nothing; a denied action recorded and gating the exit code;
//! secrets that never leave the process; the benchmark under a rate limit.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::fleet::{fleet, Fleet};
use common::{run, Fake, Plan, RandomFaults, ACCOUNT_ID, ID, SECRET, TOKEN};
use ecsguard::collect::client::{Client, ClientConfig, RetryPolicy};
use ecsguard::collect::collector::{collect, Regions, Silent};
use ecsguard::collect::credentials::Credential;
use serde_json::Value;

const REGIONS: [&str; 2] = ["cn-hangzhou", "cn-shanghai"];

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("collect_full")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary, with only the fake's credentials in its environment.
fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ecsguard"));
    for (k, _) in std::env::vars() {
        if k.starts_with("ALIBABA") || k.starts_with("ALICLOUD") || k.starts_with("ECSGUARD") {
            c.env_remove(k);
        }
    }
    c.env("HOME", home)
        .env("NO_COLOR", "1")
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
    c
}

/// `ecsguard collect` of both regions from `fake` into `out`.
fn collect_both_regions(home: &Path, fake: &Fake, out: &Path) -> Command {
    let mut c = bin(home);
    c.args([
        "collect",
        "--regions",
        "cn-hangzhou,cn-shanghai",
        "--endpoint",
    ])
    .arg(fake.url())
    .arg("-o")
    .arg(out);
    c
}

fn fast_client(fake: &Fake) -> Client {
    Client::new(
        &Credential::Static {
            access_key_id: ID.into(),
            access_key_secret: SECRET.into(),
            security_token: Some(TOKEN.into()),
        },
        ClientConfig {
            endpoint: Some(fake.url()),
            retry: RetryPolicy {
                max_attempts: 8,
                throttle_base: Duration::from_millis(5),
                base: Duration::from_millis(2),
                cap: Duration::from_millis(50),
                deadline: Duration::from_secs(60),
            },
            ..ClientConfig::default()
        },
    )
    .unwrap()
}

fn collect_with_library(fake: &Fake) -> Value {
    collect_regions(
        fake,
        Regions::List(REGIONS.iter().map(|r| r.to_string()).collect()),
    )
}

fn collect_regions(fake: &Fake, regions: Regions) -> Value {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let collected = runtime
        .block_on(async {
            tokio::time::timeout(
                Duration::from_secs(120),
                collect(fast_client(fake), regions, "cn-hangzhou", Arc::new(Silent)),
            )
            .await
        })
        .expect("collected within 120 s")
        .expect("no fatal error");
    collected.snapshot
}

/// Resources per collection (nested ones summed over scaling groups).
fn counts(snapshot: &Value) -> std::collections::BTreeMap<&'static str, usize> {
    let mut out = std::collections::BTreeMap::new();
    for k in ecsguard::snapshot::KINDS {
        let n = match k.parent {
            None => snapshot[k.collection].as_array().map(Vec::len),
            Some(parent) => snapshot[parent].as_array().map(|groups| {
                groups
                    .iter()
                    .map(|g| g[k.collection].as_array().map_or(0, Vec::len))
                    .sum()
            }),
        };
        if let Some(n) = n {
            out.insert(k.collection, n);
        }
    }
    out
}

/// The regions a collection's resources are in.
fn regions_of(snapshot: &Value, collection: &str) -> std::collections::BTreeSet<String> {
    snapshot[collection]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["RegionId"].as_str().unwrap().to_string())
        .collect()
}

fn assert_valid(snapshot: &Value, dir: &Path) -> PathBuf {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/snapshot.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(snapshot)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let path = dir.join("snapshot.json");
    std::fs::write(&path, serde_json::to_string_pretty(snapshot).unwrap()).unwrap();
    ecsguard::snapshot::Snapshot::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
    path
}

#[test]
fn a_full_collection_is_complete_valid_checkable_and_unchanged_by_faults() {
    let Fleet {
        plan,
        expected,
        spot_types,
    } = fleet(&REGIONS, 230, 55);
    let fake = Fake::start(plan);
    let clean = collect_with_library(&fake);
    assert_eq!(clean["collection_errors"], serde_json::json!([]));
    assert_eq!(counts(&clean), expected);
    assert_eq!(
        clean["account_id"], ACCOUNT_ID,
        "from STS GetCallerIdentity"
    );
    assert!(fake.verdicts("ok") == fake.requests(), "{:?}", fake.log());

    // Spot prices: one walk per region and type launched as spot, VPC,
    // the API's default OS and window, every Offset page read.
    let spot_calls: Vec<_> = fake
        .seen()
        .into_iter()
        .filter(|s| s.action == "DescribeSpotPriceHistory")
        .collect();
    for r in REGIONS {
        let first_pages: std::collections::BTreeSet<&str> = spot_calls
            .iter()
            .filter(|s| s.region == r && !s.params.contains_key("Offset"))
            .map(|s| s.params["InstanceType"].as_str())
            .collect();
        assert_eq!(first_pages, spot_types, "{r}");
    }
    assert_eq!(spot_calls.len(), 2 * 2 * spot_types.len(), "two pages each");
    assert!(spot_calls.iter().all(|s| s.params["NetworkType"] == "vpc"
        && !s.params.contains_key("OSType")
        && !s.params.contains_key("StartTime")));
    let prices = clean["spot_prices"].as_array().unwrap();
    for p in prices {
        assert!(REGIONS.contains(&p["RegionId"].as_str().unwrap()), "{p}");
        assert!(p["ZoneId"]
            .as_str()
            .unwrap()
            .starts_with(p["RegionId"].as_str().unwrap()));
        assert!(
            spot_types.contains(p["InstanceType"].as_str().unwrap()),
            "{p}"
        );
        assert_eq!(p["NetworkType"], "vpc");
        assert!(p["SpotPrice"].is_f64() && p["OriginPrice"].is_f64());
    }

    // What the hidden defaults would have hidden is there.
    let instances = clean["instances"].as_array().unwrap();
    assert!(instances
        .iter()
        .all(|i| i["MetadataOptions"]["HttpTokens"].is_string()));
    let statuses: Vec<&str> = clean["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"Deprecated") && statuses.contains(&"UnAvailable"));
    // Whoever owns them: marketplace images asked for apart, only the ids
    // the default owners (system, self, others) did not have.
    let owners: std::collections::BTreeSet<&str> = clean["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ImageOwnerAlias"].as_str().unwrap())
        .collect();
    assert_eq!(
        owners.into_iter().collect::<Vec<_>>(),
        ["marketplace", "others", "self", "system"]
    );
    let marketplace: Vec<String> = fake
        .seen()
        .iter()
        .filter(|s| s.action == "DescribeImages")
        .filter_map(|s| {
            Some(format!(
                "{} {}",
                s.params.get("ImageOwnerAlias")?,
                s.params["ImageId"]
            ))
        })
        .collect();
    assert_eq!(
        marketplace.len(),
        2,
        "one marketplace call per region: {marketplace:?}"
    );
    assert!(marketplace
        .iter()
        .all(|m| m.starts_with("marketplace m-marketplace-") && !m.contains(',')));
    assert!(clean["instance_events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["EventCycleStatus"]["Name"] == "Scheduled"));
    let group = &clean["scaling_groups"][0];
    assert_eq!(
        group["scaling_rules"][0]["Alarms"][0]["MetricName"],
        "CpuUtilization"
    );
    assert_eq!(group["lifecycle_hooks"][0]["HeartbeatTimeout"], 60);
    let g6 = clean["instance_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["InstanceTypeId"] == "ecs.g6.large")
        .unwrap();
    assert_eq!(
        g6["Generation"], "ecs-5",
        "joined from DescribeInstanceTypeFamilies"
    );
    assert_eq!(
        clean["deployment_sets"][0]["CreationTime"],
        "2019-07-23T09:24:33Z"
    );
    assert_eq!(clean["cloud_assistant"][0]["CloudAssistantStatus"], false);

    let dir = scratch("full");
    let path = assert_valid(&clean, &dir);
    let (code, out, err) = run(bin(&dir).args(["check", "--format", "json"]).arg(&path));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let findings: Value = serde_json::from_str(&out).unwrap();
    assert!(
        findings["errors"].as_array().unwrap().is_empty(),
        "{}",
        findings["errors"]
    );
    let judged = |rule: &str| {
        findings["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"]["id"] == rule)
            .map(|f| f["status"].as_str().unwrap())
            .collect::<Vec<_>>()
    };
    let failed = |rule: &str| judged(rule).iter().filter(|s| **s == "fail").count();
    assert!(failed("ECS-003") > 0, "agents reported down fail ECS-003");
    assert_eq!(
        failed("ECS-039"),
        REGIONS.len(),
        "the newest c5 sample in zone b is near the pay-as-you-go price"
    );
    // Price limits judged against the collected market price: the c5
    // instances bidding in zone b are below it.
    let limits = judged("ECS-042");
    assert!(
        limits.contains(&"fail") && limits.contains(&"pass") && !limits.contains(&"unknown"),
        "{limits:?}"
    );

    // 30 % throttling and 5 % 503s: the same snapshot.
    let Fleet { mut plan, .. } = fleet(&REGIONS, 230, 55);
    plan.random_faults = RandomFaults {
        throttle_percent: 30,
        unavailable_percent: 5,
    };
    let faulty = Fake::start(plan);
    let mut again = collect_with_library(&faulty);
    assert!(
        faulty.verdicts("throttled") > faulty.requests() / 5,
        "throttling injected"
    );
    assert!(faulty.verdicts("503") > 0, "503s injected");
    again["collected_at"] = clean["collected_at"].clone();
    let endpoint = clean["collector"]["endpoint"].clone();
    again["collector"]["endpoint"] = endpoint;
    assert!(again == clean, "faults changed the snapshot");
}

#[test]
fn a_denied_action_is_recorded_gates_the_exit_code_and_makes_its_rules_unknown() {
    let Fleet { plan, .. } = fleet(&REGIONS, 30, 3);
    let fake = Fake::start(plan.forbid("DescribeCloudAssistantStatus", Some("cn-shanghai")));
    let dir = scratch("denied");
    let out = dir.join("snapshot.json");
    let collect = |extra: &[&str]| run(collect_both_regions(&dir, &fake, &out).args(extra));
    let (code, _, err) = collect(&[]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("DescribeCloudAssistantStatus in cn-shanghai: Forbidden.RAM")
            && err.contains("ecs:DescribeCloudAssistantStatus"),
        "{err}"
    );
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let errors = snapshot["collection_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(
        (
            &e["product"],
            &e["action"],
            &e["region"],
            &e["code"],
            e["http_status"].as_u64()
        ),
        (
            &Value::from("Ecs"),
            &Value::from("DescribeCloudAssistantStatus"),
            &Value::from("cn-shanghai"),
            &Value::from("Forbidden.RAM"),
            Some(403)
        )
    );
    assert!(e["request_id"].as_str().unwrap().starts_with("REQ-"));
    // The rest was collected, in both regions.
    let regions_of = |c: &str| regions_of(&snapshot, c);
    assert_eq!(regions_of("instances").len(), 2);
    assert_eq!(
        regions_of("cloud_assistant")
            .into_iter()
            .collect::<Vec<_>>(),
        ["cn-hangzhou"]
    );
    assert_valid(&snapshot, &dir);

    let (code, _, err) = collect(&["--allow-partial", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "--quiet: {err}");

    let (code, stdout, err) = run(bin(&dir).args(["check", "--format", "json"]).arg(&out));
    assert!(code == 0 || code == 1, "{err}");
    let findings: Value = serde_json::from_str(&stdout).unwrap();
    let agent: Vec<&Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"]["id"] == "ECS-003" && f["resource"]["type"] == "instance")
        .collect();
    let statuses = |r: &str| -> Vec<&str> {
        agent
            .iter()
            .filter(|f| f["resource"]["region"] == r)
            .map(|f| f["status"].as_str().unwrap())
            .collect()
    };
    let shanghai = statuses("cn-shanghai");
    let hangzhou = statuses("cn-hangzhou");
    assert!(
        !shanghai.is_empty() && shanghai.iter().all(|s| *s == "unknown"),
        "{shanghai:?}"
    );
    assert!(
        !hangzhou.is_empty() && hangzhou.iter().all(|s| *s != "unknown"),
        "{hangzhou:?}"
    );

    // scan: collect and check in one run; the partial collection gates.
    let report = dir.join("report.html");
    let (code, stdout, err) = run(bin(&dir)
        .args([
            "scan",
            "--regions",
            "cn-hangzhou,cn-shanghai",
            "--quiet",
            "--format",
            "json",
            "--endpoint",
        ])
        .arg(fake.url()));
    assert_eq!(code, 3, "{err}");
    let scanned: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        scanned["findings"].as_array().unwrap().len(),
        findings["findings"].as_array().unwrap().len()
    );
    let (code, _, err) = run(bin(&dir)
        .args([
            "scan",
            "--regions",
            "cn-hangzhou,cn-shanghai",
            "--quiet",
            "--allow-partial",
            "--fail-on",
            "critical",
            "--report",
        ])
        .arg(&report)
        .arg("--endpoint")
        .arg(fake.url()));
    assert_eq!(code, 0, "{err}");
    // --report: the operator report of the same run, naming what failed to collect.
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..200.min(html.len())]
    );
    assert!(html.contains("Open questions") && html.contains("DescribeCloudAssistantStatus"));
}

#[test]
fn spot_prices_denied_in_a_region_are_an_error_there_and_no_spot_use_is_no_call() {
    let Fleet { plan, .. } = fleet(&REGIONS, 30, 3);
    let fake = Fake::start(plan.forbid("DescribeSpotPriceHistory", Some("cn-shanghai")));
    let snapshot = collect_with_library(&fake);
    let errors = snapshot["collection_errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for e in errors {
        assert_eq!(
            (&e["product"], &e["action"], &e["region"], &e["code"]),
            (
                &Value::from("Ecs"),
                &Value::from("DescribeSpotPriceHistory"),
                &Value::from("cn-shanghai"),
                &Value::from("Forbidden.RAM")
            ),
            "{e}"
        );
        assert!(e["message"].as_str().unwrap().contains("not authorized"));
    }
    let regions: std::collections::BTreeSet<&str> = snapshot["spot_prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["RegionId"].as_str().unwrap())
        .collect();
    assert_eq!(regions.into_iter().collect::<Vec<_>>(), ["cn-hangzhou"]);
    let dir = scratch("spot_denied");
    let path = assert_valid(&snapshot, &dir);
    let (code, out, err) = run(bin(&dir).args(["check", "--format", "json"]).arg(&path));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let findings: Value = serde_json::from_str(&out).unwrap();
    // Price limits against the market: unknown where the prices are missing.
    let statuses = |region: &str| -> Vec<String> {
        findings["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"]["id"] == "ECS-042" && f["resource"]["region"] == region)
            .map(|f| f["status"].as_str().unwrap().to_string())
            .collect()
    };
    let (shanghai, hangzhou) = (statuses("cn-shanghai"), statuses("cn-hangzhou"));
    assert!(
        !shanghai.is_empty() && shanghai.iter().all(|s| s == "unknown"),
        "{shanghai:?}"
    );
    assert!(
        !hangzhou.is_empty() && hangzhou.iter().all(|s| s != "unknown"),
        "{hangzhou:?}"
    );

    // No spot in a region: no call there, and an empty list is complete.
    let Fleet { mut plan, .. } = fleet(&REGIONS, 30, 3);
    for action in ["DescribeInstances", "DescribeScalingConfigurations"] {
        for item in plan
            .data
            .get_mut(&(action.to_string(), "cn-shanghai".to_string()))
            .unwrap()
        {
            item["SpotStrategy"] = Value::from("NoSpot");
        }
    }
    let fake = Fake::start(plan.forbid("DescribeSpotPriceHistory", Some("cn-shanghai")));
    let snapshot = collect_with_library(&fake);
    assert_eq!(snapshot["collection_errors"], serde_json::json!([]));
    assert!(fake
        .seen()
        .iter()
        .all(|s| s.action != "DescribeSpotPriceHistory" || s.region == "cn-hangzhou"));
    let prices = snapshot["spot_prices"].as_array().unwrap();
    assert!(!prices.is_empty() && prices.iter().all(|p| p["RegionId"] == "cn-hangzhou"));
}

#[test]
fn the_account_id_is_best_effort() {
    let Fleet { plan, expected, .. } = fleet(&REGIONS, 12, 2);
    let fake = Fake::start(plan.forbid("GetCallerIdentity", None));
    let snapshot = collect_with_library(&fake);
    assert!(snapshot.get("account_id").is_none());
    assert_eq!(counts(&snapshot), expected, "the rest collected");
    let errors = snapshot["collection_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (
            &errors[0]["product"],
            &errors[0]["action"],
            &errors[0]["code"]
        ),
        (
            &Value::from("Sts"),
            &Value::from("GetCallerIdentity"),
            &Value::from("Forbidden.RAM")
        )
    );
    assert_valid(&snapshot, &scratch("account_id"));
}

#[test]
fn regions_all_collects_each_product_in_the_regions_its_own_list_names() {
    let Fleet { mut plan, .. } = fleet(&REGIONS, 30, 3);
    // ECI is offered in the first region only; ESS's list is denied.
    plan.data.insert(
        ("Eci.DescribeRegions".into(), REGIONS[0].into()),
        vec![serde_json::json!({"RegionId": REGIONS[0], "RegionEndpoint": "eci.aliyuncs.com", "Zones": [], "RecommendZones": []})],
    );
    let fake = Fake::start(plan.forbid("Ess.DescribeRegions", None));
    let snapshot = collect_regions(&fake, Regions::All);
    assert_eq!(snapshot["regions"], serde_json::json!(REGIONS));
    let errors = snapshot["collection_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (
            &errors[0]["product"],
            &errors[0]["action"],
            &errors[0]["region"],
            &errors[0]["code"]
        ),
        (
            &Value::from("Ess"),
            &Value::from("DescribeRegions"),
            &Value::from(REGIONS[0]),
            &Value::from("Forbidden.RAM")
        )
    );
    let seen = fake.seen();
    // No ESS call but its region list: Auto Scaling was not collected.
    let ess: Vec<&str> = seen
        .iter()
        .filter(|s| s.params["Version"] == "2014-08-28")
        .map(|s| s.action.as_str())
        .collect();
    assert_eq!(ess, ["Ess.DescribeRegions"]);
    assert!(snapshot.get("scaling_groups").is_none());
    // ECI only where its list names, ECS everywhere.
    let regions_called = |action: &str| -> std::collections::BTreeSet<&str> {
        seen.iter()
            .filter(|s| s.action == action)
            .map(|s| s.region.as_str())
            .collect()
    };
    assert_eq!(
        regions_called("DescribeContainerGroups")
            .into_iter()
            .collect::<Vec<_>>(),
        [REGIONS[0]]
    );
    assert_eq!(regions_called("DescribeInstances").len(), 2);
    let regions_of = |c: &str| regions_of(&snapshot, c);
    assert_eq!(regions_of("container_groups").len(), 1);
    assert_eq!(regions_of("instances").len(), 2);
    assert_eq!(regions_of("images").len(), 2);
    assert_valid(&snapshot, &scratch("regions_all"));
}

/// Every form in which a secret could show: raw, percent-encoded once
/// (query string) or twice (string to sign).
fn forms(secret: &str) -> Vec<String> {
    let once = common::enc(secret);
    let twice = common::enc(&once);
    vec![secret.to_string(), once, twice]
}

#[test]
fn secrets_never_appear_in_output_traces_errors_or_the_snapshot() {
    let Fleet { plan, .. } = fleet(&REGIONS, 12, 2);
    let fake = Fake::start(plan);
    let dir = scratch("secrets");
    let (code, stdout, stderr) = run(bin(&dir)
        .args([
            "collect",
            "--verbose",
            "--regions",
            "all",
            "-o",
            "-",
            "--endpoint",
        ])
        .arg(fake.url()));
    assert_eq!(code, 0, "{stderr}");
    let snapshot: Value = serde_json::from_str(&stdout).expect("the snapshot on stdout");
    assert_eq!(snapshot["regions"], serde_json::json!(REGIONS));
    assert!(
        stderr.matches("trace: ").count() >= fake.requests(),
        "a trace per request"
    );
    assert!(
        stderr.contains("Signature=<redacted>") && stderr.contains("SecurityToken=%3Credacted%3E")
    );
    assert!(stderr.contains("AccessKeyId=LTAI%2A%2A%2A%2A"), "{stderr}");
    for secret in [SECRET, TOKEN] {
        for form in forms(secret) {
            for (what, text) in [("stdout", &stdout), ("stderr", &stderr)] {
                assert!(!text.contains(&form), "{form} in {what}");
            }
        }
    }
    assert!(!stderr.contains(ID), "the full AccessKey id in a trace");

    // A wrong secret: a fatal error naming the action, with RequestId and
    // hint; the gateway's echo of its string to sign (token inside) scrubbed;
    // the snapshot that was there before is left alone.
    let kept = dir.join("kept.json");
    std::fs::write(&kept, "previous snapshot").unwrap();
    let (code, stdout, stderr) = run(bin(&dir)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong-secret-value")
        .args(["collect", "--verbose", "--regions", "cn-hangzhou", "-o"])
        .arg(&kept)
        .arg("--endpoint")
        .arg(fake.url()));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("SignatureDoesNotMatch")
            && stderr.contains("RequestId REQ-")
            && stderr.contains("secret does not belong"),
        "{stderr}"
    );
    // The first call of a run asks who the keys belong to.
    assert!(
        stderr.contains("Sts GetCallerIdentity in cn-hangzhou: SignatureDoesNotMatch"),
        "names the action: {stderr}"
    );
    for secret in ["wrong-secret-value", TOKEN] {
        for form in forms(secret) {
            assert!(
                !stderr.contains(&form) && !stdout.contains(&form),
                "{form} leaked"
            );
        }
    }
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "previous snapshot");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unwritable_output_fails_before_collecting() {
    let fake = Fake::start(Plan::default());
    let dir = scratch("unwritable");
    let target = dir.join("no/such/dir/snapshot.json");
    let (code, _, stderr) = run(bin(&dir)
        .args(["collect", "--regions", "cn-hangzhou", "--endpoint"])
        .arg(fake.url())
        .arg("-o")
        .arg(&target));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot write the snapshot to")
            && stderr.contains("no/such/dir/snapshot.json"),
        "{stderr}"
    );
    assert_eq!(fake.requests(), 0, "nothing was asked");
    let (code, _, stderr) = run(bin(&dir).args(["collect", "--regions", ",", "-o", "x.json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--regions names no region"), "{stderr}");
}

/// The benchmark (BENCHMARKS.md): a 2-region fleet from a fake API that
/// allows each action RATE requests per second per region (0: no limit).
/// `BENCH_INSTANCES=2000 BENCH_RATE=20 BENCH_CONCURRENCY=8 cargo test --release --test collect_full -- --ignored --nocapture`
#[test]
#[ignore]
fn benchmark_rate_limited_collection() {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let instances = var("BENCH_INSTANCES", 2000);
    let groups = var("BENCH_GROUPS", 20);
    let rate = var("BENCH_RATE", 20);
    let concurrency = var("BENCH_CONCURRENCY", 8);
    let Fleet {
        mut plan, expected, ..
    } = fleet(&REGIONS, instances, groups);
    // BENCH_RATE=0: no limit at all.
    plan.rate_limit = (rate > 0).then_some(rate);
    let fake = Fake::start(plan);
    let dir = scratch("bench");
    let out = dir.join("snapshot.json");
    let started = Instant::now();
    let (code, _, stderr) = run(collect_both_regions(&dir, &fake, &out)
        .arg("--concurrency")
        .arg(concurrency.to_string()));
    let wall = started.elapsed();
    assert_eq!(code, 0, "{stderr}");
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(counts(&snapshot), expected);
    // The floor: the busiest (action, region) needs `pages` answers at
    // `rate` a second.
    let mut pages: std::collections::HashMap<(String, String), usize> = Default::default();
    for s in fake.seen().iter().filter(|s| s.verdict == "ok") {
        *pages
            .entry((s.action.clone(), s.region.clone()))
            .or_default() += 1;
    }
    let (busiest, most) = pages.iter().max_by_key(|(_, n)| **n).unwrap();
    let answered_at = |lane: &(String, String)| {
        fake.seen()
            .iter()
            .filter(|s| s.verdict == "ok" && (&s.action, &s.region) == (&lane.0, &lane.1))
            .map(|s| s.at.duration_since(started).as_secs_f64())
            .fold((f64::MAX, 0.0f64), |(a, b), t| (a.min(t), b.max(t)))
    };
    let (first, last) = answered_at(busiest);
    let mut throttled: std::collections::BTreeMap<&str, usize> = Default::default();
    let seen = fake.seen();
    for s in seen.iter().filter(|s| s.verdict == "rate-limited") {
        *throttled.entry(s.action.as_str()).or_default() += 1;
    }
    let floor = *most as f64 / rate.max(1) as f64;
    println!(
        "instances/region {instances}, groups/region {groups}, rate {rate}/s per action and region, concurrency {concurrency}: wall {:.2} s, {} requests ({} answered, {} throttled), busiest {busiest:?} with {most} pages: floor {floor:.2} s, ratio {:.2}",
        wall.as_secs_f64(),
        fake.requests(),
        fake.verdicts("ok"),
        fake.verdicts("rate-limited"),
        wall.as_secs_f64() / floor.max(0.001)
    );
    println!(
        "busiest walk answered from {first:.2} s to {last:.2} s; throttled by action: {throttled:?}"
    );
    println!("{}", stderr.trim());
}
