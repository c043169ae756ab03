//! The RPC client: one signed `POST /?<query>` per attempt, the JSON body
//! parsed, API errors typed, transient failures retried with jittered
//! exponential backoff under an overall deadline.
//!
//! Every attempt is signed anew (fresh `SignatureNonce` and `Timestamp`).
//! The AccessKey secret and the security token never leave this module:
//! they are kept out of `Debug`, and scrubbed from every error message
//! (the gateway echoes its string to sign, and transport errors carry the
//! URL, both of which hold the token).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::credentials::{redact_id, Credential};
use super::pace::Pacing;
use super::sign;

/// An Alibaba Cloud RPC product: its code, API version and endpoint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Product code as in error reports and RAM actions: Ecs, Ess, Eci, Oos, Vpc.
    pub code: &'static str,
    pub version: &'static str,
    /// Host prefix: `ecs` gives `ecs.<region>.aliyuncs.com`.
    pub host: &'static str,
    /// Regions served by the central `<host>.aliyuncs.com` endpoint
    /// ([`EVERY_REGION`]: all of them).
    pub central_regions: &'static [&'static str],
}

pub const ECS: Product = Product {
    code: "Ecs",
    version: "2014-05-26",
    host: "ecs",
    central_regions: &[],
};
/// Auto Scaling, 2014-08-28 (wrapped lists). The SDK's endpoint map sends
/// these regions to the central endpoint (alibaba-api.md §2).
pub const ESS: Product = Product {
    code: "Ess",
    version: "2014-08-28",
    host: "ess",
    central_regions: &[
        "cn-qingdao",
        "cn-beijing",
        "cn-hangzhou",
        "cn-shanghai",
        "cn-shenzhen",
        "cn-hongkong",
        "ap-southeast-1",
        "us-east-1",
        "us-west-1",
        "cn-nanjing",
    ],
};
pub const ECI: Product = Product {
    code: "Eci",
    version: "2018-08-08",
    host: "eci",
    central_regions: &[],
};
pub const OOS: Product = Product {
    code: "Oos",
    version: "2019-06-01",
    host: "oos",
    central_regions: &[],
};
/// VPC, for DescribeVSwitches. The SDK's endpoint map sends these regions
/// to the central endpoint.
pub const VPC: Product = Product {
    code: "Vpc",
    version: "2016-04-28",
    host: "vpc",
    central_regions: &[
        "cn-qingdao",
        "cn-beijing",
        "cn-hangzhou",
        "cn-shanghai",
        "cn-shenzhen",
        "cn-hongkong",
        "ap-southeast-1",
        "us-east-1",
        "us-west-1",
    ],
};
/// A product served from its central endpoint for every region.
pub const EVERY_REGION: &[&str] = &["*"];

/// STS, for AssumeRole (alibaba-api.md §5.2) and GetCallerIdentity: the
/// central `sts.aliyuncs.com` (AssumeRole goes regional with a profile's
/// `sts_region`).
pub const STS: Product = Product {
    code: "Sts",
    version: "2015-04-01",
    host: "sts",
    central_regions: EVERY_REGION,
};

impl Product {
    /// The public endpoint for `region` (§2): `https://<host>.<region>.aliyuncs.com`,
    /// or the central endpoint for the regions the SDK routes there.
    pub fn endpoint(&self, region: &str) -> String {
        if self.central_regions.contains(&region) || self.central_regions == EVERY_REGION {
            format!("https://{}.aliyuncs.com", self.host)
        } else {
            format!("https://{}.{region}.aliyuncs.com", self.host)
        }
    }
}

/// How retries are paced.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per call that end in an error other than throttling, the
    /// first included. Throttled attempts are bounded by `deadline` alone:
    /// a per-minute limit can hold a call back longer than a few attempts.
    pub max_attempts: u32,
    /// Backoff base for throttling (the SDK uses 500 ms).
    pub throttle_base: Duration,
    /// Backoff base for other transient errors (the SDK uses 100 ms).
    pub base: Duration,
    /// Longest single wait.
    pub cap: Duration,
    /// No attempt starts after this much time spent on a call's attempts
    /// and backoff; waiting for its turn (the API's pace, a free request
    /// slot) does not count, so a long queue is no failure.
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            throttle_base: Duration::from_millis(500),
            base: Duration::from_millis(100),
            cap: Duration::from_secs(20),
            deadline: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// The wait after the `n`th failure of a kind (counting from 1):
    /// exponential, capped, then jittered into `[d/2, d]`.
    pub fn delay(&self, n: u32, throttled: bool) -> Duration {
        self.delay_with(n, throttled, rand::random_range(0.0..=1.0))
    }

    /// [`RetryPolicy::delay`] with the jitter given (0: `d/2`, 1: `d`).
    pub fn delay_with(&self, n: u32, throttled: bool, jitter: f64) -> Duration {
        let base = if throttled {
            self.throttle_base
        } else {
            self.base
        };
        let exp = base.saturating_mul(1u32 << n.saturating_sub(1).min(16));
        let d = exp.min(self.cap).as_secs_f64();
        Duration::from_secs_f64(d / 2.0 + d / 2.0 * jitter.clamp(0.0, 1.0))
    }
}

/// Client settings.
#[derive(Clone)]
pub struct ClientConfig {
    /// Send every product's requests to this base URL instead of the public
    /// regional endpoints (private/VPC endpoints, proxies, tests).
    pub endpoint: Option<String>,
    pub connect_timeout: Duration,
    /// Timeout of one attempt, body included.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// Requests in flight at most (waits between retries hold no slot).
    pub concurrency: usize,
    /// Told of every attempt: progress, counters, `--verbose` traces.
    pub observer: Option<Arc<dyn Observer>>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

/// The default bound on requests in flight: enough to hide latency, few
/// enough to stay clear of per-API rate limits.
pub const DEFAULT_CONCURRENCY: usize = 8;

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            endpoint: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
            observer: None,
        }
    }
}

/// One finished attempt, as an [`Observer`] sees it.
#[derive(Debug)]
pub struct Attempt<'a> {
    pub product: &'a str,
    pub action: &'a str,
    pub region: &'a str,
    /// 1 for the first attempt of a call.
    pub number: u32,
    /// `POST <url>` with the signature, the AccessKey id and the token redacted.
    pub request: &'a str,
    pub elapsed: Duration,
    /// None on success; else the error code (API code or transport class).
    pub error: Option<&'a str>,
    pub http_status: Option<u16>,
    /// The wait before the next attempt, when there will be one.
    pub retry_in: Option<Duration>,
}

/// Watches the client's attempts.
pub trait Observer: Send + Sync {
    fn attempt(&self, attempt: &Attempt);
}

/// Why a call failed, as recorded in `collection_errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    pub product: String,
    pub action: String,
    pub region: String,
    /// The API's error code, or a transport class: `Timeout`,
    /// `ConnectionError`, `BadResponse`, `CredentialNotSupported`.
    pub code: String,
    /// The message, secrets scrubbed.
    pub message: String,
    /// RequestId of the last attempt, when the API answered.
    pub request_id: Option<String>,
    /// HTTP status of the last attempt, when there was one.
    pub http_status: Option<u16>,
    /// What to do about it, for codes a person must act on.
    pub hint: Option<String>,
    /// Attempts made.
    pub attempts: u32,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} {} in {}: {}: {}",
            self.product, self.action, self.region, self.code, self.message
        )?;
        let mut extra = Vec::new();
        if let Some(id) = &self.request_id {
            extra.push(format!("RequestId {id}"));
        }
        if let Some(s) = self.http_status {
            extra.push(format!("HTTP {s}"));
        }
        if self.attempts > 1 {
            extra.push(format!("{} attempts", self.attempts));
        }
        if !extra.is_empty() {
            write!(f, " ({})", extra.join(", "))?;
        }
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CallError {}

/// Whether an API error code is worth another attempt.
pub fn retryable_code(code: &str) -> bool {
    code.starts_with("Throttling")
        || matches!(
            code,
            "Rejected.Throttling"
                | "ServiceUnavailable"
                | "InternalError"
                | "UnknownError"
                | "SignatureNonceUsed"
        )
}

fn is_throttling(code: &str) -> bool {
    code.starts_with("Throttling") || code == "Rejected.Throttling"
}

/// A hint for the codes that a person has to fix.
pub fn hint_for(product: &str, action: &str, code: &str) -> Option<String> {
    let h = if code.starts_with("InvalidAccessKeyId") {
        "the AccessKey id is unknown or disabled: check which credentials were used".to_string()
    } else if code == "SignatureDoesNotMatch" || code == "IncompleteSignature" {
        "the AccessKey secret does not belong to the AccessKey id (or a proxy changed the request)"
            .to_string()
    } else if code.starts_with("Forbidden") || code.starts_with("NoPermission") {
        format!(
            "the RAM user or role may not call {}:{action}; grant it read-only access to {product}",
            product.to_ascii_lowercase()
        )
    } else if code == "InvalidTimeStamp.Expired" {
        "the local clock is more than 15 minutes off: fix it and retry".to_string()
    } else if code.starts_with("InvalidSecurityToken") {
        "the STS security token is invalid or expired: get a new one".to_string()
    } else {
        return None;
    };
    Some(h)
}

/// Whether a base URL names this machine (127.0.0.0/8, ::1, localhost).
pub fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A key pair, with the token of temporary keys.
struct Keys {
    id: String,
    secret: String,
    token: Option<String>,
}

/// Temporary keys and when they expire (None: not said, never renewed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temporary {
    /// A [`Credential::Static`] with its token.
    pub credential: Credential,
    pub expiration: Option<SystemTime>,
}

/// What renewing temporary keys gives.
pub type Renewal<'a> = Pin<Box<dyn Future<Output = Result<Temporary, CallError>> + Send + 'a>>;

/// Gets temporary keys anew (STS AssumeRole, the metadata service).
pub trait Renew: Send + Sync {
    fn renew(&self) -> Renewal<'_>;
}

/// Where the keys that sign come from.
enum KeySource {
    Fixed(Arc<Keys>),
    /// Temporary keys, renewed once stale: the keys and when they are.
    Renewed {
        current: tokio::sync::Mutex<(Arc<Keys>, Option<SystemTime>)>,
        renew: Box<dyn Renew>,
    },
}

/// When temporary keys expiring at `expiration` (got at `now`) are
/// renewed: 15 minutes before, as the SDKs do (alibaba-api.md §5.3), or
/// halfway when they live less than half an hour (a 15-minute STS session
/// would be renewed before every call).
pub fn stale_at(expiration: SystemTime, now: SystemTime) -> SystemTime {
    let left = expiration.duration_since(now).unwrap_or_default();
    expiration - (left / 2).min(Duration::from_secs(15 * 60))
}

/// The async RPC client.
pub struct Client {
    http: reqwest::Client,
    keys: KeySource,
    /// Every secret and token the client has held, scrubbed from messages.
    secrets: std::sync::Mutex<Vec<String>>,
    config: ClientConfig,
    in_flight: Arc<tokio::sync::Semaphore>,
    pacing: Pacing,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut d = f.debug_struct("Client");
        match &self.keys {
            KeySource::Fixed(k) => d
                .field("access_key_id", &redact_id(&k.id))
                .field("access_key_secret", &"<redacted>")
                .field("security_token", &k.token.as_ref().map(|_| "<redacted>")),
            KeySource::Renewed { .. } => d.field("keys", &"temporary, renewed before they expire"),
        };
        d.field("config", &self.config).finish()
    }
}

/// Why a client could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{0} credentials must be exchanged for temporary keys first (collect::role::client)")]
    CredentialNotSupported(&'static str),
    #[error("cannot set up the HTTP client: {0}")]
    Http(String),
}

/// The outcome of one attempt that did not succeed.
struct Failure {
    code: String,
    message: String,
    request_id: Option<String>,
    http_status: Option<u16>,
    retry: bool,
    throttled: bool,
}

impl Keys {
    fn of(credential: &Credential) -> Result<Keys, ClientError> {
        match credential {
            Credential::Static {
                access_key_id,
                access_key_secret,
                security_token,
            } => Ok(Keys {
                id: access_key_id.clone(),
                secret: access_key_secret.clone(),
                token: security_token.clone(),
            }),
            Credential::AssumeRole { .. } => Err(ClientError::CredentialNotSupported(
                "RamRoleArn (STS AssumeRole)",
            )),
            Credential::EcsRamRole { .. } => Err(ClientError::CredentialNotSupported(
                "EcsRamRole (instance metadata)",
            )),
        }
    }

    fn secrets(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.secret.clone()).chain(self.token.clone())
    }
}

impl Client {
    /// A client signing with a static key pair (with its token, if any).
    pub fn new(credential: &Credential, config: ClientConfig) -> Result<Client, ClientError> {
        let keys = Arc::new(Keys::of(credential)?);
        Client::with_keys(KeySource::Fixed(keys), config)
    }

    /// A client signing with temporary keys, renewed by `renew` before
    /// they expire.
    pub fn renewing(
        first: Temporary,
        renew: Box<dyn Renew>,
        config: ClientConfig,
    ) -> Result<Client, ClientError> {
        let keys = Arc::new(Keys::of(&first.credential)?);
        let stale = first.expiration.map(|e| stale_at(e, SystemTime::now()));
        let current = tokio::sync::Mutex::new((keys, stale));
        Client::with_keys(KeySource::Renewed { current, renew }, config)
    }

    fn with_keys(keys: KeySource, config: ClientConfig) -> Result<Client, ClientError> {
        let held: Vec<String> = match &keys {
            KeySource::Fixed(k) => k.secrets().collect(),
            KeySource::Renewed { current, .. } => current
                .try_lock()
                .expect("not shared yet")
                .0
                .secrets()
                .collect(),
        };
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("ecsguard/", env!("CARGO_PKG_VERSION")));
        // HTTP(S)_PROXY from the environment applies, except to an endpoint
        // on this machine (the fake API of the tests, a local proxy).
        if config.endpoint.as_deref().is_some_and(is_loopback) {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| ClientError::Http(e.to_string()))?;
        Ok(Client {
            http,
            keys,
            secrets: std::sync::Mutex::new(held),
            in_flight: Arc::new(tokio::sync::Semaphore::new(config.concurrency.max(1))),
            pacing: Pacing::default(),
            config,
        })
    }

    /// The keys to sign with now: temporary ones renewed once stale.
    async fn keys(&self) -> Result<Arc<Keys>, CallError> {
        let (current, renew) = match &self.keys {
            KeySource::Fixed(k) => return Ok(k.clone()),
            KeySource::Renewed { current, renew } => (current, renew),
        };
        // Held while renewing: one renewal for all the callers waiting.
        let mut current = current.lock().await;
        if current.1.is_some_and(|stale| SystemTime::now() >= stale) {
            let fresh = renew.renew().await?;
            let keys = Keys::of(&fresh.credential).map_err(|e| CallError {
                product: "Sts".into(),
                action: "Renew".into(),
                region: "-".into(),
                code: "CredentialNotSupported".into(),
                message: e.to_string(),
                request_id: None,
                http_status: None,
                hint: None,
                attempts: 1,
            })?;
            self.secrets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(keys.secrets());
            let stale = fresh.expiration.map(|e| stale_at(e, SystemTime::now()));
            *current = (Arc::new(keys), stale);
        }
        Ok(current.0.clone())
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The base URL requests for `product` in `region` go to.
    pub fn base_url(&self, product: &Product, region: &str) -> String {
        match &self.config.endpoint {
            Some(e) => e.trim_end_matches('/').to_string(),
            None => product.endpoint(region),
        }
    }

    /// Calls `action` of `product` in `region` (`RegionId` is added unless
    /// `params` has it) and returns the parsed JSON body, retrying what can
    /// be retried.
    ///
    /// Every attempt waits for its turn in the (product, action, region)
    /// lane, which paces it once that API has throttled (see `pace`). A
    /// throttled attempt is retried at the lane's next slot; throttled
    /// again in a row, it also backs off (jittered exponential), in case
    /// the limit is not one the pace has learned. Throttling is bounded by
    /// the deadline, other failures also by `max_attempts`.
    pub async fn call(
        &self,
        product: &Product,
        action: &str,
        region: &str,
        params: &[(&str, &str)],
    ) -> Result<Value, CallError> {
        let policy = &self.config.retry;
        let lane = self.pacing.lane(product.code, action, region);
        let mut attempt = 0;
        let mut failures = 0;
        let mut throttled_in_a_row = 0u32;
        // What the deadline counts: attempts and backoff, not queueing.
        let mut spent = Duration::ZERO;
        loop {
            attempt += 1;
            let keys = self.keys().await.map_err(|e| CallError {
                product: product.code.to_string(),
                action: action.to_string(),
                region: region.to_string(),
                code: e.code.clone(),
                message: format!("the temporary keys could not be renewed: {e}"),
                request_id: e.request_id.clone(),
                http_status: e.http_status,
                hint: e.hint.clone(),
                attempts: attempt - 1,
            })?;
            lane.wait_turn().await;
            let (request, outcome, elapsed) = {
                // Closed only when the client is dropped, which cannot
                // happen while it is borrowed here.
                let _slot = self.in_flight.acquire().await.expect("semaphore open");
                let sent = Instant::now();
                let (request, outcome) = self.attempt(&keys, product, action, region, params).await;
                (request, outcome, sent.elapsed())
            };
            spent += elapsed;
            let mut seen = Attempt {
                product: product.code,
                action,
                region,
                number: attempt,
                request: &request,
                elapsed,
                error: None,
                http_status: None,
                retry_in: None,
            };
            let failure = match outcome {
                Ok(v) => {
                    lane.answered();
                    if let Some(o) = &self.config.observer {
                        o.attempt(&seen);
                    }
                    return Ok(v);
                }
                Err(f) => f,
            };
            let wait = if failure.throttled {
                throttled_in_a_row += 1;
                let paced = lane.throttled();
                if paced && throttled_in_a_row == 1 {
                    Duration::ZERO
                } else {
                    policy.delay(throttled_in_a_row.saturating_sub(1).max(1), true)
                }
            } else {
                // The gateway answered: the request counted against the limit.
                if failure.http_status.is_some() {
                    lane.answered();
                }
                throttled_in_a_row = 0;
                failures += 1;
                policy.delay(failures, false)
            };
            let give_up = !failure.retry || failures >= policy.max_attempts.max(1);
            let stop = give_up || spent + wait > policy.deadline;
            if let Some(o) = &self.config.observer {
                seen.error = Some(&failure.code);
                seen.http_status = failure.http_status;
                seen.retry_in = (!stop).then_some(wait);
                o.attempt(&seen);
            }
            if stop {
                let hint = hint_for(product.code, action, &failure.code);
                let mut message = self.scrub(&failure.message);
                if failure.retry && !give_up {
                    message.push_str(&format!(
                        " (gave up: retry deadline of {}s reached)",
                        policy.deadline.as_secs()
                    ));
                }
                return Err(CallError {
                    product: product.code.to_string(),
                    action: action.to_string(),
                    region: region.to_string(),
                    code: failure.code,
                    message,
                    request_id: failure.request_id,
                    http_status: failure.http_status,
                    hint,
                    attempts: attempt,
                });
            }
            tokio::time::sleep(wait).await;
            spent += wait;
        }
    }

    /// One signed request: the request as it may be shown (secrets
    /// redacted) and its outcome.
    async fn attempt(
        &self,
        keys: &Keys,
        product: &Product,
        action: &str,
        region: &str,
        params: &[(&str, &str)],
    ) -> (String, Result<Value, Failure>) {
        let nonce = format!("{:032x}", rand::random::<u128>());
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let timestamp = chrono::DateTime::from_timestamp(now, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let mut all: Vec<(&str, &str)> = vec![
            ("Action", action),
            ("Format", "JSON"),
            ("Version", product.version),
            ("AccessKeyId", &keys.id),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", &nonce),
            ("Timestamp", &timestamp),
        ];
        if let Some(token) = &keys.token {
            all.push(("SecurityToken", token));
        }
        if !params.iter().any(|(k, _)| *k == "RegionId") {
            all.push(("RegionId", region));
        }
        all.extend(params.iter().copied());
        let base = self.base_url(product, region);
        let shown = self.shown_request(&keys.id, &base, &all);
        let query = sign::signed_query("POST", &keys.secret, all);
        let url = format!("{base}/?{query}");
        (shown, self.send(url).await)
    }

    /// `POST <url>` for traces: every parameter but the signature, with the
    /// AccessKey id shortened and the token replaced.
    fn shown_request(&self, key_id: &str, base: &str, params: &[(&str, &str)]) -> String {
        let redacted_id = redact_id(key_id);
        let shown = sign::canonical_query(params.iter().map(|&(k, v)| {
            let v = match k {
                "AccessKeyId" => redacted_id.as_str(),
                "SecurityToken" => "<redacted>",
                _ => v,
            };
            (k, v)
        }));
        self.scrub(&format!("POST {base}/?{shown}&Signature=<redacted>"))
    }

    async fn send(&self, url: String) -> Result<Value, Failure> {
        let transport = |e: reqwest::Error| {
            let code = if e.is_timeout() {
                "Timeout"
            } else if e.is_connect() {
                "ConnectionError"
            } else {
                "BadResponse"
            };
            // Without the URL: it carries the token and the signature.
            let e = e.without_url();
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            Failure {
                code: code.into(),
                message,
                request_id: None,
                http_status: None,
                retry: true,
                throttled: false,
            }
        };
        let response = self.http.post(url).send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| {
            let mut f = transport(e);
            f.http_status = Some(status);
            f
        })?;
        let parsed: Option<Value> = serde_json::from_slice(&body)
            .ok()
            .filter(|v: &Value| v.is_object());
        let transient_status = matches!(status, 429 | 500 | 502 | 503 | 504);
        match parsed {
            Some(v) if (200..300).contains(&status) => Ok(v),
            Some(v) => {
                let field = |names: &[&str]| {
                    names
                        .iter()
                        .find_map(|n| v.get(*n).and_then(Value::as_str))
                        .map(str::to_string)
                };
                let code = field(&["Code", "code"]).unwrap_or_else(|| format!("HTTP{status}"));
                let message = field(&["Message", "message"]).unwrap_or_default();
                Failure {
                    retry: retryable_code(&code) || transient_status,
                    throttled: is_throttling(&code) || status == 429,
                    request_id: field(&["RequestId", "requestId"]),
                    http_status: Some(status),
                    code,
                    message,
                }
                .into_err()
            }
            None => {
                let shown: String = String::from_utf8_lossy(&body).chars().take(200).collect();
                Failure {
                    code: "BadResponse".into(),
                    message: format!(
                        "HTTP {status} with a body that is not a JSON object ({} bytes): {shown}",
                        body.len()
                    ),
                    request_id: None,
                    http_status: Some(status),
                    // A truncated or garbled answer is worth another try,
                    // unless the gateway refused the request outright.
                    retry: (200..300).contains(&status) || transient_status,
                    throttled: status == 429,
                }
                .into_err()
            }
        }
    }

    /// Removes the secret and the token, raw and percent-encoded once or
    /// twice (as they appear in a query string and in a string to sign).
    fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        let secrets = self.secrets.lock().unwrap_or_else(|e| e.into_inner());
        for s in secrets.iter().filter(|s| !s.is_empty()) {
            let once = sign::percent_encode(s);
            let twice = sign::percent_encode(&once);
            for form in [twice, once, s.to_string()] {
                out = out.replace(&form, "<redacted>");
            }
        }
        out
    }
}

impl Failure {
    fn into_err<T>(self) -> Result<T, Failure> {
        Err(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sts() -> Credential {
        Credential::Static {
            access_key_id: "STS.NUgYrLnoC37mZZCNnAbez".into(),
            access_key_secret: "Sts+Secret/Key=1".into(),
            security_token: Some("CAIS8gF1q6Ft5B2yfSjIr5bkE/3+h7Zx0ZTYZ2v1jTQ=".into()),
        }
    }

    #[test]
    fn endpoints_follow_the_reference() {
        assert_eq!(
            ECS.endpoint("cn-hangzhou"),
            "https://ecs.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(ESS.endpoint("cn-beijing"), "https://ess.aliyuncs.com");
        assert_eq!(STS.endpoint("eu-central-1"), "https://sts.aliyuncs.com");
        assert_eq!(
            ESS.endpoint("eu-central-1"),
            "https://ess.eu-central-1.aliyuncs.com"
        );
        assert_eq!(
            ECI.endpoint("cn-shanghai"),
            "https://eci.cn-shanghai.aliyuncs.com"
        );
        let c = Client::new(
            &sts(),
            ClientConfig {
                endpoint: Some("http://127.0.0.1:9/".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.base_url(&ECS, "cn-hangzhou"), "http://127.0.0.1:9");
        assert!(is_loopback("http://127.0.0.1:9/") && is_loopback("http://[::1]:80"));
        assert!(
            is_loopback("http://localhost") && !is_loopback("https://ecs.cn-hangzhou.aliyuncs.com")
        );
    }

    #[test]
    fn retry_classes() {
        for code in [
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
            "ServiceUnavailable",
            "InternalError",
            "SignatureNonceUsed",
        ] {
            assert!(retryable_code(code), "{code}");
        }
        for code in [
            "InvalidAccessKeyId.NotFound",
            "SignatureDoesNotMatch",
            "Forbidden.RAM",
            "InvalidParameter",
            "InvalidTimeStamp.Expired",
        ] {
            assert!(!retryable_code(code), "{code}");
        }
        assert!(hint_for("Ecs", "DescribeInstances", "Forbidden.RAM")
            .unwrap()
            .contains("ecs:DescribeInstances"));
        assert!(hint_for("Ecs", "X", "SignatureDoesNotMatch").is_some());
        assert!(hint_for("Ecs", "X", "Throttling").is_none());
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let p = RetryPolicy::default();
        for _ in 0..50 {
            let d1 = p.delay(1, true);
            assert!(d1 >= Duration::from_millis(250) && d1 <= Duration::from_millis(500));
            let d3 = p.delay(3, false);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400));
            let d30 = p.delay(30, true);
            assert!(d30 >= Duration::from_secs(10) && d30 <= Duration::from_secs(20));
        }
        assert_eq!(p.delay_with(2, true, 0.0), Duration::from_millis(500));
        assert_eq!(p.delay_with(2, true, 1.0), Duration::from_millis(1000));
        assert_eq!(p.delay_with(1, false, 0.5), Duration::from_millis(75));
    }

    #[test]
    fn temporary_keys_go_stale_15_minutes_early_or_halfway() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = now + Duration::from_secs(3600);
        assert_eq!(stale_at(hour, now), hour - Duration::from_secs(900));
        let quarter = now + Duration::from_secs(900);
        assert_eq!(stale_at(quarter, now), now + Duration::from_secs(450));
        // Already expired: stale now.
        assert_eq!(stale_at(now, now + Duration::from_secs(5)), now);
    }

    #[test]
    fn role_credentials_need_exchanging_first() {
        let role = Credential::AssumeRole {
            access_key_id: "LTAI".into(),
            access_key_secret: "s".into(),
            role_arn: "acs:ram::1:role/audit".into(),
            session_name: "ecsguard".into(),
            external_id: None,
            duration_seconds: 3600,
            sts_region: None,
        };
        let err = Client::new(&role, ClientConfig::default()).unwrap_err();
        assert!(err.to_string().contains("RamRoleArn"), "{err}");
        let err = Client::new(
            &Credential::EcsRamRole { role_name: None },
            ClientConfig::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("temporary keys first"), "{err}");
    }

    #[test]
    fn secrets_stay_out_of_debug_and_messages() {
        let c = Client::new(&sts(), ClientConfig::default()).unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("Sts+Secret") && !shown.contains("CAIS8gF1"),
            "{shown}"
        );
        // The gateway's SignatureDoesNotMatch message echoes its string to sign.
        let echoed = format!(
            "server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3D{}%26x; token {} secret {}",
            sign::percent_encode(&sign::percent_encode("CAIS8gF1q6Ft5B2yfSjIr5bkE/3+h7Zx0ZTYZ2v1jTQ=")),
            "CAIS8gF1q6Ft5B2yfSjIr5bkE/3+h7Zx0ZTYZ2v1jTQ=",
            "Sts+Secret/Key=1"
        );
        let clean = c.scrub(&echoed);
        assert!(
            !clean.contains("CAIS8gF1") && !clean.contains("Sts+Secret"),
            "{clean}"
        );
        assert_eq!(clean.matches("<redacted>").count(), 3, "{clean}");
    }
}
