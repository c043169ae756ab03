//! The vendored regorus (`vendor/regorus/ECSGUARD.md`) must give the
//! results regorus 0.14.1 as published gives. Its own test suite is not
//! vendored, so the rewritten paths are checked here, through the engine's
//! public API.

use regorus::{Engine, Value};

fn eval(policy: &str, query: &str) -> Value {
    let mut engine = Engine::new();
    engine
        .add_policy("t.rego".into(), policy.into())
        .expect("policy parses");
    engine
        .eval_rule(query.into())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// sprintf copies the text between verbs whole and writes `%d` of a
/// non-negative integer directly: every shape of format, against what the
/// published crate returns (the same as OPA, except where noted).
#[test]
fn sprintf_formats_as_before() {
    let cases = [
        (r#"sprintf("no verbs at all", [])"#, "no verbs at all"),
        (r#"sprintf("", [])"#, ""),
        (r#"sprintf("100%% sure %s", ["yes"])"#, "100% sure yes"),
        (
            r#"sprintf("instance %s (%s) runs %s", ["i-1", "web", "m-2"])"#,
            "instance i-1 (web) runs m-2",
        ),
        (
            r#"sprintf("/instances/%d/ImageId", [12345])"#,
            "/instances/12345/ImageId",
        ),
        (r#"sprintf("%d", [0])"#, "0"),
        (
            r#"sprintf("%d", [18446744073709551615])"#,
            "18446744073709551615",
        ),
        // regorus 0.14.1 writes the sign twice (OPA: "-7"); kept as it was.
        (r#"sprintf("%d", [-7])"#, "--7"),
        (r#"sprintf("[%5d]", [42])"#, "[   42]"),
        (r#"sprintf("[%05d]", [42])"#, "[00042]"),
        (r#"sprintf("%d", [3.0])"#, "3"),
        (r#"sprintf("é%sü%d→", ["ß", 1])"#, "éßü1→"),
        (
            r#"sprintf("%v|%v", [[1, "a"], {"k": 2}])"#,
            r#"[1, "a"]|{"k": 2}"#,
        ),
        (r#"sprintf("%.2f", [3.14159])"#, "3.14"),
        (r#"sprintf("%x", [255])"#, "ff"),
        (r#"sprintf("%s%s%d", ["a", "b", 3])"#, "ab3"),
        (r#"sprintf("%s%%", ["50"])"#, "50%"),
    ];
    let mut policy = String::from("package t\n\nout := [\n");
    for (expr, _) in &cases {
        policy.push_str(&format!("\t{expr},\n"));
    }
    policy.push_str("]\n");
    let got = eval(&policy, "data.t.out");
    for (i, (expr, want)) in cases.iter().enumerate() {
        assert_eq!(got[i], Value::from(*want), "{expr}");
    }
}

/// A call statement's output argument (`f(x, out)`) is found once per call
/// site and module: a function of one name and two arities in two modules
/// must each bind as their own module says.
#[test]
fn output_arguments_resolve_per_module() {
    let mut engine = Engine::new();
    engine
        .add_policy(
            "a.rego".into(),
            "package a\n\ndouble(x) := x * 2\n\nout := y if { double(3, y) }\n".into(),
        )
        .unwrap();
    engine
        .add_policy(
            "b.rego".into(),
            "package b\n\ndouble(x, y) := x + y\n\nout := z if { double(3, 4, z) }\n".into(),
        )
        .unwrap();
    assert_eq!(
        engine.eval_rule("data.a.out".into()).unwrap(),
        Value::from(6)
    );
    assert_eq!(
        engine.eval_rule("data.b.out".into()).unwrap(),
        Value::from(7)
    );
    // Asked again, from the cache.
    assert_eq!(
        engine.eval_rule("data.a.out".into()).unwrap(),
        Value::from(6)
    );
}
