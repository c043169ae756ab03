//! Finding credentials the way the aliyun CLI and SDKs do: command-line
//! flags, then environment variables, then a profile of
//! `~/.aliyun/config.json`. Secrets never appear in `Debug` output or in
//! errors.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How requests will be authenticated.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// An AccessKey pair, with an STS token when it is temporary.
    Static {
        access_key_id: String,
        access_key_secret: String,
        security_token: Option<String>,
    },
    /// STS AssumeRole with a static pair (profile mode RamRoleArn).
    AssumeRole {
        access_key_id: String,
        access_key_secret: String,
        role_arn: String,
        session_name: String,
        external_id: Option<String>,
        duration_seconds: u32,
        sts_region: Option<String>,
    },
    /// The instance's RAM role, from the ECS metadata service (profile mode
    /// EcsRamRole); discovered when no name is given.
    EcsRamRole { role_name: Option<String> },
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Credential::Static {
                access_key_id,
                security_token,
                ..
            } => f
                .debug_struct("Static")
                .field("access_key_id", &redact_id(access_key_id))
                .field("access_key_secret", &"<redacted>")
                .field(
                    "security_token",
                    &security_token.as_ref().map(|_| "<redacted>"),
                )
                .finish(),
            Credential::AssumeRole {
                access_key_id,
                role_arn,
                session_name,
                ..
            } => f
                .debug_struct("AssumeRole")
                .field("access_key_id", &redact_id(access_key_id))
                .field("access_key_secret", &"<redacted>")
                .field("role_arn", role_arn)
                .field("session_name", session_name)
                .finish(),
            Credential::EcsRamRole { role_name } => f
                .debug_struct("EcsRamRole")
                .field("role_name", role_name)
                .finish(),
        }
    }
}

/// The AccessKey id shown in logs: its first four characters.
pub fn redact_id(id: &str) -> String {
    let shown: String = id.chars().take(4).collect();
    format!("{shown}****")
}

/// A credential and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub credential: Credential,
    /// e.g. "environment (ALIBABA_CLOUD_ACCESS_KEY_ID)" or "profile prod of ~/.aliyun/config.json".
    pub origin: String,
    /// The profile's default region, when it has one.
    pub region: Option<String>,
}

/// What the command line gave.
#[derive(Default, Clone)]
pub struct Flags {
    pub access_key_id: Option<String>,
    pub access_key_secret: Option<String>,
    pub security_token: Option<String>,
    pub profile: Option<String>,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic, PartialEq, Eq)]
pub enum CredentialError {
    #[error("no Alibaba Cloud credentials found; looked in: {0}")]
    #[diagnostic(
        code(ecsguard::credentials::none),
        help("set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, run `aliyun configure`, or pass --profile")
    )]
    NotFound(String),
    #[error("{0}")]
    #[diagnostic(code(ecsguard::credentials::invalid))]
    Invalid(String),
}

/// Environment variable names, first non-empty wins (the CLI's order).
const ACCESS_KEY_ID: &[&str] = &[
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABACLOUD_ACCESS_KEY_ID",
    "ALICLOUD_ACCESS_KEY_ID",
];
const ACCESS_KEY_SECRET: &[&str] = &[
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABACLOUD_ACCESS_KEY_SECRET",
    "ALICLOUD_ACCESS_KEY_SECRET",
];
const SECURITY_TOKEN: &[&str] = &[
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABACLOUD_SECURITY_TOKEN",
    "ALICLOUD_SECURITY_TOKEN",
];
const PROFILE: &[&str] = &[
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABACLOUD_PROFILE",
    "ALICLOUD_PROFILE",
];

#[derive(Deserialize)]
struct ConfigFile {
    current: Option<String>,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    name: String,
    mode: String,
    access_key_id: String,
    access_key_secret: String,
    sts_token: String,
    sts_region: String,
    ram_role_name: String,
    ram_role_arn: String,
    ram_session_name: String,
    external_id: String,
    expired_seconds: u32,
    region_id: String,
}

/// Resolves credentials from `flags`, the environment (`env`) and the CLI
/// profile file under `home`.
pub fn resolve(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
    home: Option<&Path>,
) -> Result<Found, CredentialError> {
    let first = |names: &[&'static str]| -> Option<(&'static str, String)> {
        names
            .iter()
            .find_map(|n| env(n).filter(|v| !v.is_empty()).map(|v| (*n, v)))
    };
    let mut looked = Vec::new();

    looked.push("--access-key-id/--access-key-secret flags".to_string());
    match (&flags.access_key_id, &flags.access_key_secret) {
        (Some(id), Some(secret)) => {
            return Ok(Found {
                credential: Credential::Static {
                    access_key_id: id.clone(),
                    access_key_secret: secret.clone(),
                    security_token: flags.security_token.clone(),
                },
                origin: "command-line flags".into(),
                region: None,
            })
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(CredentialError::Invalid(
                "--access-key-id and --access-key-secret go together".into(),
            ))
        }
        (None, None) => {}
    }

    looked.push(format!(
        "environment ({} / {})",
        ACCESS_KEY_ID.join("|"),
        ACCESS_KEY_SECRET.join("|")
    ));
    match (first(ACCESS_KEY_ID), first(ACCESS_KEY_SECRET)) {
        (Some((id_var, id)), Some((_, secret))) => {
            return Ok(Found {
                credential: Credential::Static {
                    access_key_id: id,
                    access_key_secret: secret,
                    security_token: first(SECURITY_TOKEN).map(|(_, t)| t),
                },
                origin: format!("environment ({id_var})"),
                region: None,
            })
        }
        (Some((var, _)), None) => {
            return Err(CredentialError::Invalid(format!(
                "{var} is set but no AccessKey secret variable is"
            )))
        }
        (None, Some((var, _))) => {
            return Err(CredentialError::Invalid(format!(
                "{var} is set but no AccessKey id variable is"
            )))
        }
        (None, None) => {}
    }

    let path: Option<PathBuf> = home.map(|h| h.join(".aliyun").join("config.json"));
    let wanted = flags
        .profile
        .clone()
        .or_else(|| first(PROFILE).map(|(_, p)| p));
    let ignore =
        env("ALIBABA_CLOUD_IGNORE_PROFILE").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    match (&path, ignore) {
        (Some(path), false) if path.exists() => {
            let shown = path.display().to_string();
            looked.push(shown.clone());
            let text = std::fs::read_to_string(path)
                .map_err(|e| CredentialError::Invalid(format!("cannot read {shown}: {e}")))?;
            let file: ConfigFile = serde_json::from_str(&text).map_err(|e| {
                CredentialError::Invalid(format!(
                    "{shown}:{}:{}: not a valid aliyun CLI configuration: {e}",
                    e.line(),
                    e.column()
                ))
            })?;
            let name = wanted
                .or(file.current.clone())
                .unwrap_or_else(|| "default".into());
            let Some(profile) = file.profiles.iter().find(|p| p.name == name) else {
                let names: Vec<&str> = file.profiles.iter().map(|p| p.name.as_str()).collect();
                return Err(CredentialError::Invalid(format!(
                    "profile \"{name}\" is not in {shown} (profiles: {})",
                    names.join(", ")
                )));
            };
            let origin = format!("profile {name} of {shown}");
            return from_profile(profile, &origin).map(|credential| Found {
                credential,
                origin,
                region: Some(profile.region_id.clone()).filter(|r| !r.is_empty()),
            });
        }
        (Some(path), _) => looked.push(format!(
            "{} ({})",
            path.display(),
            if ignore {
                "ignored: ALIBABA_CLOUD_IGNORE_PROFILE"
            } else {
                "absent"
            }
        )),
        (None, _) => looked.push("~/.aliyun/config.json (no home directory)".into()),
    }
    if let Some(name) = wanted {
        return Err(CredentialError::Invalid(format!(
            "profile \"{name}\" was asked for, but there is no profile file ({})",
            looked.last().cloned().unwrap_or_default()
        )));
    }
    Err(CredentialError::NotFound(looked.join("; ")))
}

fn from_profile(p: &Profile, origin: &str) -> Result<Credential, CredentialError> {
    let need = |value: &str, field: &str| -> Result<String, CredentialError> {
        if value.is_empty() {
            Err(CredentialError::Invalid(format!(
                "{origin}: mode {} needs `{field}`",
                p.mode
            )))
        } else {
            Ok(value.to_string())
        }
    };
    let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    match p.mode.as_str() {
        "AK" => Ok(Credential::Static {
            access_key_id: need(&p.access_key_id, "access_key_id")?,
            access_key_secret: need(&p.access_key_secret, "access_key_secret")?,
            security_token: None,
        }),
        "StsToken" => Ok(Credential::Static {
            access_key_id: need(&p.access_key_id, "access_key_id")?,
            access_key_secret: need(&p.access_key_secret, "access_key_secret")?,
            security_token: Some(need(&p.sts_token, "sts_token")?),
        }),
        "RamRoleArn" => Ok(Credential::AssumeRole {
            access_key_id: need(&p.access_key_id, "access_key_id")?,
            access_key_secret: need(&p.access_key_secret, "access_key_secret")?,
            role_arn: need(&p.ram_role_arn, "ram_role_arn")?,
            session_name: non_empty(&p.ram_session_name).unwrap_or_else(|| "ecsguard".into()),
            external_id: non_empty(&p.external_id),
            // STS allows 900 s at the least; the SDKs default to an hour.
            duration_seconds: if p.expired_seconds == 0 { 3600 } else { p.expired_seconds.max(900) },
            sts_region: non_empty(&p.sts_region),
        }),
        "EcsRamRole" => Ok(Credential::EcsRamRole { role_name: non_empty(&p.ram_role_name) }),
        other => Err(CredentialError::Invalid(format!(
            "{origin}: mode \"{other}\" is not supported (AK, StsToken, RamRoleArn and EcsRamRole are)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn home_with(config: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "ecsguard-cred-{}-{}",
            std::process::id(),
            config.len()
        ));
        std::fs::create_dir_all(dir.join(".aliyun")).unwrap();
        std::fs::write(dir.join(".aliyun/config.json"), config).unwrap();
        dir
    }

    const CONFIG: &str = r#"{"current": "dev", "profiles": [
        {"name": "dev", "mode": "AK", "access_key_id": "LTAIdev", "access_key_secret": "s3cret-dev", "region_id": "cn-hangzhou"},
        {"name": "sts", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "s", "sts_token": "tok"},
        {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIr", "access_key_secret": "s", "ram_role_arn": "acs:ram::1:role/audit", "expired_seconds": 60},
        {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": ""},
        {"name": "sso", "mode": "CloudSSO"}
    ]}"#;

    #[test]
    fn flags_then_environment_then_profile() {
        let home = home_with(CONFIG);
        let flags = Flags {
            access_key_id: Some("LTAIflag".into()),
            access_key_secret: Some("x".into()),
            ..Default::default()
        };
        let e = env(&[
            ("ALICLOUD_ACCESS_KEY_ID", "LTAIenv"),
            ("ALICLOUD_ACCESS_KEY_SECRET", "y"),
        ]);
        assert_eq!(
            resolve(&flags, &e, Some(&home)).unwrap().origin,
            "command-line flags"
        );
        let found = resolve(&Flags::default(), &e, Some(&home)).unwrap();
        assert_eq!(found.origin, "environment (ALICLOUD_ACCESS_KEY_ID)");
        let found = resolve(&Flags::default(), &env(&[]), Some(&home)).unwrap();
        assert!(
            found.origin.starts_with("profile dev of "),
            "{}",
            found.origin
        );
        assert_eq!(found.region.as_deref(), Some("cn-hangzhou"));
    }

    #[test]
    fn profile_modes() {
        let home = home_with(CONFIG);
        let pick = |name: &str| {
            resolve(
                &Flags {
                    profile: Some(name.into()),
                    ..Default::default()
                },
                &env(&[]),
                Some(&home),
            )
        };
        assert!(matches!(
            pick("sts").unwrap().credential,
            Credential::Static {
                security_token: Some(_),
                ..
            }
        ));
        match pick("role").unwrap().credential {
            Credential::AssumeRole {
                duration_seconds,
                session_name,
                ..
            } => assert_eq!((duration_seconds, session_name.as_str()), (900, "ecsguard")),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            pick("ecs").unwrap().credential,
            Credential::EcsRamRole { role_name: None }
        );
        let err = pick("sso").unwrap_err().to_string();
        assert!(err.contains("mode \"CloudSSO\" is not supported"), "{err}");
        let err = pick("nope").unwrap_err().to_string();
        assert!(
            err.contains("profile \"nope\" is not in") && err.contains("dev, sts, role, ecs, sso"),
            "{err}"
        );
        let by_env = resolve(
            &Flags::default(),
            &env(&[("ALIBABA_CLOUD_PROFILE", "sts")]),
            Some(&home),
        )
        .unwrap();
        assert!(by_env.origin.starts_with("profile sts of"));
    }

    #[test]
    fn nothing_found_lists_where_it_looked() {
        let err = resolve(
            &Flags::default(),
            &env(&[]),
            Some(Path::new("/nonexistent-home")),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("flags")
                && text.contains("ALIBABA_CLOUD_ACCESS_KEY_ID")
                && text.contains("/nonexistent-home/.aliyun/config.json (absent)"),
            "{text}"
        );
        let half = resolve(
            &Flags::default(),
            &env(&[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI")]),
            None,
        )
        .unwrap_err();
        assert!(half.to_string().contains("no AccessKey secret"), "{half}");
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let c = Credential::Static {
            access_key_id: "LTAI5tAbCdEf".into(),
            access_key_secret: "very-secret".into(),
            security_token: Some("tok-secret".into()),
        };
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("very-secret")
                && !shown.contains("tok-secret")
                && !shown.contains("AbCdEf"),
            "{shown}"
        );
        assert!(shown.contains("LTAI****"));
    }
}
