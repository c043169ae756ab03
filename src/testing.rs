//! Rego unit tests: every `test_*` rule is evaluated on its own, as
//! `opa test` does; a test passes when it is true.

use regorus::Value;

use crate::policy::{rego, PolicySet};

pub struct TestResult {
    pub package: String,
    pub name: String,
    pub file: String,
    pub line: usize,
    pub passed: bool,
    /// Why a failing test failed, when it was an evaluation error.
    pub error: Option<String>,
}

/// Line coverage of one policy file by the tests.
pub struct FileCoverage {
    pub path: String,
    pub covered: usize,
    pub coverable: usize,
    /// Lines that could run but did not.
    pub missed: Vec<u32>,
    /// No test reached the file at all (its coverable lines are estimated
    /// as its non-blank, non-comment lines).
    pub never_evaluated: bool,
}

impl FileCoverage {
    pub fn percent(&self) -> f64 {
        if self.coverable == 0 {
            100.0
        } else {
            100.0 * self.covered as f64 / self.coverable as f64
        }
    }
}

/// Runs the tests; with `coverage`, also reports which lines of the
/// policies (not the tests) they executed.
pub fn run(
    policies: &PolicySet,
    filter: Option<&str>,
    coverage: bool,
) -> (Vec<TestResult>, Option<Vec<FileCoverage>>) {
    let mut engine = policies.engine_with_data();
    engine.set_enable_coverage(coverage);
    let results = run_tests(&mut engine, policies, filter);
    let report = coverage.then(|| coverage_of(&engine, policies));
    (results, report)
}

fn coverage_of(engine: &regorus::Engine, policies: &PolicySet) -> Vec<FileCoverage> {
    let report = engine.get_coverage_report().unwrap_or_default();
    policies
        .files
        .iter()
        .filter(|f| !f.path.ends_with("_test.rego") && f.path.ends_with(".rego"))
        .map(|f| match report.files.iter().find(|r| r.path == f.path) {
            Some(r) => FileCoverage {
                path: f.path.clone(),
                covered: r.covered.len(),
                coverable: r.covered.len() + r.not_covered.len(),
                missed: r.not_covered.iter().copied().collect(),
                never_evaluated: false,
            },
            None => {
                let lines = f
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .count();
                FileCoverage {
                    path: f.path.clone(),
                    covered: 0,
                    coverable: lines,
                    missed: Vec::new(),
                    never_evaluated: true,
                }
            }
        })
        .collect()
}

fn run_tests(
    engine: &mut regorus::Engine,
    policies: &PolicySet,
    filter: Option<&str>,
) -> Vec<TestResult> {
    let mut seen = std::collections::HashSet::new();
    policies
        .tests
        .iter()
        .filter(|t| filter.is_none_or(|f| format!("{}.{}", t.package, t.name).contains(f)))
        .filter(|t| seen.insert((t.package.clone(), t.name.clone())))
        .map(|t| {
            let (passed, error) = match engine.eval_rule(format!("data.{}.{}", t.package, t.name)) {
                Ok(Value::Bool(true)) => (true, None),
                Ok(_) => (false, None),
                Err(e) => {
                    let e = rego::split_error(&e);
                    let at = e
                        .file
                        .map(|f| format!("{f}:{}:{}: ", e.line, e.column))
                        .unwrap_or_default();
                    (false, Some(format!("{at}{}", e.message)))
                }
            };
            TestResult {
                package: t.package.clone(),
                name: t.name.clone(),
                file: t.file.clone(),
                line: t.line,
                passed,
                error,
            }
        })
        .collect()
}
