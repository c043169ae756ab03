//! `ecsguard collect` (and the collecting half of `scan`): flags, credentials,
//! the run, the atomic write and the exit code.
//!
//! Exit codes: 0 the snapshot is complete; 3 it was written but has
//! `collection_errors` (0 with `--allow-partial`); 2 nothing was written
//! (bad flag, no credentials, a fatal API error, an unwritable output path).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::Args;

use super::client::{CallError, ClientConfig, DEFAULT_CONCURRENCY};
use super::collector::{self, Collected, Regions};
use super::credentials::{self, CredentialError, Flags};
use super::progress::Reporter;
use super::role::{self, RoleEndpoints};

/// The exit code of a run whose snapshot has `collection_errors`.
pub const EXIT_INCOMPLETE: i32 = 3;

#[derive(Args, Clone, Debug)]
pub struct CollectArgs {
    /// Regions to collect: `all` (each product in the regions its own
    /// DescribeRegions lists) or a comma-separated list. Default: the
    /// profile's region, or ALIBABA_CLOUD_REGION_ID.
    #[arg(long, value_name = "all|R1,R2")]
    pub regions: Option<String>,
    /// The profile of ~/.aliyun/config.json to use (default: ALIBABA_CLOUD_PROFILE, then `current`).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Send every request to this base URL instead of the public regional
    /// endpoints (private or VPC endpoints, a proxy).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Requests in flight at most.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY, value_parser = parse_concurrency)]
    pub concurrency: usize,
    /// Exit 0 even when some calls failed (their failures are in the
    /// snapshot's `collection_errors`).
    #[arg(long)]
    pub allow_partial: bool,
    /// No progress bar and no summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print every request to stderr (signature, AccessKey id and token redacted).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// AccessKey id (prefer the environment: flags show in the process list).
    #[arg(long, value_name = "ID", requires = "access_key_secret")]
    pub access_key_id: Option<String>,
    #[arg(long, value_name = "SECRET", requires = "access_key_id")]
    pub access_key_secret: Option<String>,
    #[arg(long, value_name = "TOKEN", requires = "access_key_id")]
    pub security_token: Option<String>,
}

fn parse_concurrency(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=256).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a number from 1 to 256")),
    }
}

/// Why nothing was written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CollectError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Credentials(#[from] CredentialError),
    #[error("{error}")]
    #[diagnostic(code(ecsguard::collect::api))]
    Api {
        error: CallError,
        #[help]
        hint: Option<String>,
    },
    #[error("{0}")]
    #[diagnostic(code(ecsguard::collect::usage))]
    Usage(String),
    #[error("cannot write the snapshot to {path}: {reason}")]
    #[diagnostic(code(ecsguard::collect::write))]
    Write { path: String, reason: String },
}

impl From<CallError> for CollectError {
    fn from(error: CallError) -> Self {
        let hint = error.hint.clone();
        CollectError::Api { error, hint }
    }
}

/// Where the snapshot goes.
pub enum Destination {
    Stdout,
    /// Written to a temporary file beside the path, renamed over it at the end.
    File(PathBuf),
}

/// A collection written: the exit code it calls for.
pub struct Written {
    pub incomplete: bool,
}

/// Collects as `args` say and writes the snapshot to `dest`.
pub fn run(args: &CollectArgs, dest: &Destination) -> Result<Written, CollectError> {
    let env = |name: &str| std::env::var(name).ok();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let found = credentials::resolve(
        &Flags {
            access_key_id: args.access_key_id.clone(),
            access_key_secret: args.access_key_secret.clone(),
            security_token: args.security_token.clone(),
            profile: args.profile.clone(),
        },
        &env,
        home.as_deref(),
    )?;
    let default_region = found.region.clone().or_else(|| {
        [
            "ALIBABA_CLOUD_REGION_ID",
            "ALIBABACLOUD_REGION_ID",
            "ALICLOUD_REGION_ID",
        ]
        .iter()
        .find_map(|n| env(n).filter(|v| !v.is_empty()))
    });
    let regions = match args.regions.as_deref().map(str::trim) {
        Some("all") => Regions::All,
        Some(list) => {
            let ids: Vec<String> = list
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            if ids.is_empty() {
                return Err(CollectError::Usage("--regions names no region".into()));
            }
            Regions::List(ids)
        }
        None => match &default_region {
            Some(r) => Regions::List(vec![r.clone()]),
            None => {
                return Err(CollectError::Usage(
                    "no region to collect: pass --regions all or --regions R1,R2 (or give the profile a region_id)".into(),
                ))
            }
        },
    };
    // Open the output first: an unwritable path fails before a long run.
    let mut output = Output::open(dest)?;

    let show_bar = !args.quiet && !args.verbose && std::io::stderr().is_terminal();
    let reporter = Arc::new(Reporter::new(show_bar, args.verbose));
    let config = ClientConfig {
        endpoint: args.endpoint.clone(),
        concurrency: args.concurrency,
        observer: Some(reporter.clone()),
        ..ClientConfig::default()
    };
    let started = Instant::now();
    // Normalizing pages is CPU work: as many threads for it as cores.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(cores)
        .build()
        .map_err(|e| CollectError::Usage(format!("cannot start the async runtime: {e}")))?;
    let home_region = default_region.unwrap_or_else(|| "cn-hangzhou".into());
    let collected = runtime.block_on(async {
        let endpoints = RoleEndpoints::from_env(&env);
        let client = role::client(&found.credential, config, &endpoints).await?;
        Ok::<Collected, CollectError>(
            collector::collect(client, regions, &home_region, reporter.clone()).await?,
        )
    });
    reporter.finish();
    let collected = collected?;
    output.write(&collected.snapshot)?;

    if !args.quiet {
        for e in &collected.errors {
            let hint = e
                .hint
                .as_deref()
                .map_or(String::new(), |h| format!("; {h}"));
            eprintln!("warning: not collected: {e}{hint}");
        }
        let regions = collected.snapshot["regions"].as_array().map_or(0, Vec::len);
        eprintln!(
            "collected {regions} region(s) with credentials from {} in {:.1} s: {} requests, {} retries, {} collection error(s)",
            found.origin,
            started.elapsed().as_secs_f64(),
            reporter.requests(),
            reporter.retries(),
            collected.errors.len()
        );
    }
    let written = Written {
        incomplete: !collected.errors.is_empty(),
    };
    // Freeing a 100k-instance document takes most of a second: on another
    // thread, which the process does not wait for when it exits.
    std::thread::spawn(move || drop(collected));
    Ok(written)
}

/// The exit code for a written snapshot.
pub fn exit_code(written: &Written, allow_partial: bool) -> i32 {
    if written.incomplete && !allow_partial {
        EXIT_INCOMPLETE
    } else {
        0
    }
}

/// Large writes: a 100k-instance snapshot is hundreds of megabytes.
const WRITE_BUFFER: usize = 1 << 20;

/// The snapshot's destination, opened before collecting.
enum Output {
    Stdout,
    File {
        temp: PathBuf,
        file: std::fs::File,
        path: PathBuf,
    },
}

impl Output {
    fn open(dest: &Destination) -> Result<Output, CollectError> {
        match dest {
            Destination::Stdout => Ok(Output::Stdout),
            Destination::File(path) => {
                let name = path
                    .file_name()
                    .ok_or_else(|| CollectError::Write {
                        path: path.display().to_string(),
                        reason: "not a file name".into(),
                    })?
                    .to_string_lossy()
                    .into_owned();
                // Same directory as the target, so the rename is atomic.
                let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
                let file = std::fs::File::create(&temp).map_err(|e| write_error(path, &e))?;
                Ok(Output::File {
                    temp,
                    file,
                    path: path.clone(),
                })
            }
        }
    }

    fn write(&mut self, snapshot: &serde_json::Value) -> Result<(), CollectError> {
        match self {
            Output::Stdout => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, stdout.lock());
                serde_json::to_writer_pretty(&mut out, snapshot)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
                    .and_then(|()| out.flush())
                    .map_err(|e| write_error(Path::new("-"), &e))
            }
            Output::File { temp, file, path } => {
                let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, &*file);
                let written = serde_json::to_writer_pretty(&mut out, snapshot)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
                    .and_then(|()| out.flush())
                    .and_then(|()| file.sync_all())
                    .and_then(|()| std::fs::rename(&*temp, &*path));
                written.map_err(|e| {
                    let _ = std::fs::remove_file(&*temp);
                    write_error(path, &e)
                })
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // A run that ended before writing leaves no temporary file behind
        // (after the rename there is none to remove).
        if let Output::File { temp, .. } = self {
            let _ = std::fs::remove_file(&*temp);
        }
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> CollectError {
    CollectError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}
