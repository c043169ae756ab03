//! The built-in policy library: its Rego unit tests pass, every rule loads
//! with complete METADATA, and on the bundled example every starter rule
//! both fails and passes at least once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ecsguard"));
    c.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn rego_unit_tests_pass() {
    let out = bin()
        .args(["test", "policies", "--threshold", "90"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout.lines().last().unwrap();
    let passed: usize = summary.split_whitespace().next().unwrap().parse().unwrap();
    assert!(summary.ends_with(" 0 failed") && passed >= 24, "{summary}");
}

#[test]
fn a_failing_rego_test_fails_the_run() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("policies_failing_test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x_test.rego"),
        "package x_test\n\ntest_ok if true\n\ntest_broken if 1 == 2\n",
    )
    .unwrap();
    let out = bin().arg("test").arg(&dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL ") && stdout.contains("x_test.rego:5 x_test.test_broken"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("1 passed, 1 failed"),
        "{stdout}"
    );

    std::fs::write(
        dir.join("x_test.rego"),
        "package x_test\n\nhelper if true\n",
    )
    .unwrap();
    let out = bin().arg("test").arg(&dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "no test found is an error, not a pass"
    );
}

/// The JSON findings of one snapshot, checked with the whole built-in
/// library and, when given, a `--data` file.
fn check_json(snapshot: &Path, data: Option<&Path>) -> serde_json::Value {
    let mut cmd = bin();
    cmd.arg("check").arg(snapshot).args(["--format", "json"]);
    if let Some(data) = data {
        cmd.arg("--data").arg(data);
    }
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: {}",
        snapshot.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!doc["snapshot"]["counts"]["instances"].is_null());
    doc
}

/// Counts (fail, pass) per rule id over one findings document.
fn count_verdicts(doc: &serde_json::Value, seen: &mut BTreeMap<String, (usize, usize)>) {
    for f in doc["findings"].as_array().unwrap() {
        let entry = seen
            .entry(f["rule"]["id"].as_str().unwrap().to_string())
            .or_default();
        match f["status"].as_str().unwrap() {
            "fail" => entry.0 += 1,
            "pass" => entry.1 += 1,
            _ => {}
        }
    }
}

/// The rules a findings document reports as not configured.
fn not_configured(doc: &serde_json::Value) -> BTreeSet<String> {
    doc["not_configured"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts that `needing` (the rules with `custom.needs_params`) are
/// reported not configured in `doc`, judged with default data, and that no
/// finding names them.
fn assert_not_configured(doc: &serde_json::Value, needing: &BTreeSet<String>, what: &str) {
    assert_eq!(
        &not_configured(doc),
        needing,
        "{what}: rules not configured"
    );
    assert_eq!(
        doc["summary"]["not_configured"].as_u64(),
        Some(needing.len() as u64),
        "{what}"
    );
    let named: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"]["id"].as_str().unwrap())
        .filter(|id| needing.contains(*id))
        .collect();
    assert!(
        named.is_empty(),
        "{what}: rules that are not configured judged something: {named:?}"
    );
}

/// Every rule must be seen failing and passing on real-shaped snapshots, not
/// only in its own Rego tests: the demo fleet first, then the fixture
/// snapshots in `tests/fixtures/rules/` for situations the demo cannot hold
/// without becoming unrealistic. A fixture `NAME.json` may come with
/// `NAME.data.yaml`, passed as `--data`: the rules that need a parameter
/// (an allowlist, a minimum) judge nothing with the default data, so they
/// are shown failing and passing with it, and shown not configured (no
/// finding at all) without it.
#[test]
fn every_rule_fails_and_passes_on_the_example_or_a_fixture() {
    let rules = bin()
        .args(["policies", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    let needing: BTreeSet<String> = rules
        .iter()
        .filter(|r| !r["needs_params"].as_array().unwrap().is_empty())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            r["configured"].as_bool(),
            Some(!needing.contains(id)),
            "{id}: with the default data, a rule is configured exactly when it needs no parameter"
        );
    }

    // The starter rules must show both verdicts on the demo itself.
    const STARTER: [&str; 8] = [
        "ECI-001", "ECS-001", "ECS-002", "ECS-003", "ECS-004", "ESS-001", "ESS-002", "ESS-003",
    ];
    let demo = check_json(Path::new("examples/fleet.json"), None);
    assert_not_configured(&demo, &needing, "examples/fleet.json");
    let mut on_demo = BTreeMap::new();
    count_verdicts(&demo, &mut on_demo);
    for id in STARTER {
        let (fail, pass) = on_demo.get(id).copied().unwrap_or_default();
        assert!(
            fail > 0 && pass > 0,
            "{id}: {fail} failures, {pass} passes on examples/fleet.json"
        );
    }

    let mut seen = on_demo;
    let fixtures = Path::new("tests/fixtures/rules");
    if fixtures.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            let data = file.with_extension("data.yaml");
            if data.is_file() {
                let doc = check_json(&file, Some(&data));
                assert!(
                    not_configured(&doc).is_empty(),
                    "{}: {} leaves rules not configured: {:?}",
                    file.display(),
                    data.display(),
                    not_configured(&doc)
                );
                count_verdicts(&doc, &mut seen);
                let doc = check_json(&file, None);
                assert_not_configured(&doc, &needing, &file.display().to_string());
            } else {
                count_verdicts(&check_json(&file, None), &mut seen);
            }
        }
    }

    let missing: Vec<String> = rules
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .filter_map(|id| {
            let (fail, pass) = seen.get(id).copied().unwrap_or_default();
            (fail == 0 || pass == 0).then(|| format!("{id} ({fail} fail, {pass} pass)"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules not shown both failing and passing on examples/fleet.json or tests/fixtures/rules/*.json (with their .data.yaml): {}",
        missing.join(", ")
    );
}

#[test]
fn coverage_counts_lines_and_gates_on_a_threshold() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("policies_coverage");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.rego"),
        "package x\n\nhit if {\n\tinput.a == 1\n}\n\nmissed if {\n\tinput.b == 2\n\tinput.c == 3\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("untested.rego"),
        "package y\n\nz if {\n\tinput.q\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("x_test.rego"),
        "package x_test\n\ntest_hit if data.x.hit with input as {\"a\": 1}\n",
    )
    .unwrap();
    let out = bin()
        .arg("test")
        .arg(&dir)
        .args(["--threshold", "90"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let x = stdout.lines().find(|l| l.contains("x.rego (")).unwrap();
    assert!(x.contains("not covered: ") && x.contains('8'), "{x}");
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("untested.rego") && l.contains("never evaluated")),
        "{stdout}"
    );
    assert!(stdout.contains("is below the threshold 90%"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("1 passed, 0 failed"),
        "{stdout}"
    );

    let out = bin()
        .arg("test")
        .arg(&dir)
        .args(["--threshold", "10"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_rule_catalogue_is_current() {
    let out = bin()
        .args(["policies", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/RULES.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == on_disk,
        "{} is stale: run `cargo run -- policies --format markdown > docs/RULES.md`",
        path.display()
    );
    // Every rule is in it, with its file and line.
    let rules = bin()
        .args(["policies", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    for r in rules.as_array().unwrap() {
        let row = format!(
            "| {} | {} |",
            r["id"].as_str().unwrap(),
            r["severity"].as_str().unwrap()
        );
        assert!(generated.contains(&row), "{row} missing");
    }
}
