//! Portability: real OPA (its Go engine, through PyPI's
//! opa-golib-python-bindings, driven by scripts/opa_eval.py) passes the
//! policies' Rego tests and denies exactly the resources ecsguard fails,
//! rule for rule, on the example fleet and on a generated one (and on the
//! fixture that gives the not-configured rules their parameters).
//!
//! Needs `OPA_PY_PATH` (the unpacked bindings); `.ci/run` installs them.
//! Without it the test says it is skipped and why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn opa() -> Option<String> {
    match std::env::var("OPA_PY_PATH") {
        Ok(p) if Path::new(&p).join("opa_bindings").is_dir() => Some(p),
        _ => {
            eprintln!("skipped: OPA_PY_PATH does not name the unpacked opa-golib-python-bindings (see .ci/run, which installs it)");
            None
        }
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python(opa: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .current_dir(root())
        .env("OPA_PY_PATH", opa)
        .arg("scripts/opa_eval.py")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "opa_eval.py {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What ecsguard made of one snapshot.
struct Ours {
    /// Per package: the resources ecsguard judged, and those it failed.
    verdicts: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    /// Packages of the rules it did not run (a parameter they need is not set).
    not_configured: BTreeSet<String>,
}

fn ecsguard_verdicts(snapshot: &Path, data: Option<&Path>) -> Ours {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecsguard"));
    cmd.current_dir(root()).args([
        "check",
        "--format",
        "json",
        "--no-builtin",
        "--policy",
        "policies",
    ]);
    if let Some(data) = data {
        cmd.arg("--data").arg(data);
    }
    let out = cmd.arg(snapshot).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut by_package: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for f in doc["findings"].as_array().unwrap() {
        let entry = by_package
            .entry(f["rule"]["package"].as_str().unwrap().to_string())
            .or_default();
        let pointer = f["resource"]["pointer"].as_str().unwrap().to_string();
        if f["status"] == "fail" {
            entry.1.insert(pointer.clone());
        }
        entry.0.insert(pointer);
    }
    let not_configured = doc["not_configured"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["package"].as_str().unwrap().to_string())
        .collect();
    Ours {
        verdicts: by_package,
        not_configured,
    }
}

/// OPA, given the same input and data, denies exactly what ecsguard fails.
/// A rule ecsguard does not run (not configured) must deny nothing in OPA
/// either: with its parameter unset it has nothing to judge against.
fn assert_same_denials(opa: &str, snapshot: &Path, data: Option<&Path>) {
    let ours = ecsguard_verdicts(snapshot, data);
    let mut args = vec!["deny", snapshot.to_str().unwrap(), "policies"];
    if let Some(data) = data {
        args.extend(["--data", data.to_str().unwrap()]);
    }
    let theirs: Value = serde_json::from_str(&python(opa, &args)).unwrap();
    let policies = theirs["policies"].as_object().unwrap();
    assert_eq!(
        policies.keys().cloned().collect::<BTreeSet<_>>(),
        ours.verdicts
            .keys()
            .chain(&ours.not_configured)
            .cloned()
            .collect::<BTreeSet<_>>(),
        "the same packages"
    );
    for package in &ours.not_configured {
        assert_eq!(
            policies[package]["deny"],
            serde_json::json!([]),
            "{package} is not configured in ecsguard, yet OPA denies on {}",
            snapshot.display()
        );
    }
    for (package, (judged, failed)) in &ours.verdicts {
        // OPA's pointers may name a field: map each to the resource it is in.
        let denied: BTreeSet<String> = policies[package]["deny"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_str().unwrap();
                let mut cut = p.to_string();
                while !judged.contains(&cut) {
                    match cut.rfind('/') {
                        Some(i) if i > 0 => cut.truncate(i),
                        _ => panic!("{package}: OPA denied {p}, which is in no judged resource"),
                    }
                }
                cut
            })
            .collect();
        assert_eq!(&denied, failed, "{package} on {}", snapshot.display());
    }
}

#[test]
fn opa_passes_the_rego_tests() {
    let Some(opa) = opa() else { return };
    let out = python(&opa, &["test", "policies"]);
    assert!(out.trim_end().ends_with(" 0 failed"), "{out}");
}

#[test]
fn opa_denies_what_ecsguard_fails() {
    let Some(opa) = opa() else { return };
    assert_same_denials(&opa, &root().join("examples/fleet.json"), None);

    // The rules that need a parameter, given one: the fixture and data that
    // show them failing and passing (tests/policies.rs).
    let fixtures = root().join("tests/fixtures/rules");
    assert_same_denials(
        &opa,
        &fixtures.join("ecs-allowlists.json"),
        Some(&fixtures.join("ecs-allowlists.data.yaml")),
    );

    // A generated fleet: thousands of resources, every rule's shapes.
    let generator: PathBuf = Path::new(env!("CARGO_BIN_EXE_ecsguard"))
        .parent()
        .unwrap()
        .join("examples/gen_fleet");
    let fleet = Path::new(env!("CARGO_TARGET_TMPDIR")).join("opa-parity-fleet.json");
    let status = Command::new(&generator)
        .args(["--instances", "2000", "--out"])
        .arg(&fleet)
        .status()
        .unwrap();
    assert!(status.success(), "{} failed", generator.display());
    assert_same_denials(&opa, &fleet, None);
}
