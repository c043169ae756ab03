//! Machine formats, waivers and baselines, end to end through the binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ecsguard"));
    c.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    c
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("formats")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    dir
}

const RULE: &str = r#"# METADATA
# title: Instance runs with public metadata
# description: Public instance with IMDSv1.
# custom:
#   id: T-IMDS
#   severity: high
#   resource_type: instance
#   remediation:
#     text: Require tokens.
#     cli: aliyun ecs ModifyInstanceMetadataOptions --InstanceId {InstanceId} --HttpTokens required
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/
package test.imds

deny contains f if {
	some i, inst in input.instances
	inst.MetadataOptions.HttpTokens == "optional"
	f := {"pointer": sprintf("/instances/%d/MetadataOptions/HttpTokens", [i]), "msg": sprintf("%s allows IMDSv1 <&\"'>", [inst.InstanceId])}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.MetadataOptions
	f := {"pointer": sprintf("/instances/%d", [i]), "msg": "MetadataOptions were not collected"}
}
"#;

fn instance(id: &str, tokens: Option<&str>) -> Value {
    let mut v = json!({"InstanceId": id, "RegionId": "cn-hangzhou", "Status": "Running"});
    if let Some(t) = tokens {
        v["MetadataOptions"] = json!({"HttpTokens": t});
    }
    v
}

fn setup(name: &str, instances: Vec<Value>) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let snap = json!({
        "schema_version": "1", "collected_at": "2026-11-20T06:00:00Z", "regions": ["cn-hangzhou"],
        "collector": {"name": "test", "version": "0"}, "instances": instances, "collection_errors": []
    });
    std::fs::write(
        dir.join("snap.json"),
        serde_json::to_string_pretty(&snap).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("policies/imds.rego"), RULE).unwrap();
    (dir.clone(), dir.join("snap.json"))
}

fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(dir)
        .args(["check", "snap.json", "--no-builtin", "--policy", "policies"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn default_fleet() -> Vec<Value> {
    vec![
        instance("i-a", Some("optional")),
        instance("i-b", Some("required")),
        instance("i-c", None),
    ]
}

fn validator(schema_path: &Path) -> Option<jsonschema::Validator> {
    let text = std::fs::read_to_string(schema_path).ok()?;
    let schema: Value = serde_json::from_str(&text).unwrap();
    Some(
        jsonschema::options()
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", schema_path.display())),
    )
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_and_located() {
    let (dir, _) = setup("sarif", default_fleet());
    let (code, out, err) = check(&dir, &["--format", "sarif"]);
    assert_eq!(code, 1, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let run = &doc["runs"][0];
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "T-IMDS");
    assert_eq!(rule["properties"]["security-severity"], "8.0");
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .contains("Require tokens."));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "fail and unknown, no passes");
    let fail = results.iter().find(|r| r["level"] == "error").unwrap();
    assert_eq!(fail["ruleId"], "T-IMDS");
    assert_eq!(
        fail["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "snap.json"
    );
    let text = std::fs::read_to_string(dir.join("snap.json")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"HttpTokens\": \"optional\""))
        .unwrap()
        + 1;
    assert_eq!(
        fail["locations"][0]["physicalLocation"]["region"]["startLine"],
        line
    );
    assert_eq!(
        fail["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "policies/imds.rego"
    );
    assert_eq!(
        fail["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        15
    );
    assert_eq!(
        fail["partialFingerprints"]["ecsguardFinding/v1"],
        "T-IMDS:instance:i-a"
    );

    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    match validator(&schema) {
        Some(v) => assert_valid(&v, &doc, "SARIF output"),
        None => eprintln!("skipped: SARIF schema validation needs {} (the OASIS schema beside the repository), which is absent", schema.display()),
    }
}

#[test]
fn json_output_and_example_snapshot_match_their_schemas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let findings = validator(&root.join("schemas/findings.schema.json")).unwrap();
    let (dir, _) = setup("json_schema", default_fleet());
    let waivers = "waivers:\n  - rule: T-IMDS\n    resource: i-c\n    reason: legacy\n    owner: ops\n    expires: 2099-01-01\n";
    std::fs::write(dir.join("waivers.yaml"), waivers).unwrap();
    let (_, out, _) = check(&dir, &["--format", "json", "--waivers", "waivers.yaml"]);
    assert_valid(
        &findings,
        &serde_json::from_str(&out).unwrap(),
        "findings JSON",
    );

    let snapshot = validator(&root.join("schemas/snapshot.schema.json")).unwrap();
    let example = root.join("examples/fleet.json");
    if example.exists() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
        assert_valid(&snapshot, &doc, "examples/fleet.json");
    }
    // The schema refuses what the loader refuses.
    let mut bad: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("snap.json")).unwrap()).unwrap();
    bad["instances"][0]["Status"] = Value::Null;
    assert!(
        !snapshot.is_valid(&bad),
        "null field accepted by the schema"
    );
}

#[test]
fn junit_parses_back() {
    use quick_xml::events::Event;
    let (dir, _) = setup("junit", default_fleet());
    let (_, out, _) = check(&dir, &["--format", "junit"]);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures, mut skipped, mut suites) = (0, 0, 0, 0);
    let mut failure_type = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "testsuite" => suites += 1,
                "testcase" => cases += 1,
                "failure" => {
                    failures += 1;
                    failure_type = e
                        .try_get_attribute("type")
                        .unwrap()
                        .unwrap()
                        .value
                        .to_string();
                }
                "skipped" => skipped += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((suites, cases, failures, skipped), (1, 3, 1, 1), "{out}");
    assert_eq!(failure_type, "high");
    assert!(
        out.contains("i-a allows IMDSv1 &lt;&amp;&quot;&apos;&gt;"),
        "escaped message: {out}"
    );
}

#[test]
fn github_annotations_and_summary() {
    let (dir, _) = setup("github", default_fleet());
    let summary = dir.join("summary.md");
    let out = bin()
        .current_dir(&dir)
        .args([
            "check",
            "snap.json",
            "--no-builtin",
            "--policy",
            "policies",
            "--format",
            "github",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let error = stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(error.starts_with("::error file=snap.json,line="), "{error}");
    assert!(
        error.contains("title=T-IMDS [high] Instance runs with public metadata::i-a allows IMDSv1"),
        "{error}"
    );
    assert!(
        error.contains("%0Afix: aliyun ecs ModifyInstanceMetadataOptions --InstanceId i-a"),
        "{error}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::notice ") && l.contains("not verified")),
        "{stdout}"
    );
    let md = std::fs::read_to_string(summary).unwrap();
    assert!(
        md.starts_with("## ecsguard: 1 failed, 1 passed, 1 not verified"),
        "{md}"
    );
    assert!(md.contains("| T-IMDS | high | instance `i-a` |"), "{md}");
}

#[test]
fn several_outputs_in_one_run() {
    let (dir, _) = setup("outputs", default_fleet());
    let (code, out, err) = check(
        &dir,
        &[
            "--output",
            "sarif=out/r.sarif",
            "--output",
            "junit=r.xml",
            "--output",
            "markdown=r.md",
        ],
    );
    assert_eq!(code, 2, "out/ does not exist: {err}");
    assert!(err.contains("out/r.sarif"), "{err}");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let (code, out2, _) = check(
        &dir,
        &[
            "--output",
            "sarif=out/r.sarif",
            "--output",
            "junit=r.xml",
            "--output",
            "markdown=r.md",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        out2.contains("× [high] i-a allows IMDSv1"),
        "terminal output still printed: {out2}"
    );
    let _ = out;
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(std::fs::read_to_string(dir.join("r.xml"))
        .unwrap()
        .contains("<testsuites"));
    assert!(std::fs::read_to_string(dir.join("r.md"))
        .unwrap()
        .contains("### Failures"));
    let (code, _, err) = check(&dir, &["--output", "pdf=x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `pdf`"), "{err}");
}

#[test]
fn waivers_accept_expire_and_go_stale() {
    let (dir, _) = setup("waivers", default_fleet());
    let waivers = "waivers:\n  - rule: T-*\n    resource: i-a\n    reason: migrating in Q1\n    owner: alice\n    expires: 2026-12-31\n  - rule: T-IMDS\n    resource: i-zzz\n    reason: gone\n    owner: bob\n    expires: 2026-12-31\n";
    std::fs::write(dir.join("w.yaml"), waivers).unwrap();
    let (code, out, err) = check(
        &dir,
        &[
            "--format",
            "json",
            "--waivers",
            "w.yaml",
            "--now",
            "2026-12-31T23:00:00Z",
        ],
    );
    assert_eq!(code, 0, "the only failure is waived: {err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let a = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"]["id"] == "i-a")
        .unwrap();
    assert_eq!(a["status"], "waived");
    assert_eq!(a["waiver"]["verdict"], "fail");
    assert_eq!(a["waiver"]["owner"], "alice");
    assert_eq!(doc["summary"]["waived"], 1);
    assert_eq!(doc["waivers"]["stale"][0]["resource"], "i-zzz");
    assert_eq!(doc["waivers"]["stale"][0]["line"], 7);
    assert!(err.contains("w.yaml:7: stale waiver"), "{err}");

    // The day after expiry the failure gates again, with a warning.
    let (code, out, err) = check(
        &dir,
        &[
            "--format",
            "json",
            "--waivers",
            "w.yaml",
            "--now",
            "2027-01-01T00:00:00Z",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("w.yaml:2: waiver for T-* / i-a (owner alice) expired on 2026-12-31"),
        "{err}"
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["waivers"]["expired"][0]["owner"], "alice");

    // SARIF carries the suppression.
    let (_, out, _) = check(
        &dir,
        &[
            "--format",
            "sarif",
            "--waivers",
            "w.yaml",
            "--now",
            "2026-06-01T00:00:00Z",
        ],
    );
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let waived = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["suppressions"].is_array())
        .unwrap();
    assert_eq!(waived["suppressions"][0]["status"], "accepted");
    assert!(waived["suppressions"][0]["justification"]
        .as_str()
        .unwrap()
        .contains("migrating in Q1"));
}

#[test]
fn malformed_waivers_are_located() {
    let (dir, _) = setup("bad_waivers", default_fleet());
    for (text, line, needle) in [
        ("waivers:\n  - rule: T-IMDS\n    resource: i-a\n    reason: x\n    owner: y\n    expires: someday\n", 6, "expires"),
        ("waivers:\n  - rule: T-IMDS\n    resource: i-a\n    reason: x\n    owner: y\n", 2, "missing field `expires`"),
        ("waivers:\n  - rule: T-IMDS\n    resource: i-a\n    reason: x\n    owner: \"\"\n    expires: 2026-01-01\n", 5, "`owner` is empty"),
        ("waivers:\n  - rule: \"[\"\n    resource: i-a\n    reason: x\n    owner: y\n    expires: 2026-01-01\n", 2, "not a valid glob"),
    ] {
        std::fs::write(dir.join("w.yaml"), text).unwrap();
        let (code, _, err) = check(&dir, &["--waivers", "w.yaml"]);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains(&format!("w.yaml:{line}:")) && err.contains(needle), "{needle}: {err}");
    }
}

#[test]
fn baseline_gates_only_new_failures() {
    let (dir, _) = setup("baseline", default_fleet());
    let (_, before, _) = check(&dir, &["--format", "json"]);
    std::fs::write(dir.join("baseline.json"), &before).unwrap();
    // Unchanged fleet: the one failure is known.
    let (code, out, _) = check(&dir, &["--format", "json", "--baseline", "baseline.json"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["baseline"]["new"], 0);
    assert_eq!(doc["baseline"]["existing"], 1);

    // i-a fixed, i-d new; lines move, identity holds.
    let fleet = vec![
        instance("i-d", Some("optional")),
        instance("i-a", Some("required")),
        instance("i-b", Some("required")),
        instance("i-c", None),
    ];
    let (dir2, snap2) = setup("baseline_after", fleet);
    std::fs::copy(dir.join("baseline.json"), dir2.join("baseline.json")).unwrap();
    let (code, out, _) = check(&dir2, &["--format", "json", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["baseline"]["new"], 1);
    assert_eq!(doc["baseline"]["fixed"][0]["id"], "i-a");
    let d = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"]["id"] == "i-d")
        .unwrap();
    assert_eq!(d["baseline"], "new");
    let (_, human, _) = check(&dir2, &["--baseline", "baseline.json"]);
    assert!(
        human.contains("against the baseline: 1 new, 0 still present, 1 fixed"),
        "{human}"
    );
    let _ = snap2;

    std::fs::write(dir2.join("baseline.json"), "{\"findings\": 3}").unwrap();
    let (code, _, err) = check(&dir2, &["--baseline", "baseline.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("baseline.json:1:") && err.contains("not an ecsguard findings document"),
        "{err}"
    );
}

#[test]
fn baseline_failures_not_judged_again_are_not_called_fixed() {
    let (dir, _) = setup(
        "baseline_unjudged",
        vec![
            instance("i-a", Some("optional")),
            instance("i-b", Some("optional")),
            instance("i-e", Some("optional")),
        ],
    );
    let (_, before, _) = check(&dir, &["--format", "json"]);
    std::fs::write(dir.join("baseline.json"), &before).unwrap();

    // i-a now passes (fixed), i-b's MetadataOptions were not collected
    // (unknown, so not fixed), i-e is gone from complete data (fixed).
    let (dir2, _) = setup(
        "baseline_unjudged_after",
        vec![instance("i-a", Some("required")), instance("i-b", None)],
    );
    std::fs::copy(dir.join("baseline.json"), dir2.join("baseline.json")).unwrap();
    let (_, out, _) = check(&dir2, &["--format", "json", "--baseline", "baseline.json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let ids = |list: &str| -> Vec<String> {
        let mut ids: Vec<String> = doc["baseline"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids("fixed"), ["i-a", "i-e"], "{out}");
    assert_eq!(ids("unjudged"), ["i-b"], "{out}");
    let (_, human, _) = check(&dir2, &["--baseline", "baseline.json"]);
    assert!(
        human.contains("against the baseline: 0 new, 0 still present, 2 fixed, 1 not judged again"),
        "{human}"
    );

    // The rule fails to evaluate this time: it fixed nothing.
    std::fs::write(
        dir2.join("policies/imds.rego"),
        RULE.replace(
            "inst.MetadataOptions.HttpTokens == \"optional\"",
            "to_number(inst.InstanceId) > 0",
        ),
    )
    .unwrap();
    let (_, out, _) = check(&dir2, &["--format", "json", "--baseline", "baseline.json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["baseline"]["fixed"], json!([]), "{out}");
    assert_eq!(doc["baseline"]["unjudged"].as_array().unwrap().len(), 3);

    // A rule that is no longer loaded fixed nothing either.
    std::fs::write(
        dir2.join("policies/imds.rego"),
        RULE.replace("T-IMDS", "T-OTHER"),
    )
    .unwrap();
    let (_, out, _) = check(&dir2, &["--format", "json", "--baseline", "baseline.json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["baseline"]["fixed"], json!([]), "{out}");
    assert_eq!(doc["baseline"]["unjudged"].as_array().unwrap().len(), 3);
}

#[test]
fn a_waiver_is_not_stale_while_its_rule_cannot_judge_everything() {
    let (dir, _) = setup("waivers_unsure", default_fleet());
    let waivers = "waivers:\n  - rule: T-IMDS\n    resource: i-zzz\n    reason: decommissioning\n    owner: bob\n    expires: 2026-12-31\n";
    std::fs::write(dir.join("w.yaml"), waivers).unwrap();
    let args = [
        "--format",
        "json",
        "--waivers",
        "w.yaml",
        "--now",
        "2026-12-01T00:00:00Z",
    ];
    let (_, _, err) = check(&dir, &args);
    assert!(err.contains("w.yaml:2: stale waiver"), "{err}");

    // The rule fails to evaluate: whether i-zzz still fails is not known.
    std::fs::write(
        dir.join("policies/imds.rego"),
        RULE.replace(
            "inst.MetadataOptions.HttpTokens == \"optional\"",
            "to_number(inst.InstanceId) > 0",
        ),
    )
    .unwrap();
    let (_, out, err) = check(&dir, &args);
    assert!(!err.contains("stale waiver"), "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["waivers"]["stale"], json!([]), "{out}");
}
