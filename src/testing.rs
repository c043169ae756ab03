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

pub fn run(policies: &PolicySet, filter: Option<&str>) -> Vec<TestResult> {
    let mut engine = policies.engine_with_data();
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
