//! Evaluation time per rule, steadier than `check --timings`: the snapshot
//! is loaded once and each rule is judged several times, the fastest run
//! kept. On a shared VM one run of a rule varies by 20-30 %;
//! the fastest of five varies by a few per cent, enough to tell an engine
//! or rule change from noise.
//!
//!   cargo run --release --example rule_bench -- SNAPSHOT [RUNS] [RULE.rego...]
//!
//! With no rule files, every rule of `policies/` is timed, and then the
//! whole library together. Rules read their parameters from
//! `policies/data.yaml`. `TOGETHER=1` times the given rule files as one
//! set instead of one by one; `THREADS=N` evaluates on N threads, as
//! `check` does.

use std::path::PathBuf;
use std::time::Instant;

use ecsguard::evaluate::evaluate;
use ecsguard::policy::{PolicySet, Sources};
use ecsguard::snapshot::{parse_utc_timestamp, Snapshot};

fn main() {
    let mut args = std::env::args().skip(1);
    let snapshot = args
        .next()
        .expect("usage: rule_bench SNAPSHOT [RUNS] [RULE.rego...]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let mut rules: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let whole = rules.is_empty();
    let threads: usize =
        std::env::var("THREADS").map_or(1, |t| t.parse().expect("THREADS is a number"));
    if whole {
        rules = walkdir::WalkDir::new("policies")
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "rego")
                    && !p.to_string_lossy().ends_with("_test.rego")
                    && !p.starts_with("policies/lib")
            })
            .collect();
    }
    let snapshot = Snapshot::load(snapshot.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let now = snapshot.collected_at.clone();
    let now_ns = parse_utc_timestamp(&now).expect("validated timestamp");
    let load = |paths: Vec<PathBuf>| {
        PolicySet::load(&Sources {
            builtin: false,
            paths,
            data: vec![PathBuf::from("policies/data.yaml")],
            tests: false,
        })
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let fastest = |policies: &PolicySet| {
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                let evaluation = evaluate(policies, &snapshot, now_ns, &now, threads, false);
                let took = started.elapsed().as_secs_f64();
                assert!(evaluation.errors.is_empty(), "{:?}", evaluation.errors);
                took
            })
            .fold(f64::INFINITY, f64::min)
    };
    if std::env::var_os("TOGETHER").is_some() {
        println!("together {:.4}", fastest(&load(rules)));
        return;
    }
    let mut sum = 0.0;
    // Library packages (policies/lib) are loaded with each rule: rules that
    // read them do not load without them.
    for rule in &rules {
        let policies = load(vec![rule.clone(), PathBuf::from("policies/lib")]);
        let Some(first) = policies.rules.first() else {
            continue;
        };
        let took = fastest(&policies);
        sum += took;
        println!("{} {:.4} {}", first.meta.id, took, rule.display());
    }
    if whole {
        println!("sum of rules {sum:.3}");
        println!(
            "library {:.3}",
            fastest(&load(vec![PathBuf::from("policies")]))
        );
    }
}
