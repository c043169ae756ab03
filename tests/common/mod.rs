//! A fake Alibaba Cloud API on 127.0.0.1, shared by the collector tests.
//!
//! It checks every request's signature with its own signer (written here,
//! apart from `collect::sign`, and checked against the documented example),
//! knows each list API's paging and hidden defaults on its own (not from the
//! client's tables), serves items per (action, region) with PageNumber,
//! NextToken (tokens that need percent-encoding) or Offset paging, and injects
//! throttling, 503s, truncated bodies, latency, a fixed per-action rate
//! limit and RAM denials. It also plays STS (AssumeRole) and the ECS
//! metadata service (IMDSv2). Nothing here reaches beyond the loopback
//! address; every wait is bounded.

#![allow(dead_code)]

pub mod fleet;

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

// ---- the server's own signer -------------------------------------------

pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn dec(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8 parameter")
}

/// The server's string to sign: the decoded parameters re-encoded, sorted
/// by name, joined, and encoded again behind `METHOD&%2F&`.
pub fn server_string_to_sign(method: &str, params: &HashMap<String, String>) -> String {
    let mut names: Vec<&String> = params.keys().filter(|k| *k != "Signature").collect();
    names.sort();
    let canonical = names
        .iter()
        .map(|k| format!("{}={}", enc(k), enc(&params[*k])))
        .collect::<Vec<_>>()
        .join("&");
    format!("{method}&{}&{}", enc("/"), enc(&canonical))
}

pub fn server_signature(secret: &str, string_to_sign: &str) -> String {
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

// ---- what the server knows -------------------------------------------------

pub const ID: &str = "LTAIfaketestid";
pub const SECRET: &str = "fake+secret/=1";
pub const TOKEN: &str = "CAISfake/token+with=chars";
/// The account every key pair belongs to (STS GetCallerIdentity).
pub const ACCOUNT_ID: &str = "1968132000120001";

/// A key pair the server accepts, with the token it must come with.
#[derive(Clone, Debug)]
pub struct Identity {
    pub id: String,
    pub secret: String,
    pub token: Option<String>,
}

impl Identity {
    pub fn new(id: &str, secret: &str, token: Option<&str>) -> Identity {
        Identity {
            id: id.into(),
            secret: secret.into(),
            token: token.map(str::to_string),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    Throttle,
    Unavailable,
    /// Content-Length promises more than is sent, then the connection closes.
    CutConnection,
    /// A complete HTTP answer whose JSON stops half-way.
    CutJson,
}

/// Faults drawn for a share of requests: decided by a hash of the request
/// (its parameters but nonce, time and signature) and how often it came,
/// so a run is reproducible and a call fails at most twice in a row.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomFaults {
    pub throttle_percent: u64,
    pub unavailable_percent: u64,
}

/// STS AssumeRole: who may assume, and the keys it hands out.
#[derive(Clone, Debug)]
pub struct AssumeRole {
    pub caller: Identity,
    pub role_arn: String,
    pub issued: Identity,
}

/// The metadata service: the role attached and its keys.
#[derive(Clone, Debug)]
pub struct Metadata {
    pub role: String,
    pub issued: Identity,
}

#[derive(Default)]
pub struct Plan {
    /// Items by (action, region).
    pub data: HashMap<(String, String), Vec<Value>>,
    /// Page size cap by action (below the API's maximum, as tests need).
    pub page_cap: HashMap<String, usize>,
    /// A TotalCount that lies, by action.
    pub total_override: HashMap<String, usize>,
    /// Fault for request number n (1-based), by n.
    pub faults: HashMap<usize, Fault>,
    pub random_faults: RandomFaults,
    /// Requests answered per second per (action, region); more are throttled.
    pub rate_limit: Option<usize>,
    /// Sleep this long before answering each request.
    pub latency: Option<Duration>,
    /// Actions answered with 403 Forbidden.RAM: (action, region or None for all).
    pub forbidden: HashSet<(String, Option<String>)>,
    /// Accepted key pairs; empty means the default ID/SECRET/TOKEN.
    pub identities: Vec<Identity>,
    pub assume_role: Option<AssumeRole>,
    pub metadata: Option<Metadata>,
    /// How long the keys STS and the metadata service hand out last; with
    /// it, every hand-out is a new key pair, refused once expired. None:
    /// the fixed `issued` keys, valid for ever.
    pub key_lifetime: Option<Duration>,
}

impl Plan {
    pub fn with(mut self, action: &str, region: &str, items: Vec<Value>) -> Plan {
        self.data
            .entry((action.into(), region.into()))
            .or_default()
            .extend(items);
        self
    }

    pub fn forbid(mut self, action: &str, region: Option<&str>) -> Plan {
        self.forbidden
            .insert((action.into(), region.map(str::to_string)));
        self
    }

    fn identities(&self) -> Vec<Identity> {
        let mut all = if self.identities.is_empty() {
            vec![Identity::new(ID, SECRET, Some(TOKEN))]
        } else {
            self.identities.clone()
        };
        if let Some(a) = &self.assume_role {
            all.push(a.caller.clone());
            all.push(a.issued.clone());
        }
        if let Some(m) = &self.metadata {
            all.push(m.issued.clone());
        }
        all
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub action: String,
    pub region: String,
    pub verdict: String,
    pub params: HashMap<String, String>,
    /// When the verdict was given.
    pub at: Instant,
}

struct State {
    plan: Plan,
    identities: Vec<Identity>,
    requests: AtomicUsize,
    nonces: Mutex<HashSet<String>>,
    seen: Mutex<Vec<Seen>>,
    repeats: Mutex<HashMap<u64, u64>>,
    windows: Mutex<HashMap<(String, String), VecDeque<Instant>>>,
    /// Keys handed out with a lifetime, and when they expire.
    issued: Mutex<Vec<(Identity, SystemTime)>>,
    stop: AtomicBool,
}

pub struct Fake {
    addr: SocketAddr,
    state: Arc<State>,
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

impl Fake {
    pub fn start(plan: Plan) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            identities: plan.identities(),
            plan,
            requests: AtomicUsize::new(0),
            nonces: Mutex::new(HashSet::new()),
            seen: Mutex::new(Vec::new()),
            repeats: Mutex::new(HashMap::new()),
            windows: Mutex::new(HashMap::new()),
            issued: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let shared = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let st = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(conn, &st);
                });
            }
        });
        Fake { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// (action, verdict) of every request, in order.
    pub fn log(&self) -> Vec<(String, String)> {
        self.seen()
            .into_iter()
            .map(|s| (s.action, s.verdict))
            .collect()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub fn verdicts(&self, verdict: &str) -> usize {
        self.seen().iter().filter(|s| s.verdict == verdict).count()
    }
}

fn respond(conn: &mut TcpStream, status: u16, body: &str) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Error",
    };
    write!(
        conn,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    conn.flush()
}

pub fn error_body(code: &str, message: &str, n: usize) -> String {
    json!({
        "RequestId": format!("REQ-{n}"),
        "HostId": "ecs.fake.local",
        "Code": code,
        "Message": message,
        "Recommend": format!("https://error-center.example/?Keyword={code}")
    })
    .to_string()
}

fn serve(mut conn: TcpStream, st: &State) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(5)))?;
    conn.set_write_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(()); // the wake-up connection
    }
    let mut content_length = 0usize;
    let mut headers = HashMap::new();
    for _ in 0..100 {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            if k.eq_ignore_ascii_case("content-length") {
                content_length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; content_length.min(1 << 20)];
    reader.read_exact(&mut body)?;

    let n = st.requests.fetch_add(1, Ordering::SeqCst) + 1;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default();
    if target.starts_with("/latest/") {
        return metadata(&mut conn, st, &method, target, &headers);
    }
    let query = target.strip_prefix("/?").unwrap_or("");
    let mut params = HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(dec(k), dec(v));
    }
    let action = api_name(&params);
    let region = params.get("RegionId").cloned().unwrap_or_default();
    let log = |verdict: &str| {
        st.seen.lock().unwrap().push(Seen {
            action: action.clone(),
            region: region.clone(),
            verdict: verdict.to_string(),
            params: params.clone(),
            at: Instant::now(),
        })
    };
    if let Some(l) = st.plan.latency {
        std::thread::sleep(l);
    }

    // Who is asking, and did they sign it right?
    let key_id = params.get("AccessKeyId").cloned().unwrap_or_default();
    let issued = st
        .issued
        .lock()
        .unwrap()
        .iter()
        .find(|(i, _)| i.id == key_id)
        .cloned();
    let identity = st
        .identities
        .iter()
        .find(|i| i.id == key_id)
        .cloned()
        .or(issued.as_ref().map(|(i, _)| i.clone()));
    let common_ok = method == "POST"
        && body.is_empty()
        && params.get("Format").map(String::as_str) == Some("JSON")
        && params.get("SignatureMethod").map(String::as_str) == Some("HMAC-SHA1")
        && params.get("SignatureVersion").map(String::as_str) == Some("1.0")
        && params.contains_key("RegionId")
        && params
            .get("Timestamp")
            .is_some_and(|t| t.len() == 20 && t.ends_with('Z'));
    if !common_ok {
        log("bad-request");
        return respond(
            &mut conn,
            400,
            &error_body("MissingParameter", "bad common parameters", n),
        );
    }
    let Some(identity) = identity else {
        log("unknown-key");
        return respond(
            &mut conn,
            404,
            &error_body(
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
                n,
            ),
        );
    };
    if issued.is_some_and(|(_, expires)| SystemTime::now() >= expires) {
        log("expired");
        return respond(
            &mut conn,
            400,
            &error_body(
                "InvalidSecurityToken.Expired",
                "Specified SecurityToken is expired.",
                n,
            ),
        );
    }
    if params.get("SecurityToken") != identity.token.as_ref() {
        log("bad-token");
        return respond(
            &mut conn,
            400,
            &error_body(
                "InvalidSecurityToken.Mismatch",
                "Specified SecurityToken mismatch with the AccessKey.",
                n,
            ),
        );
    }
    let given = params.get("Signature").cloned().unwrap_or_default();
    let expected = server_signature(&identity.secret, &server_string_to_sign(&method, &params));
    if given != expected {
        log("bad-signature");
        let echoed = server_string_to_sign(&method, &params);
        let message = format!(
            "Specified signature is not matched with our calculation. server string to sign is:{echoed}"
        );
        return respond(
            &mut conn,
            400,
            &error_body("SignatureDoesNotMatch", &message, n),
        );
    }
    let nonce = params.get("SignatureNonce").cloned().unwrap_or_default();
    if !st.nonces.lock().unwrap().insert(nonce) {
        log("nonce-reused");
        return respond(
            &mut conn,
            400,
            &error_body("SignatureNonceUsed", "nonce used", n),
        );
    }

    let fault = st
        .plan
        .faults
        .get(&n)
        .copied()
        .or_else(|| drawn_fault(st, &params));
    match fault {
        Some(Fault::Throttle) => {
            log("throttled");
            return respond(&mut conn, 400, &throttled(n));
        }
        Some(Fault::Unavailable) => {
            log("503");
            let page = "<html><body>503 Service Temporarily Unavailable</body></html>";
            return respond(&mut conn, 503, page);
        }
        Some(fault @ (Fault::CutConnection | Fault::CutJson)) => {
            log("truncated");
            let full = answer(st, &action, &region, &params, n).1;
            let cut = &full[..full.len() / 2];
            if fault == Fault::CutJson {
                return respond(&mut conn, 200, cut);
            }
            write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{cut}",
                full.len()
            )?;
            conn.flush()?;
            return conn.shutdown(std::net::Shutdown::Both);
        }
        None => {}
    }
    if let Some(limit) = st.plan.rate_limit {
        let now = Instant::now();
        let mut windows = st.windows.lock().unwrap();
        let window = windows.entry((action.clone(), region.clone())).or_default();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            window.pop_front();
        }
        if window.len() >= limit {
            drop(windows);
            log("rate-limited");
            return respond(&mut conn, 400, &throttled(n));
        }
        window.push_back(now);
    }
    let forbidden = st.plan.forbidden.contains(&(action.clone(), None))
        || st
            .plan
            .forbidden
            .contains(&(action.clone(), Some(region.clone())));
    if forbidden {
        log("forbidden");
        return respond(
            &mut conn,
            403,
            &error_body(
                "Forbidden.RAM",
                "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
                n,
            ),
        );
    }
    let (status, body) = answer(st, &action, &region, &params, n);
    log(if status == 200 { "ok" } else { "error" });
    respond(&mut conn, status, &body)
}

/// The API a request calls: its `Action`, but for the products' own
/// region lists, told apart by `Version` (ESS and ECI answer
/// DescribeRegions too, each with its own list).
fn api_name(params: &HashMap<String, String>) -> String {
    let action = params.get("Action").cloned().unwrap_or_default();
    match (action.as_str(), params.get("Version").map(String::as_str)) {
        ("DescribeRegions", Some("2014-08-28")) => "Ess.DescribeRegions".into(),
        ("DescribeRegions", Some("2018-08-08")) => "Eci.DescribeRegions".into(),
        _ => action,
    }
}

/// The keys to hand out for `fixed` and when they expire (RFC 3339): the
/// fixed ones for ever, or with a plan's lifetime a new pair each time.
fn hand_out(st: &State, fixed: &Identity) -> (Identity, String) {
    let Some(lifetime) = st.plan.key_lifetime else {
        return (fixed.clone(), "2099-01-01T00:00:00Z".into());
    };
    let mut issued = st.issued.lock().unwrap();
    let n = issued.len() + 1;
    let keys = Identity {
        id: format!("{}-{n}", fixed.id),
        secret: format!("{}{n}", fixed.secret),
        token: fixed.token.as_ref().map(|t| format!("{t}{n}")),
    };
    // Whole seconds, as the services write it, and as the server holds it.
    let secs = (SystemTime::now() + lifetime)
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expires = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    issued.push((keys.clone(), expires));
    let shown = chrono::DateTime::from_timestamp(secs as i64, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    (keys, shown)
}

fn throttled(n: usize) -> String {
    error_body(
        "Throttling.User",
        "Request was denied due to user flow control.",
        n,
    )
}

fn drawn_fault(st: &State, params: &HashMap<String, String>) -> Option<Fault> {
    let f = st.plan.random_faults;
    if f.throttle_percent + f.unavailable_percent == 0 {
        return None;
    }
    let mut key: Vec<(&String, &String)> = params
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "SignatureNonce" | "Timestamp" | "Signature"))
        .collect();
    key.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    let request = h.finish();
    let times = {
        let mut repeats = st.repeats.lock().unwrap();
        let t = repeats.entry(request).or_insert(0);
        *t += 1;
        *t
    };
    if times > 2 {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (request, times).hash(&mut h);
    let roll = h.finish() % 100;
    if roll < f.throttle_percent {
        Some(Fault::Throttle)
    } else if roll < f.throttle_percent + f.unavailable_percent {
        Some(Fault::Unavailable)
    } else {
        None
    }
}

// ---- the metadata service ----------------------------------------------------

const METADATA_TOKEN: &str = "imds-session-token";

fn metadata(
    conn: &mut TcpStream,
    st: &State,
    method: &str,
    path: &str,
    headers: &HashMap<String, String>,
) -> std::io::Result<()> {
    let log = |verdict: &str| {
        st.seen.lock().unwrap().push(Seen {
            action: format!("{method} {path}"),
            region: String::new(),
            verdict: verdict.into(),
            params: HashMap::new(),
            at: Instant::now(),
        })
    };
    let Some(m) = &st.plan.metadata else {
        log("no-metadata");
        return respond(conn, 404, "not found");
    };
    if path == "/latest/api/token" {
        let ttl_ok = headers
            .get("x-aliyun-ecs-metadata-token-ttl-seconds")
            .is_some_and(|t| t.parse::<u32>().is_ok());
        if method != "PUT" || !ttl_ok {
            log("bad-token-request");
            return respond(conn, 400, "bad token request");
        }
        log("token");
        return respond(conn, 200, METADATA_TOKEN);
    }
    // IMDSv2 only: every read carries the session token.
    if headers
        .get("x-aliyun-ecs-metadata-token")
        .map(String::as_str)
        != Some(METADATA_TOKEN)
    {
        log("no-session-token");
        return respond(conn, 401, "unauthorized");
    }
    let prefix = "/latest/meta-data/ram/security-credentials/";
    match path.strip_prefix(prefix) {
        Some("") => {
            log("role-name");
            respond(conn, 200, &m.role)
        }
        Some(role) if role == m.role => {
            log("role-keys");
            let (keys, expiration) = hand_out(st, &m.issued);
            let body = json!({
                "Code": "Success",
                "AccessKeyId": keys.id,
                "AccessKeySecret": keys.secret,
                "SecurityToken": keys.token,
                "Expiration": expiration,
                "LastUpdated": "2026-11-27T00:00:00Z"
            });
            respond(conn, 200, &body.to_string())
        }
        _ => {
            log("not-found");
            respond(conn, 404, "not found")
        }
    }
}

// ---- the APIs ------------------------------------------------------------------

/// How the real API pages, as this server plays it.
#[derive(Clone, Copy)]
enum Paging {
    Token(&'static str, usize),
    Pages(usize),
    /// `Offset` in, `NextOffset` out (only while more remain, as the
    /// documented one-page sample has none), this many items an answer.
    Offset(usize),
    None,
}

/// (action, list path, paging, filters: request parameter → item field).
type Spec = (
    &'static str,
    &'static str,
    Paging,
    &'static [(&'static str, &'static str)],
);

const GROUP: &[(&str, &str)] = &[("ScalingGroupId", "ScalingGroupId")];

const SPECS: &[Spec] = &[
    ("DescribeRegions", "Regions.Region", Paging::None, &[]),
    ("Ess.DescribeRegions", "Regions.Region", Paging::None, &[]),
    // ECI answers in plain JSON arrays.
    ("Eci.DescribeRegions", "Regions", Paging::None, &[]),
    (
        "DescribeInstances",
        "Instances.Instance",
        Paging::Token("MaxResults", 100),
        &[],
    ),
    (
        "DescribeInstanceTypes",
        "InstanceTypes.InstanceType",
        Paging::Token("MaxResults", 1600),
        &[("InstanceTypeFamily", "InstanceTypeFamily")],
    ),
    (
        "DescribeInstanceTypeFamilies",
        "InstanceTypeFamilies.InstanceTypeFamily",
        Paging::None,
        &[],
    ),
    ("DescribeImages", "Images.Image", Paging::Pages(100), &[]),
    (
        "DescribeDeploymentSets",
        "DeploymentSets.DeploymentSet",
        Paging::Pages(50),
        &[],
    ),
    (
        "DescribeInstanceHistoryEvents",
        "InstanceSystemEventSet.InstanceSystemEventType",
        Paging::Token("MaxResults", 100),
        &[],
    ),
    (
        "DescribeCloudAssistantStatus",
        "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus",
        Paging::Token("MaxResults", 50),
        &[],
    ),
    (
        "DescribeInvocations",
        "Invocations.Invocation",
        Paging::Token("MaxResults", 50),
        &[],
    ),
    (
        "DescribeVSwitches",
        "VSwitches.VSwitch",
        Paging::Pages(50),
        &[],
    ),
    (
        "DescribeScalingGroups",
        "ScalingGroups.ScalingGroup",
        Paging::Pages(50),
        &[],
    ),
    (
        "DescribeScalingConfigurations",
        "ScalingConfigurations.ScalingConfiguration",
        Paging::Pages(50),
        GROUP,
    ),
    (
        "DescribeScalingRules",
        "ScalingRules.ScalingRule",
        Paging::Pages(50),
        GROUP,
    ),
    (
        "DescribeScheduledTasks",
        "ScheduledTasks.ScheduledTask",
        Paging::Pages(50),
        GROUP,
    ),
    (
        "DescribeLifecycleHooks",
        "LifecycleHooks.LifecycleHook",
        Paging::Pages(50),
        GROUP,
    ),
    (
        "DescribeNotificationConfigurations",
        "NotificationConfigurationModels.NotificationConfigurationModel",
        Paging::None,
        GROUP,
    ),
    (
        "DescribeAlarms",
        "AlarmList.Alarm",
        Paging::Pages(50),
        GROUP,
    ),
    (
        "DescribeScalingInstances",
        "ScalingInstances.ScalingInstance",
        Paging::Pages(100),
        GROUP,
    ),
    (
        "DescribeSpotPriceHistory",
        "SpotPrices.SpotPriceType",
        Paging::Offset(5),
        &[
            ("InstanceType", "InstanceType"),
            ("NetworkType", "NetworkType"),
        ],
    ),
    (
        "DescribeContainerGroups",
        "ContainerGroups",
        Paging::Token("Limit", 20),
        &[],
    ),
    (
        "ListPatchBaselines",
        "PatchBaselines",
        Paging::Token("MaxResults", 100),
        &[],
    ),
    (
        "ListInstancePatchStates",
        "InstancePatchStates",
        Paging::Token("MaxResults", 100),
        &[],
    ),
];

/// The NextToken of page `i`: characters that must be percent-encoded.
pub fn token_of(page: usize) -> String {
    format!("tok/{page}+=&* ~生")
}

/// The page a token stands for, when it is one of [`token_of`]'s.
fn page_of(token: &str) -> Option<usize> {
    let page: usize = token
        .strip_prefix("tok/")?
        .split('+')
        .next()?
        .parse()
        .ok()?;
    (token_of(page) == token).then_some(page)
}

/// `{"A": {"B": items}}` for the path `A.B`.
fn wrapped(path: &str, items: Vec<Value>) -> (String, Value) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let top = parts.remove(0).to_string();
    let mut v = Value::Array(items);
    for p in parts.iter().rev() {
        v = json!({ *p: v });
    }
    (top, v)
}

fn answer(
    st: &State,
    action: &str,
    region: &str,
    params: &HashMap<String, String>,
    n: usize,
) -> (u16, String) {
    if action == "AssumeRole" {
        return assume_role(st, params, n);
    }
    if action == "GetCallerIdentity" {
        let key = params.get("AccessKeyId").cloned().unwrap_or_default();
        let body = json!({
            "RequestId": format!("REQ-{n}"),
            "IdentityType": if key.starts_with("STS.") { "AssumedRoleUser" } else { "RAMUser" },
            "AccountId": ACCOUNT_ID,
            "PrincipalId": "28877424437521",
            "Arn": format!("acs:ram::{ACCOUNT_ID}:user/ecsguard"),
        });
        return (200, body.to_string());
    }
    let Some(&(_, path, paging, filters)) = SPECS.iter().find(|s| s.0 == action) else {
        return (
            404,
            error_body("InvalidApi.NotFound", &format!("no API {action}"), n),
        );
    };
    if action == "DescribeNotificationConfigurations" && !params.contains_key("ScalingGroupId") {
        return (
            400,
            error_body("MissingScalingGroupId", "ScalingGroupId is mandatory", n),
        );
    }
    if action == "DescribeSpotPriceHistory" {
        for required in ["InstanceType", "NetworkType"] {
            if !params.contains_key(required) {
                return (
                    400,
                    error_body(
                        &format!("MissingParameter.{required}"),
                        &format!("The input parameter \"{required}\" that is mandatory for processing this request is not supplied."),
                        n,
                    ),
                );
            }
        }
    }
    let plan = &st.plan;
    let empty = Vec::new();
    let all = plan
        .data
        .get(&(action.to_string(), region.to_string()))
        .unwrap_or(&empty);
    // References: only the page served is copied (large fleets in benchmarks).
    let items: Vec<&Value> = all
        .iter()
        .filter(|item| {
            filters
                .iter()
                .all(|(param, field)| match params.get(*param) {
                    None => true,
                    Some(want) => item.get(*field).and_then(Value::as_str) == Some(want.as_str()),
                })
        })
        .filter(|item| hidden_default_keeps(action, params, item))
        .collect();
    let meta = params.get("AdditionalAttributes.1").map(String::as_str) == Some("META_OPTIONS");
    let alarms = params.get("ShowAlarmRules").map(String::as_str) == Some("true");
    let hidden_field = match action {
        "DescribeInstances" if !meta => Some("MetadataOptions"),
        "DescribeScalingRules" if !alarms => Some("Alarms"),
        _ => None,
    };
    let copy = |slice: &[&Value]| -> Vec<Value> {
        slice
            .iter()
            .map(|i| {
                let mut i = (*i).clone();
                if let (Some(f), Some(o)) = (hidden_field, i.as_object_mut()) {
                    o.remove(f);
                }
                i
            })
            .collect()
    };
    let total = plan
        .total_override
        .get(action)
        .copied()
        .unwrap_or(items.len());
    let cap = |max: usize| plan.page_cap.get(action).copied().unwrap_or(max).min(max);
    let mut body = serde_json::Map::new();
    body.insert("RequestId".into(), json!(format!("REQ-{n}")));
    match paging {
        Paging::None => {
            let (top, v) = wrapped(path, copy(&items));
            body.insert(top, v);
        }
        Paging::Token(size_param, max) => {
            let asked: usize = params
                .get(size_param)
                .and_then(|m| m.parse().ok())
                .unwrap_or(10);
            let size = asked.min(cap(max)).max(1);
            let page = match params.get("NextToken") {
                None => 0,
                Some(t) => match page_of(t) {
                    Some(p) => p,
                    None => return (400, error_body("InvalidNextToken", "no such token", n)),
                },
            };
            let start = (page * size).min(items.len());
            let end = (start + size).min(items.len());
            let next = if end < items.len() {
                token_of(page + 1)
            } else {
                String::new()
            };
            let (top, v) = wrapped(path, copy(&items[start..end]));
            body.insert(top, v);
            body.insert("NextToken".into(), json!(next));
            body.insert("TotalCount".into(), json!(total));
            body.insert("MaxResults".into(), json!(size));
        }
        Paging::Offset(max) => {
            let offset: usize = match params.get("Offset").map(|o| o.parse()) {
                None => 0,
                Some(Ok(o)) => o,
                Some(Err(_)) => {
                    return (
                        400,
                        error_body("InvalidOffset", "Offset is not a number", n),
                    )
                }
            };
            let start = offset.min(items.len());
            let end = (start + cap(max)).min(items.len());
            let (top, v) = wrapped(path, copy(&items[start..end]));
            body.insert(top, v);
            body.insert("Currency".into(), json!("CNY"));
            if end < items.len() {
                body.insert("NextOffset".into(), json!(end));
            }
        }
        Paging::Pages(max) => {
            let number: usize = params
                .get("PageNumber")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1);
            let asked: usize = params
                .get("PageSize")
                .and_then(|p| p.parse().ok())
                .unwrap_or(10);
            let size = asked.min(cap(max)).max(1);
            let start = ((number - 1) * size).min(items.len());
            let end = (start + size).min(items.len());
            let (top, v) = wrapped(path, copy(&items[start..end]));
            body.insert(top, v);
            // ESS documents send these as strings; ECS as numbers.
            body.insert("TotalCount".into(), json!(total.to_string()));
            body.insert("PageNumber".into(), json!(number));
            body.insert("PageSize".into(), json!(size.to_string()));
        }
    }
    (200, Value::Object(body).to_string())
}

/// The API's hidden defaults: images other than Available only with a
/// Status asking for them, marketplace images only when their owner is; events other than finished ones only when their
/// cycle status is asked for; images filtered by the ImageId list.
fn hidden_default_keeps(action: &str, params: &HashMap<String, String>, item: &Value) -> bool {
    match action {
        "DescribeImages" => {
            let status = item
                .get("Status")
                .and_then(Value::as_str)
                .unwrap_or("Available");
            let statuses = params.get("Status").map_or("Available", String::as_str);
            let by_status = statuses == "ALL" || statuses.split(',').any(|s| s == status);
            let by_id = params.get("ImageId").is_none_or(|ids| {
                let id = item.get("ImageId").and_then(Value::as_str).unwrap_or("");
                ids.split(',').any(|i| i == id)
            });
            // No owner asked for: system, self and others (shared), not
            // marketplace images.
            let owner = item
                .get("ImageOwnerAlias")
                .and_then(Value::as_str)
                .unwrap_or("self");
            let by_owner = match params.get("ImageOwnerAlias") {
                None => matches!(owner, "system" | "self" | "others"),
                Some(asked) => asked == owner,
            };
            by_status && by_id && by_owner
        }
        "DescribeInstanceHistoryEvents" => {
            let status = item["EventCycleStatus"]["Name"].as_str().unwrap_or("");
            let asked: Vec<&String> = params
                .iter()
                .filter(|(k, _)| k.starts_with("InstanceEventCycleStatus."))
                .map(|(_, v)| v)
                .collect();
            if asked.is_empty() {
                matches!(status, "Avoided" | "Executed" | "Canceled" | "Failed")
            } else {
                asked.iter().any(|a| *a == status)
            }
        }
        _ => true,
    }
}

fn assume_role(st: &State, params: &HashMap<String, String>, n: usize) -> (u16, String) {
    let Some(a) = &st.plan.assume_role else {
        return (404, error_body("InvalidApi.NotFound", "no STS here", n));
    };
    let caller_ok = params.get("AccessKeyId") == Some(&a.caller.id)
        && !params.contains_key("SecurityToken")
        && params.get("Version").map(String::as_str) == Some("2015-04-01");
    if !caller_ok {
        return (
            403,
            error_body(
                "NoPermission",
                "You are not authorized to assume this role.",
                n,
            ),
        );
    }
    if params.get("RoleArn") != Some(&a.role_arn) || !params.contains_key("RoleSessionName") {
        return (
            404,
            error_body("EntityNotExist.Role", "The specified Role not exists.", n),
        );
    }
    let (keys, expiration) = hand_out(st, &a.issued);
    let body = json!({
        "RequestId": format!("REQ-{n}"),
        "AssumedRoleUser": {"Arn": format!("{}/{}", a.role_arn, params["RoleSessionName"]), "AssumedRoleId": "3000:ecsguard"},
        "Credentials": {
            "AccessKeyId": keys.id,
            "AccessKeySecret": keys.secret,
            "SecurityToken": keys.token,
            "Expiration": expiration
        }
    });
    (200, body.to_string())
}

/// Runs a command to its end: exit code (-1 when killed), stdout, stderr.
pub fn run(cmd: &mut std::process::Command) -> (i32, String, String) {
    let std::process::Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}
