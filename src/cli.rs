//! The command line: parses flags, runs one command, maps the outcome to
//! an exit code (0 clean, 1 failures at or above the gate, 2 usage or input
//! error, 3 a collection with `collection_errors`, see `collect::command`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use crate::collect::command::{self, CollectArgs, Destination};
use crate::evaluate::{evaluate, Status};
use crate::policy::{PolicySet, Severity, Sources};
use crate::report::operator::OperatorFormat;
use crate::report::{self, Outcome};
use crate::snapshot::{parse_utc_timestamp, Snapshot};
use crate::triage::{apply_baseline, apply_waivers, Baseline, Novelty, Waivers};

#[derive(Parser)]
#[command(
    name = "ecsguard",
    version,
    about = "Policy-as-code checks for Alibaba Cloud compute fleets (ECS, Auto Scaling, ECI)"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Judge a snapshot with the policies and report pass / fail / unknown findings.
    Check(CheckArgs),
    /// The operator report: inventory, Auto Scaling, images and patches,
    /// spot risk and open questions, as one HTML page or Markdown.
    Report(ReportArgs),
    /// Read an Alibaba Cloud account into a snapshot (exit 3: some calls failed).
    Collect(CollectCommand),
    /// Collect, then check the snapshot, in one run (every `check` flag applies).
    Scan(ScanArgs),
    /// List the rules that would run.
    Policies(PoliciesArgs),
    /// Run the Rego unit tests (`test_*` rules in `*_test.rego`).
    Test(TestArgs),
    /// Print a JSON Schema: the snapshot's (default) or the findings document's.
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Snapshot)]
        which: SchemaKind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Snapshot,
    Findings,
}

#[derive(Args, Clone)]
struct PolicyArgs {
    /// A directory (walked recursively) or .rego file of policies; repeatable.
    /// A policy with the same package as a built-in one replaces it.
    #[arg(long = "policy", short = 'p', value_name = "PATH")]
    policy: Vec<PathBuf>,
    /// Leave out the built-in policy library.
    #[arg(long)]
    no_builtin: bool,
    /// A YAML or JSON data file merged over the policies' data.yaml
    /// (e.g. `ecsguard: {params: {image_age: {max_age_days: 90}}}`); repeatable.
    #[arg(long = "data", short = 'd', value_name = "FILE")]
    data: Vec<PathBuf>,
}

impl PolicyArgs {
    fn sources(&self, tests: bool) -> Sources {
        Sources {
            builtin: !self.no_builtin,
            paths: self.policy.clone(),
            data: self.data.clone(),
            tests,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics for people.
    Human,
    /// The findings document (`ecsguard schema findings`).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// JUnit XML (GitLab, Jenkins, GitHub test reporters).
    Junit,
    /// GitHub Actions workflow commands (+ job summary).
    Github,
    /// Markdown for pull-request comments.
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What `check`, `report` and `scan` share: the policies that judge a
/// snapshot, the clock they measure against, and triage.
#[derive(Args)]
struct JudgeArgs {
    #[command(flatten)]
    policies: PolicyArgs,
    /// Measure time-based rules against this instant (RFC 3339 UTC) instead
    /// of the snapshot's collected_at.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<String>,
    /// Evaluation threads (default: the machine's cores).
    #[arg(long)]
    threads: Option<usize>,
    /// A YAML file of waivers: findings it accepts (until their expiry) do not gate.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// The JSON output of an earlier run: only failures absent from it gate.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Print how long each phase took to stderr.
    #[arg(long)]
    timings: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The snapshot file (JSON, `ecsguard schema`).
    snapshot: PathBuf,
    #[command(flatten)]
    judge: JudgeArgs,
    #[command(flatten)]
    gate: GateArgs,
}

/// How `check` and `scan` print findings and gate on them.
#[derive(Args)]
struct GateArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity whose failures make the exit code 1.
    #[arg(long, value_name = "SEVERITY", default_value = "info", value_parser = parse_severity)]
    fail_on: Severity,
    /// Unknown findings (at or above --fail-on) make the exit code 1 too.
    #[arg(long)]
    fail_on_unknown: bool,
    /// Failures shown in full per rule in human output (0: all).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Also write FORMAT to PATH (e.g. sarif=results.sarif); repeatable.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output)]
    output: Vec<OutputTarget>,
}

#[derive(Args)]
struct ReportArgs {
    /// The snapshot file (JSON, `ecsguard schema`).
    snapshot: PathBuf,
    #[command(flatten)]
    judge: JudgeArgs,
    #[arg(long, value_enum, default_value_t = OperatorFormat::Html)]
    format: OperatorFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CollectCommand {
    #[command(flatten)]
    collect: CollectArgs,
    /// Where to write the snapshot (`-` for stdout); written atomically.
    #[arg(long = "out", short = 'o', value_name = "FILE|-")]
    out: PathBuf,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    collect: CollectArgs,
    /// Also keep the snapshot in FILE (default: a temporary file, removed).
    #[arg(long = "out", short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Also write the operator report to FILE (Markdown when it ends in
    /// `.md`, else HTML).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    judge: JudgeArgs,
    #[command(flatten)]
    gate: GateArgs,
}

#[derive(Args)]
struct PoliciesArgs {
    #[command(flatten)]
    policies: PolicyArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    /// The rule catalogue (docs/RULES.md).
    Markdown,
}

#[derive(Args)]
struct TestArgs {
    /// Policy directories or files whose tests to run (default: the built-in library).
    paths: Vec<PathBuf>,
    /// Data files merged over the policies' data.yaml; repeatable.
    #[arg(long = "data", short = 'd', value_name = "FILE")]
    data: Vec<PathBuf>,
    /// Only run tests whose `package.name` contains this text.
    #[arg(long)]
    run: Option<String>,
    /// Report the policies' line coverage by the tests.
    #[arg(long)]
    coverage: bool,
    /// Fail when total coverage is below this percentage (implies --coverage).
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    threshold: Option<f64>,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn parse_now(s: &str) -> Result<String, String> {
    parse_utc_timestamp(s).map(|_| s.to_string())
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Check(args) => judge(&args.snapshot, &args.judge).and_then(|judged| {
            let code = check(&judged, &args.gate);
            judged.leak();
            code
        }),
        Command::Report(args) => operator_report(args),
        Command::Collect(args) => collect(args),
        Command::Scan(args) => scan(args),
        Command::Policies(args) => list_policies(args),
        Command::Test(args) => test(args),
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Snapshot => crate::snapshot::json_schema(),
                SchemaKind::Findings => report::json::json_schema(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema serializes")
            );
            Ok(0)
        }
    };
    match result {
        Ok(code) => code,
        Err(diag) => {
            print_error(diag.as_ref(), color);
            2
        }
    }
}

type Failure = Box<dyn Diagnostic + Send + Sync>;

fn print_error(diag: &dyn Diagnostic, color: bool) {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut s = String::new();
    match GraphicalReportHandler::new_themed(theme).render_report(&mut s, diag) {
        Ok(()) => eprintln!("{s}"),
        Err(_) => eprintln!("error: {diag}"),
    }
}

/// A judged snapshot with everything its reports read.
struct Judged {
    policies: PolicySet,
    snapshot: Snapshot,
    evaluation: crate::evaluate::Evaluation,
    now: String,
    waivers: Option<Waivers>,
    waiver_use: Option<crate::triage::WaiverUse>,
    baseline: Option<crate::triage::BaselineDiff>,
    clock: Timings,
}

/// Loads the policies, triage files and snapshot, evaluates, applies
/// waivers and baseline: the pipeline `check` and `report` share.
fn judge(snapshot: &Path, args: &JudgeArgs) -> Result<Judged, Failure> {
    // Everything small is read first, so a broken policy, waiver or
    // baseline is reported before a (possibly large) snapshot is parsed.
    let clock = Timings::new(args.timings);
    let policies = PolicySet::load(&args.policies.sources(false)).map_err(boxed)?;
    clock.lap("load policies");
    let waivers = args
        .waivers
        .as_deref()
        .map(Waivers::load)
        .transpose()
        .map_err(boxed)?;
    let baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()
        .map_err(boxed)?;
    let snapshot = Snapshot::load(snapshot).map_err(boxed)?;
    clock.lap("load snapshot (read, validate, parse, index)");
    let now = args
        .now
        .clone()
        .unwrap_or_else(|| snapshot.collected_at.clone());
    let now_ns = parse_utc_timestamp(&now).expect("validated timestamp");
    let threads = args.threads.unwrap_or_else(crate::cores::available);
    let mut evaluation = evaluate(&policies, &snapshot, now_ns, &now, threads, args.timings);
    clock.lap("evaluate");

    // Rules measure against the snapshot's time; waivers expire in real
    // time (a waiver that ran out yesterday gates today, whatever the
    // snapshot's age), unless --now says otherwise.
    let waiver_now = match &args.now {
        Some(_) => now_ns,
        None => wall_clock_ns(),
    };
    let waiver_use = waivers
        .as_ref()
        .map(|w| apply_waivers(&mut evaluation, &policies, &snapshot, w, waiver_now));
    let diff = baseline
        .as_ref()
        .map(|b| apply_baseline(&mut evaluation, &policies, &snapshot, b));
    Ok(Judged {
        policies,
        snapshot,
        evaluation,
        now,
        waivers,
        waiver_use,
        baseline: diff,
        clock,
    })
}

impl Judged {
    fn outcome(&self) -> Outcome<'_> {
        Outcome {
            policies: &self.policies,
            snapshot: &self.snapshot,
            evaluation: &self.evaluation,
            now: &self.now,
            waivers: self.waivers.as_ref(),
            waiver_use: self.waiver_use.as_ref(),
            baseline: self.baseline.as_ref(),
        }
    }

    /// Expired and stale waivers, on stderr.
    fn warn_about_waivers(&self) {
        if let (Some(w), Some(used)) = (&self.waivers, &self.waiver_use) {
            for &i in &used.expired {
                let e = &w.entries[i];
                eprintln!(
                    "warning: {}:{}: waiver for {} / {} (owner {}) expired on {}: its findings count again",
                    w.path, e.line, e.rule, e.resource, e.owner, e.expires
                );
            }
            for &i in &used.stale {
                let e = &w.entries[i];
                eprintln!(
                    "warning: {}:{}: stale waiver: {} / {} matched no finding",
                    w.path, e.line, e.rule, e.resource
                );
            }
        }
    }

    /// The process ends after a command: freeing a large snapshot's tree
    /// piece by piece would only delay the exit (by about a second at 100k
    /// instances).
    fn leak(self) {
        std::mem::forget(self);
    }
}

fn collect(args: CollectCommand) -> Result<i32, Failure> {
    let dest = if args.out.as_os_str() == "-" {
        Destination::Stdout
    } else {
        Destination::File(args.out)
    };
    let written = command::run(&args.collect, &dest).map_err(boxed)?;
    Ok(command::exit_code(&written, args.collect.allow_partial))
}

/// Collect into `--out` or a temporary file, check it (and write the
/// operator report with `--report`); a partial collection exits 3 (unless
/// `--allow-partial`) when the check itself did not fail to run.
fn scan(args: ScanArgs) -> Result<i32, Failure> {
    let (path, temporary) = match args.out {
        Some(p) => (p, false),
        None => {
            let p = std::env::temp_dir().join(format!("ecsguard-scan-{}.json", std::process::id()));
            (p, true)
        }
    };
    let written = command::run(&args.collect, &Destination::File(path.clone()));
    let code = written.map_err(boxed).and_then(|written| {
        let judged = judge(&path, &args.judge)?;
        let mut checked = check(&judged, &args.gate)?;
        if let Some(report) = &args.report {
            let format = if report.extension().is_some_and(|e| e == "md") {
                OperatorFormat::Markdown
            } else {
                OperatorFormat::Html
            };
            if let Err(code) = write_operator_report(&judged.outcome(), format, Some(report)) {
                checked = code;
            }
        }
        judged.leak();
        let collected = command::exit_code(&written, args.collect.allow_partial);
        Ok(if checked == 2 || collected == 0 {
            checked
        } else {
            collected
        })
    });
    if temporary {
        let _ = std::fs::remove_file(&path);
    }
    code
}

fn check(judged: &Judged, args: &GateArgs) -> Result<i32, Failure> {
    let outcome = judged.outcome();

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let human = report::human::Options {
        limit: args.limit,
        color,
    };
    for target in &args.output {
        let written = std::fs::File::create(&target.path).and_then(|file| {
            let mut file = std::io::BufWriter::new(file);
            render(
                target.format,
                &outcome,
                &report::human::Options {
                    color: false,
                    ..human
                },
                &mut file,
            )?;
            file.flush()
        });
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", target.path.display());
            return Ok(2);
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = render(args.format, &outcome, &human, &mut out).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return Ok(2);
        }
    }
    judged.clock.lap("report");
    judged.warn_about_waivers();
    let evaluation = &judged.evaluation;
    let code = if !evaluation.errors.is_empty() {
        2
    } else {
        let gates = evaluation.findings.iter().any(|f| {
            let counted =
                f.status == Status::Fail || (args.fail_on_unknown && f.status == Status::Unknown);
            let known = f.novelty == Some(Novelty::Existing);
            counted
                && !known
                && judged.policies.rules[f.rule]
                    .meta
                    .severity
                    .at_least(args.fail_on)
        });
        i32::from(gates)
    };
    Ok(code)
}

/// `ecsguard report`: the operator report. It informs rather than gates:
/// 0 when written, 2 on input errors or rules that could not run (they are
/// listed in the report's open questions).
fn operator_report(args: ReportArgs) -> Result<i32, Failure> {
    let judged = judge(&args.snapshot, &args.judge)?;
    let written = write_operator_report(&judged.outcome(), args.format, args.output.as_deref());
    judged.clock.lap("report");
    judged.warn_about_waivers();
    let code = match written {
        Err(code) => code,
        Ok(()) if judged.evaluation.errors.is_empty() => 0,
        Ok(()) => 2,
    };
    judged.leak();
    Ok(code)
}

/// Writes the operator report to `path` or standard output; `Err(2)`, with
/// the reason on stderr, when it cannot be written.
fn write_operator_report(
    outcome: &Outcome,
    format: OperatorFormat,
    path: Option<&Path>,
) -> Result<(), i32> {
    let written = match path {
        Some(path) => std::fs::File::create(path).and_then(|file| {
            let mut file = std::io::BufWriter::new(file);
            report::operator::write(outcome, format, &mut file)?;
            file.flush()
        }),
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            report::operator::write(outcome, format, &mut out).and_then(|()| out.flush())
        }
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let target = path.map_or("standard output".to_string(), |p| p.display().to_string());
            eprintln!("error: cannot write the report to {target}: {e}");
            Err(2)
        }
        _ => Ok(()),
    }
}

fn render(
    format: Format,
    outcome: &Outcome,
    human: &report::human::Options,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => report::human::write(outcome, human, out),
        Format::Json => report::json::write(outcome, out),
        Format::Sarif => report::sarif::write(outcome, out),
        Format::Junit => report::junit::write(outcome, out),
        Format::Github => report::github::write(outcome, out),
        Format::Markdown => report::markdown::write(outcome, out),
    }
}

/// `--timings`: phase durations on stderr.
struct Timings {
    enabled: bool,
    last: std::cell::Cell<std::time::Instant>,
}

impl Timings {
    fn new(enabled: bool) -> Timings {
        Timings {
            enabled,
            last: std::cell::Cell::new(std::time::Instant::now()),
        }
    }

    fn lap(&self, phase: &str) {
        if self.enabled {
            let now = std::time::Instant::now();
            // Resident and peak memory so far (Linux), for the benchmarks.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |name: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map_or(String::new(), |v| v.trim().to_string())
            };
            eprintln!(
                "timing: {phase}: {:.3}s (rss {}, peak {})",
                now.duration_since(self.last.get()).as_secs_f64(),
                field("VmRSS:"),
                field("VmHWM:")
            );
            self.last.set(now);
        }
    }
}

fn wall_clock_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// `--output FORMAT=PATH`.
#[derive(Clone)]
struct OutputTarget {
    format: Format,
    path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputTarget, String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not FORMAT=PATH (e.g. sarif=results.sarif)"))?;
    let format = Format::from_str(format, true).map_err(|_| {
        format!("unknown format `{format}` (human, json, sarif, junit, github, markdown)")
    })?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file"));
    }
    Ok(OutputTarget {
        format,
        path: PathBuf::from(path),
    })
}

fn list_policies(args: PoliciesArgs) -> Result<i32, Failure> {
    let policies = PolicySet::load(&args.policies.sources(false)).map_err(boxed)?;
    match args.format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = policies
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.meta.id,
                        "severity": r.meta.severity,
                        "title": r.meta.title,
                        "description": r.meta.description,
                        "resource_type": r.meta.kind.name,
                        "requires": r.meta.requires.iter().map(|k| k.collection).collect::<Vec<_>>(),
                        "package": r.package,
                        "file": r.file,
                        "line": r.line(),
                        "remediation": r.meta.remediation,
                        "references": r.meta.references,
                        "cloud_config": r.meta.cloud_config,
                        "needs_params": r.meta.needs_params,
                        "configured": r.configured(),
                        "unset_params": r.unset_params,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rules).expect("rules serialize")
            );
        }
        ListFormat::Markdown => print!("{}", crate::policy::catalogue::markdown(&policies)),
        ListFormat::Text => {
            let width = policies
                .rules
                .iter()
                .map(|r| r.meta.id.len())
                .max()
                .unwrap_or(0);
            for r in &policies.rules {
                let state = if r.configured() {
                    String::new()
                } else {
                    format!("  [not configured: {}]", report::needs_params_text(r))
                };
                println!(
                    "{:width$}  {:8}  {:22}  {}  ({}:{}){state}",
                    r.meta.id,
                    r.meta.severity.as_str(),
                    r.meta.kind.name,
                    r.meta.title,
                    r.file,
                    r.line()
                );
            }
            let n = policies.not_configured().count();
            if n > 0 {
                println!(
                    "{n} of {} rules are not configured: they judge nothing until their parameters are set with --data",
                    policies.rules.len()
                );
            }
        }
    }
    Ok(0)
}

fn test(args: TestArgs) -> Result<i32, Failure> {
    let sources = Sources {
        builtin: args.paths.is_empty(),
        paths: args.paths.clone(),
        data: args.data.clone(),
        tests: true,
    };
    let policies = PolicySet::load(&sources).map_err(boxed)?;
    let (results, coverage) = crate::testing::run(
        &policies,
        args.run.as_deref(),
        args.coverage || args.threshold.is_some(),
    );
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if results.is_empty() {
        let _ = writeln!(
            out,
            "error: no test found (tests are `test_*` rules in `*_test.rego` files)"
        );
        return Ok(2);
    }
    let mut failed = 0;
    for r in &results {
        let status = if r.passed { "PASS" } else { "FAIL" };
        let _ = writeln!(
            out,
            "{status} {}:{} {}.{}",
            r.file, r.line, r.package, r.name
        );
        if let Some(error) = &r.error {
            let _ = writeln!(out, "     {error}");
        }
        failed += usize::from(!r.passed);
    }
    let mut below = false;
    if let Some(files) = &coverage {
        let (mut covered, mut coverable) = (0, 0);
        for f in files {
            covered += f.covered;
            coverable += f.coverable;
            let missed = if f.never_evaluated {
                " never evaluated by a test".to_string()
            } else if f.missed.is_empty() {
                String::new()
            } else {
                format!(" not covered: {}", line_ranges(&f.missed))
            };
            let _ = writeln!(
                out,
                "coverage {:5.1}% {} ({}/{} lines){missed}",
                f.percent(),
                f.path,
                f.covered,
                f.coverable
            );
        }
        let total = if coverable == 0 {
            100.0
        } else {
            100.0 * covered as f64 / coverable as f64
        };
        match args.threshold {
            Some(t) if total < t => {
                below = true;
                let _ = writeln!(out, "coverage {total:.1}% is below the threshold {t}%");
            }
            Some(t) => {
                let _ = writeln!(out, "coverage {total:.1}% (threshold {t}%)");
            }
            None => {
                let _ = writeln!(out, "coverage {total:.1}%");
            }
        }
    }
    let _ = writeln!(out, "{} passed, {} failed", results.len() - failed, failed);
    Ok(if failed > 0 || below { 1 } else { 0 })
}

/// `3-5, 9, 12-13`
fn line_ranges(lines: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = lines[i];
        let mut end = start;
        while i + 1 < lines.len() && lines[i + 1] == end + 1 {
            i += 1;
            end = lines[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(", ")
}

fn boxed<E: Diagnostic + Send + Sync + 'static>(e: E) -> Failure {
    Box::new(e)
}
