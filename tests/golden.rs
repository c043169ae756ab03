//! Golden files: every output format on the bundled example, byte for byte.
//! After an intended change, rewrite them with
//! `ECSGUARD_BLESS=1 cargo test --test golden` and review the diff.

use std::path::Path;
use std::process::Command;

fn check_format(format: &str, golden: &str) {
    let args = [
        "check",
        "examples/fleet.json",
        "--format",
        format,
        "--limit",
        "3",
    ];
    check_output(&args, 1, golden);
}

/// Runs ecsguard with `args`, expects `code`, compares stdout with `golden`.
fn check_output(args: &[&str], code: i32, golden: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_ecsguard"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual = String::from_utf8(out.stdout).unwrap();
    let path = root.join("tests/golden").join(golden);
    if std::env::var_os("ECSGUARD_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "{} differs from the output at line {} (ECSGUARD_BLESS=1 rewrites it):\n  got:      {:?}\n  expected: {:?}",
            path.display(),
            first + 1,
            actual.lines().nth(first),
            expected.lines().nth(first)
        );
    }
}

#[test]
fn human() {
    check_format("human", "fleet.human.txt");
}

#[test]
fn json() {
    check_format("json", "fleet.json");
}

#[test]
fn sarif() {
    check_format("sarif", "fleet.sarif");
}

#[test]
fn junit() {
    check_format("junit", "fleet.junit.xml");
}

#[test]
fn github() {
    check_format("github", "fleet.github.txt");
}

#[test]
fn markdown() {
    check_format("markdown", "fleet.md");
}

#[test]
fn operator_report_markdown() {
    check_output(
        &["report", "examples/fleet.json", "--format", "markdown"],
        0,
        "fleet.report.md",
    );
}
