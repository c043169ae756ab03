//! `# METADATA` annotations: regorus drops comments, so the blocks are read
//! from the policy text here, as OPA defines them (YAML in comments, scoped
//! to the package or rule that follows).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::snapshot::{collection_names, kind_named, kind_names, kind_of_collection, ResourceKind};

/// Severity of a rule, most severe first.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    /// True when `self` is at least as severe as `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown severity `{s}` (expected critical, high, medium, low or info)")
            })
    }
}

/// How to fix a failure.
#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    /// What to do, in words.
    pub text: String,
    /// The aliyun CLI command that fixes it; `{Field}` is replaced by the
    /// resource's field of that name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cli: Option<String>,
}

/// The validated annotations of one rule.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub kind: &'static ResourceKind,
    /// Collections the rule reads besides its own resources.
    pub requires: Vec<&'static ResourceKind>,
    pub remediation: Remediation,
    pub references: Vec<String>,
    pub cloud_config: Option<String>,
    /// Parameters the rule cannot judge without (`custom.needs_params`):
    /// paths below `data.ecsguard.params`, e.g. `instance_type_allowlist.allowed_types`.
    pub needs_params: Vec<String>,
    /// The line of `needs_params`, for errors found once the data is read.
    pub needs_params_line: usize,
    /// Other `custom` keys, kept for reports (e.g. `cis`).
    pub extra: BTreeMap<String, serde_yaml::Value>,
}

/// One `# METADATA` block as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    scope: Option<String>,
    title: Option<String>,
    description: Option<String>,
    #[allow(dead_code)]
    related_resources: Option<serde_yaml::Value>,
    #[allow(dead_code)]
    authors: Option<serde_yaml::Value>,
    #[allow(dead_code)]
    organizations: Option<serde_yaml::Value>,
    #[allow(dead_code)]
    schemas: Option<serde_yaml::Value>,
    #[allow(dead_code)]
    entrypoint: Option<bool>,
    #[serde(default)]
    custom: BTreeMap<String, serde_yaml::Value>,
}

/// A metadata problem at a 1-based line of the policy file.
#[derive(Debug, PartialEq)]
pub struct MetaError {
    pub line: usize,
    pub message: String,
}

struct Block {
    /// Line of `# METADATA`.
    line: usize,
    annotation: Annotation,
    /// The `custom` keys' lines, to point errors at them.
    key_lines: Vec<(String, usize)>,
    scope: Scope,
}

#[derive(PartialEq)]
enum Scope {
    Package,
    Rule(String),
}

/// Reads the annotations of a policy that defines `deny` or `unknown`:
/// package-scoped blocks first, then blocks on those rules, later keys win.
/// `Ok(None)` when the file has no METADATA at all.
pub fn parse(text: &str) -> Result<Option<RuleMeta>, MetaError> {
    let blocks = blocks(text)?;
    let relevant: Vec<&Block> = blocks
        .iter()
        .filter(|b| {
            matches!(&b.scope, Scope::Package)
                || matches!(&b.scope, Scope::Rule(r) if r == "deny" || r == "unknown")
        })
        .collect();
    let Some(first) = relevant.first() else {
        return Ok(None);
    };
    let anchor = first.line;
    let mut title = None;
    let mut description = None;
    let mut custom: BTreeMap<String, serde_yaml::Value> = BTreeMap::new();
    let mut key_lines: Vec<(String, usize)> = Vec::new();
    let ordered = relevant
        .iter()
        .filter(|b| b.scope == Scope::Package)
        .chain(relevant.iter().filter(|b| b.scope != Scope::Package));
    for b in ordered {
        title = b.annotation.title.clone().or(title);
        description = b.annotation.description.clone().or(description);
        custom.extend(b.annotation.custom.clone());
        key_lines.extend(b.key_lines.iter().cloned());
    }
    let line_of = |key: &str| {
        key_lines
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map_or(anchor, |(_, l)| *l)
    };
    let missing = |what: &str| MetaError {
        line: anchor,
        message: format!("METADATA has no `{what}`"),
    };
    let text_of = |key: &str| -> Result<Option<String>, MetaError> {
        match custom.get(key) {
            None | Some(serde_yaml::Value::Null) => Ok(None),
            Some(serde_yaml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(MetaError {
                line: line_of(key),
                message: format!("`custom.{key}` must be a non-empty string"),
            }),
        }
    };

    let title = title
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| missing("title"))?;
    let description = description
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| missing("description"))?;
    let id = text_of("id")?.ok_or_else(|| missing("custom.id"))?;
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err(MetaError {
            line: line_of("id"),
            message: format!(
                "`custom.id` \"{id}\" may only hold letters, digits, '-', '_' and '.'"
            ),
        });
    }
    let severity = text_of("severity")?
        .ok_or_else(|| missing("custom.severity"))?
        .parse::<Severity>()
        .map_err(|message| MetaError {
            line: line_of("severity"),
            message: format!("`custom.severity`: {message}"),
        })?;
    let kind_name = text_of("resource_type")?.ok_or_else(|| missing("custom.resource_type"))?;
    let kind = kind_named(&kind_name).ok_or_else(|| MetaError {
        line: line_of("resource_type"),
        message: format!(
            "`custom.resource_type` \"{kind_name}\" is not a resource type (expected one of: {})",
            kind_names()
        ),
    })?;
    let requires = match custom.get("requires") {
        None | Some(serde_yaml::Value::Null) => Vec::new(),
        Some(v) => {
            let names: Vec<String> = serde_yaml::from_value(v.clone()).map_err(|_| MetaError {
                line: line_of("requires"),
                message: "`custom.requires` must be a list of snapshot collection names".into(),
            })?;
            names
                .iter()
                .map(|n| {
                    kind_of_collection(n).ok_or_else(|| MetaError {
                        line: line_of("requires"),
                        message: format!("`custom.requires`: \"{n}\" is not a snapshot collection (expected one of: {})", collection_names()),
                    })
                })
                .collect::<Result<_, _>>()?
        }
    };
    let remediation: Remediation = match custom.get("remediation") {
        None | Some(serde_yaml::Value::Null) => return Err(missing("custom.remediation")),
        Some(v) => serde_yaml::from_value(v.clone()).map_err(|e| MetaError {
            line: line_of("remediation"),
            message: format!("`custom.remediation` must be {{text, cli?}}: {e}"),
        })?,
    };
    if remediation.text.trim().is_empty() {
        return Err(MetaError {
            line: line_of("remediation"),
            message: "`custom.remediation.text` is empty".into(),
        });
    }
    let references: Vec<String> = match custom.get("references") {
        None | Some(serde_yaml::Value::Null) => Vec::new(),
        Some(v) => serde_yaml::from_value(v.clone()).map_err(|_| MetaError {
            line: line_of("references"),
            message: "`custom.references` must be a list of URLs".into(),
        })?,
    };
    if let Some(bad) = references
        .iter()
        .find(|r| !r.starts_with("https://") && !r.starts_with("http://"))
    {
        return Err(MetaError {
            line: line_of("references"),
            message: format!("`custom.references`: \"{bad}\" is not a URL"),
        });
    }
    let cloud_config = text_of("cloud_config")?;
    let needs_params: Vec<String> = match custom.get("needs_params") {
        None | Some(serde_yaml::Value::Null) => Vec::new(),
        Some(v) => serde_yaml::from_value(v.clone()).map_err(|_| MetaError {
            line: line_of("needs_params"),
            message: "`custom.needs_params` must be a list of parameter paths below data.ecsguard.params (e.g. [image_allowlist.allowed_image_ids])".into(),
        })?,
    };
    if let Some(bad) = needs_params.iter().find(|p| !is_param_path(p)) {
        return Err(MetaError {
            line: line_of("needs_params"),
            message: format!(
                "`custom.needs_params`: \"{bad}\" is not a parameter path (names of letters, digits and '_', joined by '.', below data.ecsguard.params: rule.param)"
            ),
        });
    }
    let known = [
        "id",
        "severity",
        "resource_type",
        "requires",
        "remediation",
        "references",
        "cloud_config",
        "needs_params",
    ];
    let extra = custom
        .into_iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .collect();
    Ok(Some(RuleMeta {
        id,
        title: title.trim().to_string(),
        description: description.trim().to_string(),
        severity,
        kind,
        requires,
        remediation,
        references,
        cloud_config,
        needs_params_line: line_of("needs_params"),
        needs_params,
        extra,
    }))
}

/// `rule.param` (or deeper): at least two names of letters, digits and `_`.
fn is_param_path(path: &str) -> bool {
    let names: Vec<&str> = path.split('.').collect();
    names.len() >= 2
        && names
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

fn blocks(text: &str) -> Result<Vec<Block>, MetaError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "# METADATA" {
            i += 1;
            continue;
        }
        let start = i;
        let mut yaml = String::new();
        let mut key_lines = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim_start().starts_with('#') {
            let content = lines[i].trim_start().strip_prefix('#').unwrap_or_default();
            let content = content.strip_prefix(' ').unwrap_or(content);
            if let Some(key) = custom_key(content) {
                key_lines.push((key, i + 1));
            }
            yaml.push_str(content);
            yaml.push('\n');
            i += 1;
        }
        let annotation: Annotation = if yaml.trim().is_empty() {
            Annotation::default()
        } else {
            serde_yaml::from_str(&yaml).map_err(|e| MetaError {
                line: start + 1 + e.location().map_or(1, |l| l.line()),
                message: format!("METADATA is not valid: {}", strip_yaml_position(&e)),
            })?
        };
        // The block belongs to what follows it (blank lines allowed).
        let next = lines[i..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let scope = match annotation.scope.as_deref() {
            Some("package" | "document" | "subpackages") => Scope::Package,
            Some("rule") | None if !next.starts_with("package ") => Scope::Rule(
                next.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ),
            None => Scope::Package,
            Some(other) => {
                return Err(MetaError {
                    line: start + 1,
                    message: format!(
                    "METADATA scope \"{other}\" is not one of rule, document, package, subpackages"
                ),
                })
            }
        };
        out.push(Block {
            line: start + 1,
            annotation,
            key_lines,
            scope,
        });
    }
    Ok(out)
}

/// `id` from a line `  id: X` nested under `custom:` (two-space indented keys).
fn custom_key(content: &str) -> Option<String> {
    let rest = content.strip_prefix("  ")?;
    if rest.starts_with(' ') {
        return None;
    }
    let (key, _) = rest.split_once(':')?;
    key.chars()
        .all(|c| c.is_alphanumeric() || c == '_')
        .then(|| key.to_string())
}

fn strip_yaml_position(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# METADATA\n# title: Scaling group has no health check\n# description: >-\n#   Unhealthy instances\n#   are never replaced.\n# custom:\n#   id: ESS-001\n#   severity: medium\n#   resource_type: scaling_group\n#   requires: [vswitches]\n#   remediation:\n#     text: Enable ECS health checks.\n#     cli: aliyun ess ModifyScalingGroup --ScalingGroupId {ScalingGroupId}\n#   references:\n#     - https://www.alibabacloud.com/help/en/auto-scaling/\n#   cloud_config: ess-group-health-check\n#   cis: \"4.1\"\npackage ecsguard.ess.health_check\n\ndeny contains f if { false; f := 1 }\n";

    #[test]
    fn reads_a_package_block() {
        let meta = parse(GOOD).unwrap().unwrap();
        assert_eq!(meta.id, "ESS-001");
        assert_eq!(meta.severity, Severity::Medium);
        assert_eq!(meta.kind.name, "scaling_group");
        assert_eq!(meta.requires[0].collection, "vswitches");
        assert_eq!(meta.description, "Unhealthy instances are never replaced.");
        assert_eq!(
            meta.remediation.cli.as_deref(),
            Some("aliyun ess ModifyScalingGroup --ScalingGroupId {ScalingGroupId}")
        );
        assert_eq!(meta.cloud_config.as_deref(), Some("ess-group-health-check"));
        assert!(meta.extra.contains_key("cis"));
    }

    #[test]
    fn rule_scope_overrides_package_scope() {
        let text = GOOD.replace(
            "deny contains",
            "# METADATA\n# custom:\n#   severity: high\ndeny contains",
        );
        assert_eq!(parse(&text).unwrap().unwrap().severity, Severity::High);
    }

    #[test]
    fn no_metadata_is_none() {
        assert!(parse("package x\n\ndeny contains 1 if true\n")
            .unwrap()
            .is_none());
    }

    #[test]
    fn errors_point_at_the_offending_line() {
        let bad = GOOD.replace("severity: medium", "severity: urgent");
        assert_eq!(parse(&bad).unwrap_err().line, 8);
        let bad = GOOD.replace("resource_type: scaling_group", "resource_type: vm");
        let err = parse(&bad).unwrap_err();
        assert_eq!(err.line, 9);
        assert!(
            err.message.contains("\"vm\" is not a resource type"),
            "{}",
            err.message
        );
        let bad = GOOD.replace("# title: Scaling group has no health check\n", "");
        assert_eq!(
            parse(&bad).unwrap_err(),
            MetaError {
                line: 1,
                message: "METADATA has no `title`".into()
            }
        );
        let bad = GOOD.replace("requires: [vswitches]", "requires: [vswitch]");
        assert!(parse(&bad)
            .unwrap_err()
            .message
            .contains("not a snapshot collection"));
    }

    #[test]
    fn needs_params_is_a_list_of_parameter_paths() {
        assert!(parse(GOOD).unwrap().unwrap().needs_params.is_empty());
        let text = GOOD.replace(
            "#   cis:",
            "#   needs_params: [health_check.allowed_types]\n#   cis:",
        );
        let meta = parse(&text).unwrap().unwrap();
        assert_eq!(meta.needs_params, ["health_check.allowed_types"]);
        assert_eq!(meta.needs_params_line, 17);
        assert!(!meta.extra.contains_key("needs_params"));
        for bad in ["health_check", "[health_check.]", "[data.a b]", "{a: b}"] {
            let text = GOOD.replace("#   cis:", &format!("#   needs_params: {bad}\n#   cis:"));
            let err = parse(&text).unwrap_err();
            assert_eq!(err.line, 17, "{bad}: {}", err.message);
            assert!(err.message.contains("needs_params"), "{}", err.message);
        }
    }

    #[test]
    fn invalid_yaml_is_located() {
        let bad = GOOD.replace("#   id: ESS-001", "#   id: [ESS-001");
        let err = parse(&bad).unwrap_err();
        assert!(
            err.message.starts_with("METADATA is not valid"),
            "{}",
            err.message
        );
        assert!(err.line >= 7, "{}", err.line);
    }

    #[test]
    fn unknown_annotation_keys_are_rejected() {
        let bad = GOOD.replace("# title:", "# titel: x\n# title:");
        assert!(parse(&bad).unwrap_err().message.contains("titel"));
    }

    #[test]
    fn severity_order() {
        assert!(Severity::Critical.at_least(Severity::High));
        assert!(!Severity::Low.at_least(Severity::High));
        assert!(Severity::Info.at_least(Severity::Info));
    }
}
