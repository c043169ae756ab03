//! What a collection run shows while it works: a progress bar on a terminal
//! (calls done of calls planned, requests, retries), `--verbose` request
//! traces, and the counts for the closing summary. Secrets never reach it:
//! the client hands over requests already redacted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::client::{Attempt, Observer};
use super::collector::Progress;

/// Counts requests and retries; draws and traces as asked.
pub struct Reporter {
    bar: Option<ProgressBar>,
    verbose: bool,
    requests: AtomicU64,
    retries: AtomicU64,
}

impl Reporter {
    /// `bar`: draw a progress bar on stderr (the caller checks that stderr
    /// is a terminal and `--quiet` is off); `verbose`: a line per attempt.
    pub fn new(bar: bool, verbose: bool) -> Reporter {
        let bar = bar.then(|| {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} calls  {msg}",
                )
                .expect("valid template"),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Reporter {
            bar,
            verbose,
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
        }
    }

    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }

    fn line(&self, text: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    fn refresh(&self) {
        if let Some(b) = &self.bar {
            b.set_message(format!(
                "{} requests, {} retries",
                self.requests(),
                self.retries()
            ));
        }
    }
}

impl Observer for Reporter {
    fn attempt(&self, a: &Attempt) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if a.retry_in.is_some() {
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
        if self.verbose {
            let status = a
                .http_status
                .map_or(String::new(), |s| format!(" HTTP {s}"));
            let outcome = match (a.error, a.retry_in) {
                (None, _) => "ok".to_string(),
                (Some(code), Some(wait)) => {
                    format!("{code}{status}, retry in {} ms", wait.as_millis())
                }
                (Some(code), None) => format!("{code}{status}, giving up"),
            };
            self.line(&format!(
                "trace: {} {} {} #{} {} ms: {outcome}: {}",
                a.region,
                a.product,
                a.action,
                a.number,
                a.elapsed.as_millis(),
                a.request
            ));
        }
        self.refresh();
    }
}

impl Progress for Reporter {
    fn planned(&self, tasks: u64) {
        if let Some(b) = &self.bar {
            b.inc_length(tasks);
        }
    }

    fn finished(&self, _region: &str, _action: &str) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_and_retries_and_draws_without_a_terminal() {
        // With a bar asked for: the template must parse (a bad one panics),
        // and a bar on a non-terminal stderr draws nothing.
        let r = Reporter::new(true, false);
        r.planned(2);
        let mut a = Attempt {
            product: "Ecs",
            action: "DescribeInstances",
            region: "cn-hangzhou",
            number: 1,
            request: "POST http://127.0.0.1/?Action=DescribeInstances&Signature=<redacted>",
            elapsed: Duration::from_millis(3),
            error: Some("Throttling.User"),
            http_status: Some(400),
            retry_in: Some(Duration::from_millis(300)),
        };
        r.attempt(&a);
        a.number = 2;
        a.error = None;
        a.http_status = None;
        a.retry_in = None;
        r.attempt(&a);
        r.finished("cn-hangzhou", "DescribeInstances");
        r.finish();
        assert_eq!((r.requests(), r.retries()), (2, 1));
    }
}
