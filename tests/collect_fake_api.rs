//! The collector's client against a fake Alibaba Cloud API on 127.0.0.1.
//!
//! The fake server checks every request's signature with its own signer
//! (written here, apart from `collect::sign`, and checked against the
//! documented example), serves DescribeInstances pages shaped like the
//! documented sample with NextToken paging (tokens that need
//! percent-encoding), DescribeImages with PageNumber paging, and injects
//! throttling, 503s and truncated bodies by request count. Nothing here
//! reaches beyond the loopback address; every wait is bounded.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ecsguard::collect::client::{CallError, Client, ClientConfig, RetryPolicy, ECS};
use ecsguard::collect::credentials::Credential;
use ecsguard::collect::normalize::Normalizer;
use ecsguard::collect::paging::{walk, DESCRIBE_IMAGES, DESCRIBE_INSTANCES};
use serde_json::{json, Value};

// ---- the server's own signer -------------------------------------------

fn enc(s: &str) -> String {
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

fn dec(s: &str) -> String {
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
fn server_string_to_sign(method: &str, params: &HashMap<String, String>) -> String {
    let mut names: Vec<&String> = params.keys().filter(|k| *k != "Signature").collect();
    names.sort();
    let canonical = names
        .iter()
        .map(|k| format!("{}={}", enc(k), enc(&params[*k])))
        .collect::<Vec<_>>()
        .join("&");
    format!("{method}&{}&{}", enc("/"), enc(&canonical))
}

fn server_signature(secret: &str, string_to_sign: &str) -> String {
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[test]
fn server_signer_matches_the_documented_example() {
    // alibaba-api.md §1.5/§1.6, vector 1.
    let params: HashMap<String, String> = [
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("Format", "XML"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("SignatureVersion", "1.0"),
        ("TimeStamp", "2016-02-23T12:46:24Z"),
        ("Version", "2014-05-26"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sts = server_string_to_sign("GET", &params);
    assert!(sts.starts_with("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"));
    assert!(sts.ends_with("TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"));
    assert_eq!(
        server_signature("testsecret", &sts),
        "CT9X0VtwR86fNWSnsc6v8YGOjuE="
    );
    assert_eq!(dec("a%20b%2Bc~%E7%94%9F"), "a b+c~生");
}

// ---- the fake API ---------------------------------------------------------

const ID: &str = "LTAIfaketestid";
const SECRET: &str = "fake+secret/=1";
const TOKEN: &str = "CAISfake/token+with=chars";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    Throttle,
    Unavailable,
    /// Content-Length promises more than is sent, then the connection closes.
    CutConnection,
    /// A complete HTTP answer whose JSON stops half-way.
    CutJson,
}

#[derive(Default)]
struct Plan {
    /// Instances to serve, and the page size the server uses (it caps the
    /// MaxResults asked for, as ECS does).
    instances: Vec<Value>,
    page_size: usize,
    /// Images, and the TotalCount the server claims for them.
    images: Vec<Value>,
    images_total: usize,
    /// Fault for request number n (1-based), by n.
    faults: HashMap<usize, Fault>,
    /// Actions answered with 403 Forbidden.RAM.
    forbidden: HashSet<String>,
}

struct State {
    plan: Plan,
    requests: AtomicUsize,
    nonces: Mutex<HashSet<String>>,
    log: Mutex<Vec<(String, String)>>,
    stop: AtomicBool,
}

struct Fake {
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
    fn start(plan: Plan) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            plan,
            requests: AtomicUsize::new(0),
            nonces: Mutex::new(HashSet::new()),
            log: Mutex::new(Vec::new()),
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

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// (action, verdict) of every request, in order.
    fn log(&self) -> Vec<(String, String)> {
        self.state.log.lock().unwrap().clone()
    }
}

fn respond(conn: &mut TcpStream, status: u16, body: &str) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
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

fn error_body(code: &str, message: &str, n: usize) -> String {
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
    for _ in 0..100 {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
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
    let query = target.strip_prefix("/?").unwrap_or("");
    let mut params = HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(dec(k), dec(v));
    }
    let action = params.get("Action").cloned().unwrap_or_default();
    let log = |verdict: &str| {
        st.log
            .lock()
            .unwrap()
            .push((action.clone(), verdict.to_string()))
    };

    // Who is asking, and did they sign it right?
    let given = params.get("Signature").cloned().unwrap_or_default();
    let expected = server_signature(SECRET, &server_string_to_sign(&method, &params));
    let common_ok = method == "POST"
        && body.is_empty()
        && params.get("Format").map(String::as_str) == Some("JSON")
        && params.get("SignatureMethod").map(String::as_str) == Some("HMAC-SHA1")
        && params.get("SignatureVersion").map(String::as_str) == Some("1.0")
        && params.get("AccessKeyId").map(String::as_str) == Some(ID)
        && params.get("SecurityToken").map(String::as_str) == Some(TOKEN)
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
    if given != expected {
        log("bad-signature");
        let echoed = server_string_to_sign(&method, &params);
        let message =
            format!("Specified signature is not matched with our calculation. server string to sign is:{echoed}");
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

    match st.plan.faults.get(&n) {
        Some(Fault::Throttle) => {
            log("throttled");
            return respond(
                &mut conn,
                400,
                &error_body(
                    "Throttling.User",
                    "Request was denied due to user flow control.",
                    n,
                ),
            );
        }
        Some(Fault::Unavailable) => {
            log("503");
            let page = "<html><body>503 Service Temporarily Unavailable</body></html>";
            return respond(&mut conn, 503, page);
        }
        Some(fault @ (Fault::CutConnection | Fault::CutJson)) => {
            log("truncated");
            let full = page_for(st, &action, &params, n).1;
            let cut = &full[..full.len() / 2];
            if *fault == Fault::CutJson {
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
    if st.plan.forbidden.contains(&action) {
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
    let (status, body) = page_for(st, &action, &params, n);
    log(if status == 200 { "ok" } else { "error" });
    respond(&mut conn, status, &body)
}

/// The NextToken of page `i`: characters that must be percent-encoded.
fn token_of(page: usize) -> String {
    format!("tok/{page}+=&* ~生")
}

fn page_for(st: &State, action: &str, params: &HashMap<String, String>, n: usize) -> (u16, String) {
    let plan = &st.plan;
    match action {
        "DescribeInstances" => {
            let asked: usize = params
                .get("MaxResults")
                .and_then(|m| m.parse().ok())
                .unwrap_or(10);
            let size = asked.min(plan.page_size).max(1);
            let page = match params.get("NextToken") {
                None => 0,
                Some(t) => match (0..=plan.instances.len()).find(|p| token_of(*p) == *t) {
                    Some(p) => p,
                    None => return (400, error_body("InvalidNextToken", "no such token", n)),
                },
            };
            let start = page * size;
            let end = (start + size).min(plan.instances.len());
            let items = plan.instances[start.min(end)..end].to_vec();
            let next = if end < plan.instances.len() {
                token_of(page + 1)
            } else {
                String::new()
            };
            let body = json!({
                "Instances": {"Instance": items},
                "TotalCount": plan.instances.len(),
                "RequestId": format!("REQ-{n}"),
                "PageSize": size,
                "PageNumber": 1,
                "NextToken": next
            });
            (200, body.to_string())
        }
        "DescribeImages" => {
            let number: usize = params["PageNumber"].parse().unwrap_or(1);
            let size: usize = params["PageSize"].parse().unwrap_or(10);
            let start = (number - 1) * size;
            let end = (start + size).min(plan.images.len());
            let items = plan.images[start.min(end)..end].to_vec();
            let body = json!({
                "Images": {"Image": items},
                "TotalCount": plan.images_total.to_string(),
                "PageNumber": number,
                "PageSize": size,
                "RegionId": params["RegionId"],
                "RequestId": format!("REQ-{n}")
            });
            (200, body.to_string())
        }
        other => (
            404,
            error_body("InvalidApi.NotFound", &format!("no API {other}"), n),
        ),
    }
}

/// An instance shaped like the documented DescribeInstances sample: wrapped
/// lists, minute-precision times, tags as TagKey/TagValue, and an empty
/// wrapper.
fn instance(i: usize) -> Value {
    json!({
        "InstanceId": format!("i-fake{i:05}"),
        "InstanceName": format!("web-{i}"),
        "RegionId": "cn-hangzhou",
        "ZoneId": "cn-hangzhou-g",
        "InstanceType": "ecs.g5.large",
        "Cpu": 2,
        "Memory": 8192,
        "Status": if i % 7 == 0 { "Stopped" } else { "Running" },
        "CreationTime": format!("2024-04-{:02}T22:32Z", 1 + i % 28),
        "ExpiredTime": "2099-12-31T15:59Z",
        "Tags": {"Tag": [{"TagKey": "env", "TagValue": "prod"}, {"TagKey": "n", "TagValue": i.to_string()}]},
        "SecurityGroupIds": {"SecurityGroupId": ["sg-1"]},
        "PublicIpAddress": {"IpAddress": []},
        "OperationLocks": {"LockReason": []},
        "VpcAttributes": {"VpcId": "vpc-1", "PrivateIpAddress": {"IpAddress": [format!("10.0.{}.{}", i / 250, i % 250)]}},
        "MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
        "DeletionProtection": false,
        "SpotPriceLimit": 0.98
    })
}

fn instances(n: usize) -> Vec<Value> {
    (0..n).map(instance).collect()
}

fn sts() -> Credential {
    Credential::Static {
        access_key_id: ID.into(),
        access_key_secret: SECRET.into(),
        security_token: Some(TOKEN.into()),
    }
}

fn client(fake: &Fake, credential: &Credential) -> Client {
    Client::new(
        credential,
        ClientConfig {
            endpoint: Some(fake.url()),
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
            retry: RetryPolicy {
                max_attempts: 6,
                throttle_base: Duration::from_millis(5),
                base: Duration::from_millis(2),
                cap: Duration::from_millis(40),
                deadline: Duration::from_secs(20),
            },
            ..ClientConfig::default()
        },
    )
    .unwrap()
}

async fn bounded<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), f)
        .await
        .expect("test finished within 60 s")
}

async fn collect_instances(fake: &Fake) -> Result<Vec<Value>, CallError> {
    let c = client(fake, &sts());
    let w = walk(
        &c,
        &DESCRIBE_INSTANCES,
        "cn-hangzhou",
        &[("AdditionalAttributes.1", "META_OPTIONS")],
    )
    .await?;
    assert!(w.problems.is_empty(), "{:?}", w.problems);
    let n = Normalizer::new();
    Ok(w.items
        .iter()
        .map(|i| {
            let out = n.resource("Instance", i, "cn-hangzhou");
            assert!(out.problems.is_empty(), "{:?}", out.problems);
            out.value
        })
        .collect())
}

fn plan(n: usize) -> Plan {
    Plan {
        instances: instances(n),
        page_size: 100,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_paged_walk_returns_every_instance_once_normalized() {
    let fake = Fake::start(plan(250));
    let got = bounded(collect_instances(&fake)).await.unwrap();
    assert_eq!(fake.requests(), 3, "{:?}", fake.log());
    let ids: Vec<&str> = got
        .iter()
        .map(|i| i["InstanceId"].as_str().unwrap())
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!((ids.len(), unique.len()), (250, 250));
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order");
    let first = &got[0];
    assert_eq!(first["CreationTime"], "2024-04-01T22:32:00Z");
    assert_eq!(first["ExpiredTime"], "2099-12-31T15:59:00Z");
    assert_eq!(
        first["Tags"],
        json!([{"Key": "env", "Value": "prod"}, {"Key": "n", "Value": "0"}])
    );
    assert_eq!(first["SecurityGroupIds"], json!(["sg-1"]));
    assert_eq!(
        first["VpcAttributes"]["PrivateIpAddress"],
        json!(["10.0.0.0"])
    );
    assert_eq!(first["OperationLocks"], json!([]));
    assert_eq!(first["RegionId"], "cn-hangzhou");
}

#[tokio::test]
async fn throttling_503s_and_truncated_bodies_change_nothing() {
    let clean = {
        let fake = Fake::start(plan(250));
        bounded(collect_instances(&fake)).await.unwrap()
    };
    let mut faulty = plan(250);
    for (n, f) in [
        (1, Fault::Throttle),
        (2, Fault::Unavailable),
        (3, Fault::CutConnection),
        (5, Fault::Throttle),
        (6, Fault::Throttle),
        (8, Fault::CutJson),
        (9, Fault::Unavailable),
    ] {
        faulty.faults.insert(n, f);
    }
    let fake = Fake::start(faulty);
    let got = bounded(collect_instances(&fake)).await.unwrap();
    assert_eq!(got, clean);
    let log = fake.log();
    let verdicts: Vec<&str> = log.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(
        verdicts,
        [
            "throttled",
            "503",
            "truncated",
            "ok",
            "throttled",
            "throttled",
            "ok",
            "truncated",
            "503",
            "ok"
        ],
        "every fault retried, with a fresh nonce and a valid signature"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_a_signature_error_naming_the_action() {
    let fake = Fake::start(plan(5));
    let wrong = Credential::Static {
        access_key_id: ID.into(),
        access_key_secret: "not-the-secret".into(),
        security_token: Some(TOKEN.into()),
    };
    let c = client(&fake, &wrong);
    let err = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!(err.code, "SignatureDoesNotMatch");
    assert_eq!(err.action, "DescribeInstances");
    assert_eq!(err.http_status, Some(400));
    assert_eq!(err.attempts, 1, "not retried");
    assert_eq!(fake.requests(), 1);
    let shown = format!("{err}\n{err:?}\n{c:?}");
    assert!(shown.contains("DescribeInstances") && shown.contains("SignatureDoesNotMatch"));
    assert!(
        err.hint.as_deref().unwrap_or("").contains("secret"),
        "{shown}"
    );
    // The gateway echoed its string to sign, token included: scrubbed.
    for secret in [TOKEN, "not-the-secret", "CAISfake"] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
    assert!(shown.contains("<redacted>"), "{shown}");
}

#[tokio::test]
async fn a_ram_denial_is_typed_and_not_retried() {
    let mut p = plan(5);
    p.forbidden.insert("DescribeInstances".into());
    let fake = Fake::start(p);
    let c = client(&fake, &sts());
    let err = bounded(walk(&c, &DESCRIBE_INSTANCES, "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!(
        (
            err.product.as_str(),
            err.action.as_str(),
            err.region.as_str(),
            err.code.as_str()
        ),
        ("Ecs", "DescribeInstances", "cn-hangzhou", "Forbidden.RAM")
    );
    assert_eq!(err.http_status, Some(403));
    assert_eq!(err.request_id.as_deref(), Some("REQ-1"));
    assert_eq!(err.attempts, 1);
    assert_eq!(fake.requests(), 1);
    assert!(err.hint.unwrap().contains("ecs:DescribeInstances"));
}

#[tokio::test]
async fn page_number_walks_check_total_count() {
    let images: Vec<Value> = (0..230)
        .map(|i| json!({"ImageId": format!("m-{i:04}"), "Status": "Available", "Size": "40"}))
        .collect();
    // Honest: 3 pages of 100, 100, 30.
    let fake = Fake::start(Plan {
        images: images.clone(),
        images_total: 230,
        ..Default::default()
    });
    let c = client(&fake, &sts());
    let w = bounded(walk(
        &c,
        &DESCRIBE_IMAGES,
        "cn-hangzhou",
        &[("Status", "ALL")],
    ))
    .await
    .unwrap();
    assert_eq!((w.items.len(), w.pages, w.total_count), (230, 3, Some(230)));
    assert!(w.problems.is_empty());
    // TotalCount promises more than the pages hold: reported, not hidden.
    let fake = Fake::start(Plan {
        images,
        images_total: 250,
        ..Default::default()
    });
    let c = client(&fake, &sts());
    let w = bounded(walk(&c, &DESCRIBE_IMAGES, "cn-hangzhou", &[]))
        .await
        .unwrap();
    assert_eq!(w.items.len(), 230);
    assert_eq!(w.problems.len(), 1);
    let p = &w.problems[0];
    assert_eq!(
        (p.action.as_str(), p.code.as_str()),
        ("DescribeImages", "TotalCountMismatch")
    );
    assert!(
        p.message.contains("250") && p.message.contains("230"),
        "{}",
        p.message
    );
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit() {
    let mut p = plan(5);
    for n in 1..=10 {
        p.faults.insert(n, Fault::Throttle);
    }
    let fake = Fake::start(p);
    let c = client(&fake, &sts());
    let err = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!((err.code.as_str(), err.attempts), ("Throttling.User", 6));
    assert_eq!(fake.requests(), 6);
}

#[tokio::test]
async fn transport_failures_are_retried_and_never_show_the_url() {
    // Every answer cut short: retried to the limit, reported as BadResponse.
    let mut p = plan(5);
    for n in 1..=10 {
        p.faults.insert(n, Fault::CutConnection);
    }
    let fake = Fake::start(p);
    let c = client(&fake, &sts());
    let err = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!((err.code.as_str(), err.attempts), ("BadResponse", 6));
    // Nobody listening: a connection error, retried.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let c = Client::new(
        &sts(),
        ClientConfig {
            endpoint: Some(format!("http://{closed}")),
            retry: RetryPolicy {
                max_attempts: 3,
                throttle_base: Duration::from_millis(1),
                base: Duration::from_millis(1),
                cap: Duration::from_millis(5),
                deadline: Duration::from_secs(10),
            },
            ..ClientConfig::default()
        },
    )
    .unwrap();
    let refused = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code.as_str(), refused.attempts),
        ("ConnectionError", 3)
    );
    for e in [&err, &refused] {
        let shown = format!("{e}\n{e:?}");
        for leak in ["CAISfake", "fake%2Bsecret", "Signature=", "SecurityToken"] {
            assert!(!shown.contains(leak), "{leak} in {shown}");
        }
    }
}
