//! The collector's client against the fake Alibaba Cloud API of
//! `tests/common` (127.0.0.1): paging, retries, typed errors, secrets kept
//! out of messages, and the role credential flows (STS AssumeRole, the
//! metadata service).

mod common;

use std::collections::{HashMap, HashSet};
use std::net::TcpListener;
use std::time::Duration;

use common::{dec, server_signature, server_string_to_sign, Fake, Fault, Plan, ID, SECRET, TOKEN};

use ecsguard::collect::client::{CallError, Client, ClientConfig, RetryPolicy, ECS};
use ecsguard::collect::credentials::Credential;
use ecsguard::collect::normalize::Normalizer;
use ecsguard::collect::paging::{walk, DESCRIBE_IMAGES, DESCRIBE_INSTANCES};
use ecsguard::collect::role::{self, temporary_keys, RoleEndpoints};
use serde_json::{json, Value};

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
    Plan::default().with("DescribeInstances", "cn-hangzhou", instances(n))
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
    let p = plan(5).forbid("DescribeInstances", None);
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
    let fake = Fake::start(Plan::default().with("DescribeImages", "cn-hangzhou", images.clone()));
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
    let mut lying = Plan::default().with("DescribeImages", "cn-hangzhou", images);
    lying.total_override.insert("DescribeImages".into(), 250);
    let fake = Fake::start(lying);
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
async fn throttling_is_retried_to_the_deadline_other_failures_to_the_attempt_limit() {
    // Ten throttles in a row burn no attempts: the eleventh answer counts.
    let mut p = plan(5);
    for n in 1..=10 {
        p.faults.insert(n, Fault::Throttle);
    }
    let fake = Fake::start(p);
    let c = client(&fake, &sts());
    let v = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap();
    assert!(v["RequestId"].is_string());
    assert_eq!(fake.requests(), 11);

    // Throttled for ever: given up once the deadline is spent.
    let mut p = plan(5);
    p.rate_limit = Some(0);
    let fake = Fake::start(p);
    let mut config = client(&fake, &sts()).config().clone();
    config.retry.deadline = Duration::from_millis(500);
    let c = Client::new(&sts(), config).unwrap();
    let err = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!(err.code, "Throttling.User");
    assert!(err.attempts > 6, "{} attempts", err.attempts);
    assert!(err.message.contains("retry deadline"), "{}", err.message);

    // Other transient failures stop at the attempt limit.
    let mut p = plan(5);
    for n in 1..=10 {
        p.faults.insert(n, Fault::Unavailable);
    }
    let fake = Fake::start(p);
    let c = client(&fake, &sts());
    let err = bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
        .await
        .unwrap_err();
    assert_eq!((err.http_status, err.attempts), (Some(503), 6));
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

fn role_plan() -> Plan {
    let mut p = plan(3);
    p.assume_role = Some(common::AssumeRole {
        caller: common::Identity::new("LTAIroleuser", "role/user+secret", None),
        role_arn: "acs:ram::1234:role/audit".into(),
        issued: common::Identity::new("STS.assumed", "assumed/secret=", Some("assumed+token/1")),
    });
    p.metadata = Some(common::Metadata {
        role: "ecs-audit".into(),
        issued: common::Identity::new("STS.instance", "instance/secret", Some("instance+token")),
    });
    p
}

fn role_config(fake: &Fake) -> ClientConfig {
    ClientConfig {
        endpoint: Some(fake.url()),
        ..ClientConfig::default()
    }
}

#[tokio::test]
async fn ram_role_arn_assumes_the_role_and_collects_with_its_keys() {
    let fake = Fake::start(role_plan());
    let role = Credential::AssumeRole {
        access_key_id: "LTAIroleuser".into(),
        access_key_secret: "role/user+secret".into(),
        role_arn: "acs:ram::1234:role/audit".into(),
        session_name: "ecsguard".into(),
        external_id: Some("ext-1".into()),
        duration_seconds: 900,
        sts_region: None,
    };
    let keys = bounded(temporary_keys(
        &role,
        &role_config(&fake),
        &RoleEndpoints::default(),
    ))
    .await
    .unwrap()
    .credential;
    assert_eq!(
        keys,
        Credential::Static {
            access_key_id: "STS.assumed".into(),
            access_key_secret: "assumed/secret=".into(),
            security_token: Some("assumed+token/1".into()),
        }
    );
    let c = client(&fake, &keys);
    let w = bounded(walk(&c, &DESCRIBE_INSTANCES, "cn-hangzhou", &[]))
        .await
        .unwrap();
    assert_eq!(w.items.len(), 3);
    let seen = fake.seen();
    let assumed = &seen[0];
    assert_eq!(
        (assumed.action.as_str(), assumed.verdict.as_str()),
        ("AssumeRole", "ok")
    );
    assert_eq!(assumed.params["Version"], "2015-04-01");
    assert_eq!(assumed.params["DurationSeconds"], "900");
    assert_eq!(assumed.params["ExternalId"], "ext-1");
    assert!(!assumed.params.contains_key("SecurityToken"));
    assert_eq!(seen[1].params["AccessKeyId"], "STS.assumed");

    // A role the caller may not assume: a typed error naming STS.
    let wrong = Credential::AssumeRole {
        access_key_id: "LTAIroleuser".into(),
        access_key_secret: "role/user+secret".into(),
        role_arn: "acs:ram::1234:role/other".into(),
        session_name: "ecsguard".into(),
        external_id: None,
        duration_seconds: 3600,
        sts_region: None,
    };
    let err = bounded(temporary_keys(
        &wrong,
        &role_config(&fake),
        &RoleEndpoints::default(),
    ))
    .await
    .unwrap_err();
    assert_eq!(
        (err.product.as_str(), err.action.as_str(), err.code.as_str()),
        ("Sts", "AssumeRole", "EntityNotExist.Role")
    );
}

#[tokio::test]
async fn ecs_ram_role_reads_the_metadata_service_with_a_session_token() {
    let fake = Fake::start(role_plan());
    let endpoints = RoleEndpoints {
        imds: Some(fake.url()),
        ..RoleEndpoints::default()
    };
    let keys = bounded(temporary_keys(
        &Credential::EcsRamRole { role_name: None },
        &ClientConfig::default(),
        &endpoints,
    ))
    .await
    .unwrap()
    .credential;
    assert_eq!(
        keys,
        Credential::Static {
            access_key_id: "STS.instance".into(),
            access_key_secret: "instance/secret".into(),
            security_token: Some("instance+token".into()),
        }
    );
    let verdicts: Vec<String> = fake.log().into_iter().map(|(_, v)| v).collect();
    assert_eq!(verdicts, ["token", "role-name", "role-keys"]);
    let c = client(&fake, &keys);
    let w = bounded(walk(&c, &DESCRIBE_INSTANCES, "cn-hangzhou", &[]))
        .await
        .unwrap();
    assert_eq!(w.items.len(), 3);

    // A named role that is not attached: an error that says where it looked.
    let err = bounded(temporary_keys(
        &Credential::EcsRamRole {
            role_name: Some("nope".into()),
        },
        &ClientConfig::default(),
        &endpoints,
    ))
    .await
    .unwrap_err();
    assert_eq!(
        (err.action.as_str(), err.http_status),
        ("GetRoleCredentials", Some(404))
    );
    assert!(err.hint.unwrap().contains(&fake.url()));
    // No metadata service at all (nothing listening).
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let err = bounded(temporary_keys(
        &Credential::EcsRamRole { role_name: None },
        &ClientConfig::default(),
        &RoleEndpoints {
            imds: Some(format!("http://{closed}")),
            imdsv1_disabled: true,
            ..RoleEndpoints::default()
        },
    ))
    .await
    .unwrap_err();
    assert_eq!(err.code, "ConnectionError");
}

#[tokio::test]
async fn role_keys_are_renewed_before_they_expire() {
    // Keys that last 4 s; calls for 6 s, with the keys of a RamRoleArn
    // profile (STS) and of an instance role (the metadata service).
    let mut p = role_plan();
    p.key_lifetime = Some(Duration::from_secs(4));
    let fake = Fake::start(p);
    let assumed = Credential::AssumeRole {
        access_key_id: "LTAIroleuser".into(),
        access_key_secret: "role/user+secret".into(),
        role_arn: "acs:ram::1234:role/audit".into(),
        session_name: "ecsguard".into(),
        external_id: None,
        duration_seconds: 900,
        sts_region: None,
    };
    let sts_endpoints = RoleEndpoints::default();
    let by_sts = bounded(role::client(&assumed, role_config(&fake), &sts_endpoints))
        .await
        .unwrap();
    let metadata = RoleEndpoints {
        imds: Some(fake.url()),
        ..RoleEndpoints::default()
    };
    let instance_role = Credential::EcsRamRole { role_name: None };
    let by_imds = bounded(role::client(&instance_role, role_config(&fake), &metadata))
        .await
        .unwrap();
    for _ in 0..7 {
        for c in [&by_sts, &by_imds] {
            bounded(c.call(&ECS, "DescribeInstances", "cn-hangzhou", &[]))
                .await
                .unwrap();
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let seen = fake.seen();
    assert!(
        seen.iter().all(|s| s.verdict != "expired"),
        "{:?}",
        fake.log()
    );
    // New keys asked for and used, from both sources.
    let keys_used: HashSet<&str> = seen
        .iter()
        .filter(|s| s.action == "DescribeInstances")
        .map(|s| s.params["AccessKeyId"].as_str())
        .collect();
    for source in ["STS.assumed-", "STS.instance-"] {
        let n = keys_used.iter().filter(|k| k.starts_with(source)).count();
        assert!(n >= 2, "{source}: {keys_used:?}");
    }
    let asked = |what: &str| {
        seen.iter()
            .filter(|s| s.verdict == what || s.action == what)
            .count()
    };
    assert!(asked("AssumeRole") >= 2 && asked("role-keys") >= 2);
}
