//! End-to-end: the binary on bad input (each class gives exit 2 and says
//! where), on gating flags, and on the tri-state contract.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::run;

use serde_json::{json, Value};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ecsguard"));
    c.env("NO_COLOR", "1");
    c
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn snapshot() -> Value {
    json!({
        "schema_version": "1",
        "collected_at": "2026-11-20T06:00:00Z",
        "regions": ["cn-hangzhou", "cn-shanghai"],
        "collector": {"name": "test", "version": "0"},
        "instances": [
            {"InstanceId": "i-pass", "RegionId": "cn-hangzhou", "Status": "Running", "InstanceName": "ok"},
            {"InstanceId": "i-fail", "RegionId": "cn-hangzhou", "Status": "Running", "InstanceName": "bad"},
            {"InstanceId": "i-unknown", "RegionId": "cn-hangzhou", "Status": "Running"},
            {"InstanceId": "i-sh", "RegionId": "cn-shanghai", "Status": "Running", "InstanceName": "ok"}
        ],
        "cloud_assistant": [
            {"InstanceId": "i-pass", "RegionId": "cn-hangzhou", "CloudAssistantStatus": true}
        ],
        "collection_errors": [
            {"product": "Ecs", "action": "DescribeCloudAssistantStatus", "region": "cn-shanghai", "code": "Forbidden.RAM", "message": "not allowed", "http_status": 403}
        ]
    })
}

const NAME_RULE: &str = r#"# METADATA
# title: Instance is named bad
# description: An instance called bad.
# custom:
#   id: T-001
#   severity: medium
#   resource_type: instance
#   requires: [cloud_assistant]
#   remediation:
#     text: Rename it.
#     cli: aliyun ecs ModifyInstanceAttribute --RegionId {RegionId} --InstanceId {InstanceId} --InstanceName good
package test.name

deny contains f if {
	some i, inst in input.instances
	inst.InstanceName == "bad"
	f := {"pointer": sprintf("/instances/%d/InstanceName", [i]), "msg": sprintf("instance %s is named bad", [inst.InstanceId])}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.InstanceName
	f := {"pointer": sprintf("/instances/%d", [i]), "msg": "no InstanceName"}
}
"#;

fn fixture(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let snap = write(
        &dir,
        "snap.json",
        &serde_json::to_string_pretty(&snapshot()).unwrap(),
    );
    write(&dir, "policies/name.rego", NAME_RULE);
    (snap, dir.join("policies"))
}

/// `check` with the given policies only, in the default (human) format.
fn check_human(snap: &Path, policies: &Path, extra: &[&str]) -> (i32, String, String) {
    run(bin()
        .arg("check")
        .arg(snap)
        .arg("--no-builtin")
        .arg("--policy")
        .arg(policies)
        .args(extra))
}

fn check_json(snap: &Path, policies: &Path, extra: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(bin()
        .arg("check")
        .arg(snap)
        .arg("--no-builtin")
        .arg("--policy")
        .arg(policies)
        .args(["--format", "json"])
        .args(extra));
    let doc = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, doc)
}

fn status_of(doc: &Value, id: &str) -> String {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"]["id"] == id)
        .map(|f| f["status"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn tri_state_findings_are_located() {
    let (snap, policies) = fixture("tri_state");
    let (code, doc) = check_json(&snap, &policies, &[]);
    assert_eq!(code, 1);
    assert_eq!(status_of(&doc, "i-pass"), "pass");
    assert_eq!(status_of(&doc, "i-fail"), "fail");
    assert_eq!(status_of(&doc, "i-unknown"), "unknown");
    // cloud_assistant could not be collected in cn-shanghai: never a pass.
    assert_eq!(status_of(&doc, "i-sh"), "unknown");
    let fail = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "fail")
        .unwrap();
    assert_eq!(fail["rule"]["id"], "T-001");
    assert_eq!(fail["rule"]["line"], 14, "the deny definition's line");
    assert!(fail["rule"]["file"]
        .as_str()
        .unwrap()
        .ends_with("name.rego"));
    assert_eq!(fail["resource"]["pointer"], "/instances/1");
    let text = std::fs::read_to_string(&snap).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    // json! sorts keys: InstanceId opens each instance object.
    assert_eq!(
        fail["resource"]["line"],
        line_of("\"InstanceId\": \"i-fail\"") - 1
    );
    assert_eq!(
        fail["resource"]["field"]["pointer"],
        "/instances/1/InstanceName"
    );
    assert_eq!(
        fail["resource"]["field"]["line"],
        line_of("\"InstanceName\": \"bad\"")
    );
    assert_eq!(fail["resource"]["field"]["column"], 7);
    assert_eq!(
        fail["remediation"]["cli"],
        "aliyun ecs ModifyInstanceAttribute --RegionId cn-hangzhou --InstanceId i-fail --InstanceName good"
    );
    let sh = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"]["id"] == "i-sh")
        .unwrap();
    assert!(
        sh["message"].as_str().unwrap().contains("Forbidden.RAM"),
        "{sh}"
    );
    assert_eq!(doc["summary"]["fail"], 1);
    assert_eq!(doc["summary"]["pass"], 1);
    assert_eq!(doc["summary"]["unknown"], 2);
}

#[test]
fn human_output_points_at_snapshot_and_rule() {
    let (snap, policies) = fixture("human");
    let (code, out, _) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("instance i-fail is named bad"), "{out}");
    let text = std::fs::read_to_string(&snap).unwrap();
    let field_line = text
        .lines()
        .position(|l| l.contains("\"InstanceName\": \"bad\""))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("snap.json:{field_line}:7")),
        "snapshot location: {out}"
    );
    assert!(out.contains("name.rego:14"), "rule location: {out}");
    assert!(out.contains("Not verified"), "{out}");
    assert!(
        out.trim_end()
            .lines()
            .last()
            .unwrap()
            .contains("1 failed (1 medium), 1 passed, 2 unknown"),
        "{out}"
    );
}

#[test]
fn exit_codes_gate_on_severity_and_unknown() {
    let (snap, policies) = fixture("gating");
    assert_eq!(check_json(&snap, &policies, &["--fail-on", "high"]).0, 0);
    assert_eq!(check_json(&snap, &policies, &["--fail-on", "medium"]).0, 1);
    // Only unknowns remain once the failing instance is renamed.
    let fixed = std::fs::read_to_string(&snap)
        .unwrap()
        .replace("\"bad\"", "\"fine\"");
    std::fs::write(&snap, fixed).unwrap();
    assert_eq!(check_json(&snap, &policies, &[]).0, 0);
    assert_eq!(check_json(&snap, &policies, &["--fail-on-unknown"]).0, 1);
}

#[test]
fn output_is_deterministic() {
    let (snap, policies) = fixture("determinism");
    let once = check_human(&snap, &policies, &["--format", "json"]).1;
    let again = check_human(&snap, &policies, &["--format", "json", "--threads", "1"]).1;
    assert_eq!(once, again);
}

#[test]
fn malformed_json_is_located() {
    let (snap, policies) = fixture("malformed");
    write(
        snap.parent().unwrap(),
        "snap.json",
        "{\n  \"schema_version\": \"1\",\n  \"regions\": [,]\n}\n",
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("snap.json:3:"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");

    // A bad token deep inside one resource is located in the whole file.
    let (snap, policies) = fixture("malformed_token");
    let text = std::fs::read_to_string(&snap).unwrap().replacen(
        "\"Status\": \"Running\"",
        "\"Status\": Running",
        2,
    );
    std::fs::write(&snap, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"Status\": Running"))
        .unwrap()
        + 1;
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("snap.json:{line}:17: snapshot is not valid JSON")),
        "{err}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let (snap, policies) = fixture("not_utf8");
    let mut bytes = std::fs::read(&snap).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Running").unwrap();
    bytes[at] = 0xff;
    std::fs::write(&snap, &bytes).unwrap();
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read snapshot"), "{err}");
    assert!(err.contains(&format!("byte offset {at}")), "{err}");
}

#[test]
#[cfg(unix)]
fn a_snapshot_piped_in_is_read_and_shown() {
    let (snap, policies) = fixture("piped");
    let from_file = check_human(&snap, &policies, &[]);
    let piped = bin()
        .args(["check", "/dev/stdin", "--no-builtin", "--policy"])
        .arg(&policies)
        .stdin(std::fs::File::open(&snap).unwrap())
        .output()
        .unwrap();
    let (code, out) = (
        piped.status.code().unwrap(),
        String::from_utf8_lossy(&piped.stdout).into_owned(),
    );
    // Same verdicts and the same excerpts, the path aside: a pipe cannot be
    // read a second time for the reports, so its text is kept.
    assert_eq!(code, from_file.0);
    assert!(out.contains("/dev/stdin:"), "{out}");
    assert_eq!(
        out.replace("/dev/stdin", "SNAP"),
        from_file.1.replace(&snap.display().to_string(), "SNAP")
    );
}

#[test]
fn schema_violation_is_located() {
    let (snap, policies) = fixture("schema");
    let bad = std::fs::read_to_string(&snap).unwrap().replace("\"InstanceName\": \"bad\",\n      \"RegionId\": \"cn-hangzhou\",\n      \"Status\": \"Running\"", "\"InstanceName\": \"bad\",\n      \"RegionId\": \"cn-hangzhou\",\n      \"Status\": 5");
    std::fs::write(&snap, &bad).unwrap();
    let status_line = bad
        .lines()
        .position(|l| l.contains("\"Status\": 5"))
        .unwrap()
        + 1;
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("/instances/1/Status"), "{err}");
    assert!(
        err.contains(&format!("snap.json:{status_line}:17")),
        "{err}"
    );
    assert!(err.contains("expected a string"), "{err}");

    // A missing required field names the resource.
    let (snap, _) = fixture("schema_missing");
    let bad = std::fs::read_to_string(&snap).unwrap().replacen(
        "\"InstanceName\": \"ok\",\n      \"RegionId\": \"cn-hangzhou\",",
        "\"InstanceName\": \"ok\",",
        1,
    );
    std::fs::write(&snap, bad).unwrap();
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("missing field `RegionId`") && err.contains("/instances/0"),
        "{err}"
    );

    // Minute-precision API times must have been normalized.
    let (snap, _) = fixture("schema_time");
    let bad = std::fs::read_to_string(&snap)
        .unwrap()
        .replace("2026-11-20T06:00:00Z", "2026-11-20T06:00Z");
    std::fs::write(&snap, bad).unwrap();
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/collected_at") && err.contains("with seconds"),
        "{err}"
    );
}

#[test]
fn rego_syntax_error_is_located() {
    let (snap, policies) = fixture("syntax");
    write(
        &policies,
        "broken.rego",
        "package test.broken\n\ndeny contains f if {\n\tf := [1, 2\n}\n",
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.rego:"), "{err}");
    assert!(err.contains("ecsguard::policy::syntax"), "{err}");
}

#[test]
fn metadata_errors_are_located() {
    let (snap, policies) = fixture("metadata");
    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace("severity: medium", "severity: severe"),
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("name.rego:6:1: `custom.severity`"), "{err}");

    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace("# METADATA\n", "# no metadata\n"),
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("name.rego:") && err.contains("no `# METADATA` block"),
        "{err}"
    );
}

#[test]
fn violation_deep_in_a_one_line_snapshot_is_shown_not_a_crash() {
    // A compact snapshot is one line: a violation past column 65,535 made
    // the diagnostic renderer panic.
    let (snap, policies) = fixture("one_line");
    let mut doc = snapshot();
    doc["account_id"] = Value::String("x".repeat(70_000));
    doc["instances"][1]["Status"] = Value::from(5);
    let text = serde_json::to_string(&doc).unwrap();
    std::fs::write(&snap, &text).unwrap();
    let column = text.find("\"Status\":5").unwrap() + "\"Status\":".len() + 1;
    assert!(column > 70_000);
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(&format!("snap.json:1:{column}")), "{err}");
    assert!(err.contains("expected a string"), "{err}");
    // The snippet is a window of the line, not 70 KB of it.
    assert!(err.len() < 4_000, "{} bytes of error", err.len());
}

#[test]
fn runtime_error_is_an_error_not_a_pass() {
    let (snap, policies) = fixture("runtime");
    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace(
            "inst.InstanceName == \"bad\"",
            "to_number(inst.InstanceName) > 1",
        ),
    );
    let (code, out, _) = check_human(&snap, &policies, &["--format", "json"]);
    assert_eq!(code, 2, "{out}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let error = &doc["errors"][0];
    assert_eq!(error["rule"], "T-001");
    assert!(
        error["file"].as_str().unwrap().ends_with("name.rego"),
        "{error}"
    );
    assert_eq!(error["line"], 16, "{error}");
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"]["id"] != "T-001"),
        "no verdicts from a broken rule"
    );
}

#[test]
fn bad_pointer_from_a_rule_is_an_error() {
    let (snap, policies) = fixture("pointer");
    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace(
            "sprintf(\"/instances/%d/InstanceName\", [i])",
            "sprintf(\"/images/%d\", [i])",
        ),
    );
    let (code, doc) = check_json(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not a instance"),
        "{doc}"
    );
}

#[test]
fn wall_clock_is_refused() {
    let (snap, policies) = fixture("clock");
    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace("inst.InstanceName == \"bad\"", "time.now_ns() > 0"),
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("name.rego:16:") && err.contains("data.ecsguard.now_ns"),
        "{err}"
    );
}

#[test]
fn missing_or_empty_policy_paths_are_errors() {
    let (snap, policies) = fixture("nopolicy");
    let (code, _, err) = run(bin()
        .arg("check")
        .arg(&snap)
        .args(["--policy", "/nonexistent/policies"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("/nonexistent/policies") && err.contains("no such file"),
        "{err}"
    );

    let empty = scratch("nopolicy_empty");
    let (code, _, err) = run(bin()
        .arg("check")
        .arg(&snap)
        .arg("--no-builtin")
        .arg("--policy")
        .arg(&empty));
    assert_eq!(code, 2);
    assert!(err.contains("no policy found"), "{err}");
    let _ = policies;
}

#[test]
fn bad_flags_are_usage_errors() {
    let (code, _, err) = run(bin().args(["check", "x.json", "--fail-on", "urgent"]));
    assert_eq!(code, 2);
    assert!(err.contains("urgent"), "{err}");
    let (code, _, err) = run(bin().args(["check", "x.json", "--now", "yesterday"]));
    assert_eq!(code, 2);
    assert!(err.contains("yesterday"), "{err}");
    let (code, _, _) = run(bin().args(["check", "--no-such-flag"]));
    assert_eq!(code, 2);
    let (code, _, err) = run(bin().args(["check", "/nonexistent/snap.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/snap.json"), "{err}");
}

#[test]
fn now_and_data_overrides_change_time_based_verdicts() {
    let dir = scratch("now");
    let snap = write(
        &dir,
        "snap.json",
        &serde_json::to_string_pretty(&json!({
            "schema_version": "1", "collected_at": "2026-01-10T00:00:00Z", "regions": ["r"],
            "collector": {"name": "t", "version": "0"},
            "images": [{"ImageId": "m-1", "RegionId": "r", "CreationTime": "2026-01-01T00:00:00Z"}],
            "collection_errors": []
        }))
        .unwrap(),
    );
    write(&dir, "p/age.rego", "# METADATA\n# title: Old image\n# description: Too old.\n# custom:\n#   id: T-AGE\n#   severity: low\n#   resource_type: image\n#   remediation:\n#     text: Rebuild.\npackage test.age\n\ndeny contains f if {\n\tsome i, img in input.images\n\tdata.ecsguard.now_ns - time.parse_rfc3339_ns(img.CreationTime) > data.ecsguard.params.age.max_days * 86400000000000\n\tf := {\"pointer\": sprintf(\"/images/%d\", [i]), \"msg\": \"old\"}\n}\n");
    write(
        &dir,
        "p/data.yaml",
        "ecsguard:\n  params:\n    age:\n      max_days: 30\n",
    );
    let p = dir.join("p");
    assert_eq!(status_of(&check_json(&snap, &p, &[]).1, "m-1"), "pass");
    assert_eq!(
        status_of(
            &check_json(&snap, &p, &["--now", "2026-03-01T00:00:00Z"]).1,
            "m-1"
        ),
        "fail"
    );
    let over = write(
        &dir,
        "over.json",
        "{\"ecsguard\": {\"params\": {\"age\": {\"max_days\": 5}}}}",
    );
    assert_eq!(
        status_of(
            &check_json(&snap, &p, &["--data", over.to_str().unwrap()]).1,
            "m-1"
        ),
        "fail"
    );
    let broken = write(&dir, "broken.yaml", "ecsguard:\n  params: [\n");
    let (code, _, err) = run(bin()
        .arg("check")
        .arg(&snap)
        .arg("--no-builtin")
        .arg("--policy")
        .arg(&p)
        .arg("--data")
        .arg(&broken));
    assert_eq!(code, 2);
    assert!(err.contains("broken.yaml:"), "{err}");
}

/// A rule that needs a parameter (an allowlist) with no default.
const ALLOWLIST_RULE: &str = r#"# METADATA
# title: Instance name is on the deny list
# description: A name from the list.
# custom:
#   id: T-002
#   severity: high
#   resource_type: instance
#   needs_params: [names.denied]
#   remediation:
#     text: Rename it.
package test.names

denied := {n | some n in data.ecsguard.params.names.denied}

deny contains f if {
	some i, inst in input.instances
	inst.InstanceName in denied
	f := {"pointer": sprintf("/instances/%d/InstanceName", [i]), "msg": "denied name"}
}
"#;

#[test]
fn a_rule_whose_parameter_is_not_set_is_not_configured() {
    let (snap, policies) = fixture("not_configured");
    write(&policies, "names.rego", ALLOWLIST_RULE);
    write(
        &policies,
        "data.yaml",
        "ecsguard:\n  params:\n    names:\n      denied: []\n",
    );
    let dir = policies.parent().unwrap().to_path_buf();
    let rule_findings = |doc: &Value| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"]["id"] == "T-002")
            .count()
    };

    // Default data: T-002 judges nothing and is reported as not configured.
    let (code, doc) = check_json(&snap, &policies, &[]);
    assert_eq!(code, 1, "T-001 still fails i-fail");
    assert_eq!(rule_findings(&doc), 0);
    assert_eq!(
        doc["not_configured"],
        json!([{"rule": "T-002", "package": "test.names", "title": "Instance name is on the deny list", "file": policies.join("names.rego").display().to_string(), "line": 15, "params": ["names.denied"]}])
    );
    assert_eq!(doc["summary"]["rules"], 1);
    assert_eq!(doc["summary"]["not_configured"], 1);
    let (_, out, _) = check_human(&snap, &policies, &[]);
    assert!(
        out.contains("Not configured (1 rule judged nothing: a parameter it needs is not set):"),
        "{out}"
    );
    assert!(
        out.contains("T-002 Instance name is on the deny list — needs params.names.denied (set it with --data)"),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .contains(": 1 rule judged 4 findings:")
            && out
                .lines()
                .last()
                .unwrap()
                .ends_with("; 1 rule not configured"),
        "{out}"
    );
    let (_, junit, _) = check_human(&snap, &policies, &["--format", "junit"]);
    assert!(
        junit.contains("<testcase name=\"configure T-002\"")
            && junit.contains("<skipped message=\"not configured: needs params.names.denied (set it with --data)\"/>"),
        "{junit}"
    );
    let (_, sarif, _) = check_human(&snap, &policies, &["--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"];
    assert_eq!(notes[0]["associatedRule"]["id"], "T-002", "{notes}");
    let (_, listed, _) = run(bin()
        .args(["policies", "--no-builtin", "--policy"])
        .arg(&policies)
        .args(["--format", "json"]));
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let t2 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "T-002")
        .unwrap();
    assert_eq!(t2["configured"], false);
    assert_eq!(t2["needs_params"], json!(["names.denied"]));
    assert_eq!(t2["unset_params"], json!(["names.denied"]));
    let (_, listed, _) = run(bin()
        .args(["policies", "--no-builtin", "--policy"])
        .arg(&policies));
    assert!(
        listed.contains("[not configured: needs params.names.denied (set it with --data)]"),
        "{listed}"
    );

    // Set with --data, it runs like any rule; a later file that empties it
    // again leaves it not configured.
    let set = write(
        &dir,
        "set.yaml",
        "ecsguard:\n  params:\n    names:\n      denied: [bad]\n",
    );
    let (_, doc) = check_json(&snap, &policies, &["--data", set.to_str().unwrap()]);
    assert_eq!(doc["not_configured"], json!([]));
    assert_eq!(rule_findings(&doc), 4);
    assert_eq!(doc["summary"]["rules"], 2);
    let unset = write(
        &dir,
        "unset.json",
        "{\"ecsguard\": {\"params\": {\"names\": {\"denied\": null}}}}",
    );
    let (_, doc) = check_json(
        &snap,
        &policies,
        &[
            "--data",
            set.to_str().unwrap(),
            "--data",
            unset.to_str().unwrap(),
        ],
    );
    assert_eq!(rule_findings(&doc), 0);
    assert_eq!(doc["summary"]["not_configured"], 1);

    // Against a baseline in which it failed, a rule that did not run fixed
    // nothing.
    let (_, configured, _) = check_human(
        &snap,
        &policies,
        &["--format", "json", "--data", set.to_str().unwrap()],
    );
    let baseline = write(&dir, "baseline.json", &configured);
    let (_, doc) = check_json(
        &snap,
        &policies,
        &["--baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(doc["baseline"]["existing"], 1, "T-001 still fails i-fail");
    assert_eq!(doc["baseline"]["fixed"], json!([]), "T-002 did not run");

    // A needed parameter that no data file declares is a located error (a
    // misspelt path must not leave the rule silently unconfigured), and so
    // is a needs_params that is not a list of paths.
    for (needs, error) in [
        (
            "[names.deny]",
            "names.rego:8:1: `custom.needs_params`: data.ecsguard.params.names.deny is in no data file",
        ),
        ("names", "names.rego:8:1: `custom.needs_params` must be a list"),
    ] {
        write(
            &policies,
            "names.rego",
            &ALLOWLIST_RULE.replace("[names.denied]", needs),
        );
        let (code, _, err) = check_human(&snap, &policies, &[]);
        assert_eq!(code, 2, "{needs}");
        assert!(err.contains(error), "{err}");
    }
}

#[test]
fn missing_collection_is_unknown_not_pass() {
    let dir = scratch("absent");
    let mut s = snapshot();
    s.as_object_mut().unwrap().remove("cloud_assistant");
    let snap = write(
        &dir,
        "snap.json",
        &serde_json::to_string_pretty(&s).unwrap(),
    );
    write(&dir, "policies/name.rego", NAME_RULE);
    let (_, doc) = check_json(&snap, &dir.join("policies"), &[]);
    assert_eq!(status_of(&doc, "i-pass"), "unknown");
    assert_eq!(
        status_of(&doc, "i-fail"),
        "fail",
        "a fact that fails still fails"
    );

    s.as_object_mut().unwrap().remove("instances");
    let snap = write(
        &dir,
        "snap.json",
        &serde_json::to_string_pretty(&s).unwrap(),
    );
    let (_, doc) = check_json(&snap, &dir.join("policies"), &[]);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["status"], "unknown");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("no `instances` collection"));
}

#[test]
fn checked_in_schemas_are_current() {
    for (which, file) in [
        ("snapshot", "snapshot.schema.json"),
        ("findings", "findings.schema.json"),
    ] {
        let (code, out, _) = run(bin().args(["schema", which]));
        assert_eq!(code, 0);
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(file);
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(
            on_disk == out,
            "{} is stale: run `ecsguard schema {which} > schemas/{file}`",
            path.display()
        );
    }
}

#[test]
fn the_definition_that_fired_is_named() {
    let (snap, policies) = fixture("attribution");
    // Two deny definitions and a helper both use: each finding names its own.
    let rule = NAME_RULE.replace(
        "unknown contains f if {",
        "deny contains f if {\n\tsome i, inst in input.instances\n\tinst.InstanceId == \"i-pass\"\n\tnamed(inst)\n\tf := {\"pointer\": sprintf(\"/instances/%d\", [i]), \"msg\": \"second definition\"}\n}\n\nnamed(inst) if inst.InstanceName\n\ncount_denied := count(deny)\n\nunknown contains f if {",
    );
    write(&policies, "name.rego", &rule);
    let (_, doc) = check_json(&snap, &policies, &[]);
    let line_of = |id: &str| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["resource"]["id"] == id)
            .unwrap()["rule"]["line"]
            .clone()
    };
    let second = rule
        .lines()
        .position(|l| l == "deny contains f if {")
        .unwrap();
    let second = rule
        .lines()
        .skip(second + 1)
        .position(|l| l == "deny contains f if {")
        .unwrap()
        + second
        + 2;
    assert_eq!(line_of("i-fail"), 14);
    assert_eq!(line_of("i-pass"), second);
    assert_eq!(status_of(&doc, "i-pass"), "fail");
}

/// A library package's rule read by two rules: the two are judged in one
/// query (so the library rule is computed once; `--timings` names them
/// together), and when one of them fails at run time the error is its own
/// and the other is judged as usual.
#[test]
fn rules_reading_one_library_are_judged_together() {
    let (snap, policies) = fixture("library");
    write(
        &policies,
        "lib/names.rego",
        "package test.lib.names\n\n# The instances named bad, found once.\nbad := {i | some i, inst in input.instances; inst.InstanceName == \"bad\"}\n",
    );
    let second = NAME_RULE
        .replace("T-001", "T-002")
        .replace("package test.name", "package test.name_again")
        .replace(
            "some i, inst in input.instances\n\tinst.InstanceName == \"bad\"",
            "some i in data.test.lib.names.bad\n\tinst := input.instances[i]",
        );
    write(&policies, "name_again.rego", &second);
    for threads in ["1", "2"] {
        let (code, out, err) = check_human(
            &snap,
            &policies,
            &["--format", "json", "--timings", "--threads", threads],
        );
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("timing: rule T-002: "), "{err}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"]["id"] == "T-002" && f["status"] == "fail")
                .map(|f| f["resource"]["id"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["i-fail"]
        );
    }

    // T-001 reads the library too: now the two share a query.
    let first = NAME_RULE.replace(
        "inst.InstanceName == \"bad\"",
        "inst.InstanceName == \"bad\"\n\ti in data.test.lib.names.bad",
    );
    write(&policies, "name.rego", &first);
    let (code, _, err) = check_human(&snap, &policies, &["--timings", "--threads", "1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("timing: rule T-001 + T-002: "), "{err}");

    // One of them breaks at run time: its error is its own, the other
    // still judges.
    write(
        &policies,
        "name.rego",
        &first.replace(
            "inst.InstanceName == \"bad\"\n",
            "to_number(inst.InstanceName) > 1\n",
        ),
    );
    let (code, out, err) = check_human(
        &snap,
        &policies,
        &["--format", "json", "--threads", "1", "--timings"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("timing: rules T-001 + T-002 queried one by one: "),
        "{err}"
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["rule"], "T-001");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("name.rego"));
    assert_eq!(status_of_rule(&doc, "T-002", "i-fail"), "fail");
    assert_eq!(status_of_rule(&doc, "T-002", "i-pass"), "pass");
}

fn status_of_rule(doc: &Value, rule: &str, id: &str) -> String {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"]["id"] == rule && f["resource"]["id"] == id)
        .map(|f| f["status"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

/// A rule copied without the library it reads would judge nothing (its
/// library rules undefined): loading fails instead, at the reference.
#[test]
fn a_rule_without_its_library_is_an_error() {
    let (snap, policies) = fixture("library_missing");
    write(
        &policies,
        "name.rego",
        &NAME_RULE.replace(
            "inst.InstanceName == \"bad\"",
            "inst.InstanceName == \"bad\"\n\ti in data.ecsguard.lib.names.bad",
        ),
    );
    let (code, _, err) = check_human(&snap, &policies, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("name.rego:17:"), "{err}");
    assert!(
        err.contains(
            "reads the library package ecsguard.lib.names, which no loaded policy file defines"
        ),
        "{err}"
    );
    // With the library loaded, it judges.
    write(
        &policies,
        "lib/names.rego",
        "package ecsguard.lib.names\n\nbad := {i | some i, inst in input.instances; inst.InstanceName == \"bad\"}\n",
    );
    let (code, doc) = check_json(&snap, &policies, &[]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(status_of_rule(&doc, "T-001", "i-fail"), "fail");
}
