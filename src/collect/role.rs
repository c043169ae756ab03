//! Exchanging role credentials for temporary keys before collecting:
//! RamRoleArn through STS AssumeRole (signed with the profile's AccessKey
//! pair), EcsRamRole through the instance metadata service (IMDSv2 token
//! first, alibaba-api.md §5.3). Either way the result is a static key pair
//! with a security token, which the RPC client signs with.
//!
//! The temporary keys last from 15 minutes (STS) to hours: [`client`]
//! makes a client that asks for them anew before their `Expiration`
//! (see `client::stale_at`), so a long collection keeps valid keys.

use std::time::Duration;

use serde_json::Value;

use super::client::{CallError, Client, ClientConfig, Renew, Renewal, Temporary, STS};
use super::credentials::Credential;

/// Sends AssumeRole to this base URL instead of the STS endpoint (tests,
/// proxies). `--endpoint` applies too, as to every product.
pub const STS_ENDPOINT_ENV: &str = "ECSGUARD_STS_ENDPOINT";
/// Asks this base URL instead of the metadata service (tests).
pub const IMDS_ENDPOINT_ENV: &str = "ECSGUARD_IMDS_ENDPOINT";
pub const IMDS_ENDPOINT: &str = "http://100.100.100.200";
/// Set to `true`, the metadata flow never falls back to IMDSv1.
pub const IMDSV1_DISABLED_ENV: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";

/// Where the role flows send their requests.
#[derive(Debug, Clone, Default)]
pub struct RoleEndpoints {
    /// STS base URL; None: `config.endpoint`, else the public STS endpoint.
    pub sts: Option<String>,
    /// Metadata base URL; None: [`IMDS_ENDPOINT`].
    pub imds: Option<String>,
    pub imdsv1_disabled: bool,
}

impl RoleEndpoints {
    /// From [`STS_ENDPOINT_ENV`], [`IMDS_ENDPOINT_ENV`] and [`IMDSV1_DISABLED_ENV`].
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>) -> RoleEndpoints {
        let set = |name: &str| env(name).filter(|v| !v.is_empty());
        RoleEndpoints {
            sts: set(STS_ENDPOINT_ENV),
            imds: set(IMDS_ENDPOINT_ENV),
            imdsv1_disabled: set(IMDSV1_DISABLED_ENV)
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        }
    }
}

/// A client for `credential`: its static keys, or the temporary keys its
/// role gives, renewed before they expire.
pub async fn client(
    credential: &Credential,
    config: ClientConfig,
    endpoints: &RoleEndpoints,
) -> Result<Client, CallError> {
    let setup = |e: super::client::ClientError| {
        failure("Ecsguard", "ClientSetup", "-", "ClientSetup", e.to_string())
    };
    if let Credential::Static { .. } = credential {
        return Client::new(credential, config).map_err(setup);
    }
    let first = temporary_keys(credential, &config, endpoints).await?;
    let renewal = RoleRenewal {
        credential: credential.clone(),
        config: config.clone(),
        endpoints: endpoints.clone(),
    };
    Client::renewing(first, Box::new(renewal), config).map_err(setup)
}

/// Asks a role for its keys again.
struct RoleRenewal {
    credential: Credential,
    config: ClientConfig,
    endpoints: RoleEndpoints,
}

impl Renew for RoleRenewal {
    fn renew(&self) -> Renewal<'_> {
        Box::pin(temporary_keys(
            &self.credential,
            &self.config,
            &self.endpoints,
        ))
    }
}

/// Static credentials for `credential`: itself when it already is static
/// (never expiring), else the temporary keys its role gives.
pub async fn temporary_keys(
    credential: &Credential,
    config: &ClientConfig,
    endpoints: &RoleEndpoints,
) -> Result<Temporary, CallError> {
    match credential {
        Credential::Static { .. } => Ok(Temporary {
            credential: credential.clone(),
            expiration: None,
        }),
        Credential::AssumeRole {
            access_key_id,
            access_key_secret,
            role_arn,
            session_name,
            external_id,
            duration_seconds,
            sts_region,
        } => {
            let region = sts_region.as_deref().unwrap_or("cn-hangzhou");
            let base = endpoints
                .sts
                .clone()
                .or_else(|| config.endpoint.clone())
                .unwrap_or_else(|| match sts_region {
                    Some(r) => format!("https://sts.{r}.aliyuncs.com"),
                    None => STS.endpoint(region),
                });
            let long_term = Credential::Static {
                access_key_id: access_key_id.clone(),
                access_key_secret: access_key_secret.clone(),
                security_token: None,
            };
            let sts_config = ClientConfig {
                endpoint: Some(base),
                ..config.clone()
            };
            let client = Client::new(&long_term, sts_config)
                .map_err(|e| failure("Sts", "AssumeRole", region, "ClientSetup", e.to_string()))?;
            let duration = duration_seconds.to_string();
            let mut params = vec![
                ("RoleArn", role_arn.as_str()),
                ("RoleSessionName", session_name.as_str()),
                ("DurationSeconds", duration.as_str()),
            ];
            if let Some(id) = external_id {
                params.push(("ExternalId", id.as_str()));
            }
            let body = client.call(&STS, "AssumeRole", region, &params).await?;
            keys_from(body.get("Credentials"), "Sts", "AssumeRole", region)
        }
        Credential::EcsRamRole { role_name } => {
            metadata_keys(role_name.as_deref(), endpoints).await
        }
    }
}

/// The key pair, token and expiry of an STS or metadata answer.
fn keys_from(
    creds: Option<&Value>,
    product: &str,
    action: &str,
    region: &str,
) -> Result<Temporary, CallError> {
    let field = |name: &str| {
        creds
            .and_then(|c| c.get(name))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    match (
        field("AccessKeyId"),
        field("AccessKeySecret"),
        field("SecurityToken"),
    ) {
        (Some(id), Some(secret), Some(token)) => Ok(Temporary {
            credential: Credential::Static {
                access_key_id: id,
                access_key_secret: secret,
                security_token: Some(token),
            },
            // `YYYY-MM-DDThh:mm:ssZ`; unreadable or absent, never renewed.
            expiration: field("Expiration")
                .and_then(|e| chrono::DateTime::parse_from_rfc3339(&e).ok())
                .map(std::time::SystemTime::from),
        }),
        _ => Err(failure(
            product,
            action,
            region,
            "BadResponse",
            "the answer lacks AccessKeyId, AccessKeySecret or SecurityToken".into(),
        )),
    }
}

fn failure(product: &str, action: &str, region: &str, code: &str, message: String) -> CallError {
    CallError {
        product: product.into(),
        action: action.into(),
        region: region.into(),
        code: code.into(),
        message,
        request_id: None,
        http_status: None,
        hint: None,
        attempts: 1,
    }
}

const METADATA: &str = "EcsMetadata";

/// The instance role's keys from the metadata service: a session token
/// (IMDSv2), the role name when none is configured, then the role's keys.
async fn metadata_keys(
    role_name: Option<&str>,
    endpoints: &RoleEndpoints,
) -> Result<Temporary, CallError> {
    let base = endpoints
        .imds
        .clone()
        .unwrap_or_else(|| IMDS_ENDPOINT.to_string());
    let base = base.trim_end_matches('/');
    let fail = |action: &str, code: &str, message: String| {
        let mut e = failure(METADATA, action, "-", code, message);
        e.hint = Some(format!(
            "profile mode EcsRamRole works only on an ECS instance with a RAM role attached (metadata service at {base})"
        ));
        e
    };
    // The metadata service answers on the instance itself: never through a proxy.
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .map_err(|e| fail("Connect", "ClientSetup", e.to_string()))?;
    let text = |action: &'static str, response: Result<reqwest::Response, reqwest::Error>| async move {
        let response = response.map_err(|e| {
            let code = if e.is_timeout() {
                "Timeout"
            } else {
                "ConnectionError"
            };
            (action, code, e.without_url().to_string(), None)
        })?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(|e| {
            (
                action,
                "BadResponse",
                e.without_url().to_string(),
                Some(status),
            )
        })?;
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err((action, "HTTPError", format!("HTTP {status}"), Some(status)))
        }
    };
    let to_error = |(action, code, message, status): (&str, &str, String, Option<u16>)| {
        let mut e = fail(action, code, message);
        e.http_status = status;
        e
    };

    let token = text(
        "GetMetadataToken",
        http.put(format!("{base}/latest/api/token"))
            .header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")
            .send()
            .await,
    )
    .await;
    let token = match token {
        Ok(t) => Some(t.trim().to_string()),
        Err(e) if endpoints.imdsv1_disabled => return Err(to_error(e)),
        // The SDKs fall back to IMDSv1 when no token can be had.
        Err(_) => None,
    };
    let get = |path: String| {
        let mut request = http.get(format!("{base}{path}"));
        if let Some(t) = &token {
            request = request.header("X-aliyun-ecs-metadata-token", t.as_str());
        }
        request.send()
    };
    let role = match role_name {
        Some(r) => r.to_string(),
        None => {
            let listed = text(
                "GetRoleName",
                get("/latest/meta-data/ram/security-credentials/".into()).await,
            )
            .await
            .map_err(to_error)?;
            match listed.lines().map(str::trim).find(|l| !l.is_empty()) {
                Some(r) => r.to_string(),
                None => {
                    return Err(fail(
                        "GetRoleName",
                        "NoRole",
                        "the instance has no RAM role attached".into(),
                    ))
                }
            }
        }
    };
    let body = text(
        "GetRoleCredentials",
        get(format!("/latest/meta-data/ram/security-credentials/{role}")).await,
    )
    .await
    .map_err(to_error)?;
    // The body holds the secret: never quoted in an error.
    let parsed: Value = serde_json::from_str(&body).map_err(|_| {
        fail(
            "GetRoleCredentials",
            "BadResponse",
            format!("the answer for role {role} is not JSON"),
        )
    })?;
    let code = parsed.get("Code").and_then(Value::as_str).unwrap_or("");
    if code != "Success" {
        return Err(fail(
            "GetRoleCredentials",
            if code.is_empty() { "BadResponse" } else { code },
            format!("the metadata service did not give the keys of role {role}"),
        ));
    }
    keys_from(Some(&parsed), METADATA, "GetRoleCredentials", "-")
}
