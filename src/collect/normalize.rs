//! Turning API response items into snapshot resources.
//!
//! The rules come from the snapshot schema itself (`snapshot::json_schema`),
//! so the collector and the loader cannot drift apart: where the model
//! types a field, the API's value is brought to that type (numbers sent as
//! strings, `"true"`/`"false"`, minute-precision times); where it types a
//! list, the XML-born wrapper (`Tags.Tag[]`, `PublicIpAddress.IpAddress[]`)
//! is removed, a single element sent as an object included. Fields the
//! model does not name pass through with their wrappers removed. Nulls and
//! empty values of typed non-text fields are dropped (absent, never null).
//!
//! A value that cannot be brought to its type is dropped from the resource
//! and reported as a [`Problem`], for the caller to record in
//! `collection_errors`: never silently lost, never left to break the
//! snapshot's schema.

use serde_json::{Map, Value};

/// A value that could not be normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the resource, e.g. `CreationTime` or `VpcAttributes.VpcId`.
    pub path: String,
    /// What was there, as JSON.
    pub raw: String,
    /// What the model wants there.
    pub expected: &'static str,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {} is not {}", self.path, self.raw, self.expected)
    }
}

/// A normalized resource and what could not be normalized in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub value: Value,
    pub problems: Vec<Problem>,
}

/// The elements at a dotted list path of a response (`Instances.Instance`,
/// `ContainerGroups`): an array's elements, a lone object as one element,
/// nothing when the path is absent, null or an empty wrapper.
pub fn items_at(body: &Value, path: &str) -> Vec<Value> {
    let mut at = body;
    for part in path.split('.') {
        match at.get(part) {
            Some(v) => at = v,
            None => return Vec::new(),
        }
    }
    match at {
        Value::Array(items) => items.clone(),
        Value::Object(o) if o.is_empty() => Vec::new(),
        Value::Object(_) => vec![at.clone()],
        _ => Vec::new(),
    }
}

/// A number from a number or a numeric string (`"60"`, `" 0.98 "`).
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// An integer from a number or a string, when it is whole.
pub fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }
}

/// A boolean from a boolean or `"true"`/`"false"` (any case).
pub fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// An API time as RFC 3339 UTC with seconds. Accepts RFC 3339 with any
/// offset or fraction, the minute-precision `2024-04-14T22:32Z` of ECS and
/// ESS, and the `Tue Jul 23 17:24:33 CST 2019` of old DescribeDeploymentSets
/// answers (CST is China Standard Time, UTC+8, in Alibaba Cloud's usage).
pub fn timestamp(s: &str) -> Result<String, String> {
    use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
    let s = s.trim();
    let utc = |d: DateTime<Utc>| d.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(utc(d.with_timezone(&Utc)));
    }
    if let Ok(n) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%MZ") {
        return Ok(utc(n.and_utc()));
    }
    if let Some(rest) = s.strip_suffix('Z') {
        // Minute precision with an offset is not seen; seconds without a
        // colon-separated offset are handled by the RFC 3339 parser above.
        if let Ok(n) = NaiveDateTime::parse_from_str(rest, "%Y-%m-%dT%H:%M:%S%.f") {
            return Ok(utc(n.and_utc()));
        }
    }
    if s.contains(" CST ") {
        let plain = s.replace(" CST ", " ");
        if let Ok(n) = NaiveDateTime::parse_from_str(&plain, "%a %b %d %H:%M:%S %Y") {
            return Ok(utc((n - chrono::Duration::hours(8)).and_utc()));
        }
    }
    Err(format!("cannot read \"{s}\" as a time"))
}

/// What the model says a field is.
#[derive(Debug, Clone, Copy)]
enum Kind<'a> {
    Text,
    Integer,
    Number,
    Boolean,
    Time,
    Tag,
    /// An object of the named `$defs` entry.
    Object(&'a str),
    List(&'a Value),
    /// Not in the model: passed through, wrappers removed.
    Unknown,
}

/// Normalizes API items into the resources of one snapshot kind.
pub struct Normalizer {
    schema: Value,
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {
            schema: crate::snapshot::json_schema(),
        }
    }

    fn def(&self, name: &str) -> Option<&Map<String, Value>> {
        self.schema
            .get("$defs")?
            .get(name)?
            .get("properties")?
            .as_object()
    }

    fn kind<'a>(&'a self, spec: Option<&'a Value>) -> Kind<'a> {
        let Some(spec) = spec else {
            return Kind::Unknown;
        };
        if let Some(r) = spec.get("$ref").and_then(Value::as_str) {
            return match r.rsplit('/').next().unwrap_or_default() {
                "Timestamp" => Kind::Time,
                "Tag" => Kind::Tag,
                "Text" => Kind::Text,
                name => Kind::Object(name),
            };
        }
        match spec.get("type").and_then(Value::as_str) {
            Some("string") => Kind::Text,
            Some("integer") => Kind::Integer,
            Some("number") => Kind::Number,
            Some("boolean") => Kind::Boolean,
            Some("array") => spec.get("items").map(Kind::List).unwrap_or(Kind::Unknown),
            _ => Kind::Unknown,
        }
    }

    /// Normalizes one item of `def` (a `$defs` name such as `Instance`)
    /// and gives it `RegionId` when it lacks one.
    pub fn resource(&self, def: &str, raw: &Value, region: &str) -> Normalized {
        let mut problems = Vec::new();
        let mut value = match raw {
            Value::Object(o) => Value::Object(self.object(Some(def), o, "", &mut problems)),
            other => other.clone(),
        };
        if let Value::Object(o) = &mut value {
            let has_region = o
                .get("RegionId")
                .and_then(Value::as_str)
                .is_some_and(|r| !r.is_empty());
            if !has_region {
                o.insert("RegionId".into(), Value::String(region.into()));
            }
        }
        Normalized { value, problems }
    }

    fn object(
        &self,
        def: Option<&str>,
        raw: &Map<String, Value>,
        at: &str,
        problems: &mut Vec<Problem>,
    ) -> Map<String, Value> {
        let props = def.and_then(|d| self.def(d));
        let mut out = Map::new();
        for (key, v) in raw {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            let kind = self.kind(props.and_then(|p| p.get(key)));
            if let Some(v) = self.field(key, kind, v, &path, problems) {
                out.insert(key.clone(), v);
            }
        }
        out
    }

    /// The normalized value of one field, or None to leave it out.
    fn field(
        &self,
        key: &str,
        kind: Kind,
        v: &Value,
        path: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Value> {
        if v.is_null() {
            return None;
        }
        let mut bad = |expected: &'static str| {
            problems.push(Problem {
                path: path.to_string(),
                raw: v.to_string(),
                expected,
            });
            None
        };
        let blank = matches!(v, Value::String(s) if s.trim().is_empty());
        match kind {
            Kind::Text => match v {
                Value::String(_) => Some(v.clone()),
                Value::Number(n) => Some(Value::String(n.to_string())),
                Value::Bool(b) => Some(Value::String(b.to_string())),
                _ => bad("a string"),
            },
            _ if blank && !matches!(kind, Kind::Unknown) => None,
            Kind::Integer => match integer(v) {
                Some(i) => Some(Value::from(i)),
                None => bad("an integer"),
            },
            Kind::Number => match number(v) {
                Some(f) => Some(Value::from(f)),
                None => bad("a number"),
            },
            Kind::Boolean => match boolean(v) {
                Some(b) => Some(Value::Bool(b)),
                None => bad("true or false"),
            },
            Kind::Time => match v.as_str().map(timestamp) {
                Some(Ok(t)) => Some(Value::String(t)),
                _ => bad("a time (RFC 3339 UTC with seconds after normalizing)"),
            },
            Kind::Tag => Some(tag(v)),
            Kind::Object(def) => match v {
                Value::Object(o) => Some(Value::Object(self.object(Some(def), o, path, problems))),
                _ => bad("an object"),
            },
            Kind::List(items) => {
                let elements = match unwrap_list(v) {
                    Some(e) => e,
                    None => return bad("a list"),
                };
                let item_kind = self.kind(Some(items));
                let out: Vec<Value> = elements
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        self.field(key, item_kind, e, &format!("{path}[{i}]"), problems)
                    })
                    .collect();
                Some(Value::Array(out))
            }
            Kind::Unknown => Some(self.pass_through(key, v, path, problems)),
        }
    }

    /// A field the model does not name: wrappers removed, tags flattened,
    /// nested values likewise.
    fn pass_through(&self, key: &str, v: &Value, path: &str, problems: &mut Vec<Problem>) -> Value {
        let v = match wrapper_inner(key, v) {
            Some(inner) => match inner {
                Value::Array(_) => inner.clone(),
                Value::Null => Value::Array(Vec::new()),
                other => Value::Array(vec![other.clone()]),
            },
            None => v.clone(),
        };
        match &v {
            Value::Object(o) => Value::Object(self.object(None, o, path, problems)),
            Value::Array(a) if key == "Tags" => Value::Array(a.iter().map(tag).collect()),
            Value::Array(a) => Value::Array(
                a.iter()
                    .map(|e| match e {
                        Value::Object(o) => Value::Object(self.object(None, o, path, problems)),
                        other => other.clone(),
                    })
                    .collect(),
            ),
            _ => v,
        }
    }
}

/// The elements of a list field: an array, a wrapper `{"Tag": [...]}` or
/// `{"Tag": {...}}` around one, a lone object, or an empty wrapper `{}`.
fn unwrap_list(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(a) => Some(a.clone()),
        Value::Object(o) if o.is_empty() => Some(Vec::new()),
        Value::Object(o) if o.len() == 1 => {
            let inner = o.values().next().expect("one value");
            match inner {
                Value::Array(a) => Some(a.clone()),
                Value::Null => Some(Vec::new()),
                Value::Object(_) => Some(vec![inner.clone()]),
                // `{"IpAddress": "1.2.3.4"}`: a one-element string list.
                scalar => Some(vec![scalar.clone()]),
            }
        }
        Value::Object(_) => Some(vec![v.clone()]),
        _ => None,
    }
}

/// The inner value of an XML-born wrapper around a field the model does
/// not name: `NetworkInterfaces: {NetworkInterface: ...}`,
/// `PublicIpAddress: {IpAddress: ...}`, `AlarmList: {Alarm: ...}`.
fn wrapper_inner<'a>(key: &str, v: &'a Value) -> Option<&'a Value> {
    let o = v.as_object()?;
    if o.len() != 1 {
        return None;
    }
    let (inner_key, inner) = o.iter().next()?;
    let named_for = key.starts_with(inner_key.as_str()) || key.ends_with(inner_key.as_str());
    let listish = ["Set", "Sets", "List", "s"]
        .iter()
        .any(|s| key.ends_with(s));
    let fits = match inner {
        Value::Array(_) => named_for || listish,
        Value::Object(_) => named_for,
        _ => false,
    };
    fits.then_some(inner)
}

/// `{TagKey, TagValue}` (ECS, ESS) as `{Key, Value}`; other fields kept.
fn tag(v: &Value) -> Value {
    let Some(o) = v.as_object() else {
        return v.clone();
    };
    let mut out = Map::new();
    for (k, val) in o {
        if val.is_null() {
            continue;
        }
        let name = match k.as_str() {
            "TagKey" => "Key",
            "TagValue" => "Value",
            other => other,
        };
        out.insert(name.to_string(), val.clone());
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars() {
        assert_eq!(integer(&json!("60")), Some(60));
        assert_eq!(integer(&json!(5.0)), Some(5));
        assert_eq!(integer(&json!("5.5")), None);
        assert_eq!(number(&json!("0.98")), Some(0.98));
        assert_eq!(boolean(&json!("True")), Some(true));
        assert_eq!(boolean(&json!("yes")), None);
        assert_eq!(
            timestamp("2024-04-14T22:32Z").unwrap(),
            "2024-04-14T22:32:00Z"
        );
        assert_eq!(
            timestamp("2019-11-19T06:00:00Z").unwrap(),
            "2019-11-19T06:00:00Z"
        );
        assert_eq!(
            timestamp("2024-04-15T06:32:10+08:00").unwrap(),
            "2024-04-14T22:32:10Z"
        );
        assert_eq!(
            timestamp("2021-03-15T08:00:00.250Z").unwrap(),
            "2021-03-15T08:00:00.250Z"
        );
        assert_eq!(
            timestamp("Tue Jul 23 17:24:33 CST 2019").unwrap(),
            "2019-07-23T09:24:33Z"
        );
        assert!(timestamp("last tuesday").is_err());
        assert!(timestamp("2024-02-30T00:00Z").is_err());
    }

    #[test]
    fn list_paths_accept_objects_and_arrays() {
        let body = json!({"A": {"B": {"x": 1}}, "C": {"B": [{"x": 1}, {"x": 2}]}, "E": {}});
        assert_eq!(items_at(&body, "A.B").len(), 1);
        assert_eq!(items_at(&body, "C.B").len(), 2);
        assert_eq!(items_at(&body, "E.B").len(), 0);
        assert_eq!(items_at(&body, "E").len(), 0);
    }

    #[test]
    fn typed_fields_wrappers_and_problems() {
        let n = Normalizer::new();
        let raw = json!({
            "InstanceId": "i-1",
            "Cpu": "8",
            "Memory": 16384,
            "SpotPriceLimit": "0.5",
            "DeletionProtection": "false",
            "CreationTime": "2024-04-14T22:32Z",
            "ExpiredTime": "",
            "StartTime": "soon",
            "AutoReleaseTime": null,
            "Tags": {"Tag": {"TagKey": "env", "TagValue": "prod"}},
            "SecurityGroupIds": {"SecurityGroupId": ["sg-1"]},
            "PublicIpAddress": {"IpAddress": []},
            "OperationLocks": {"LockReason": [{"LockReason": "Recycling"}]},
            "VpcAttributes": {"PrivateIpAddress": {"IpAddress": ["10.0.0.1"]}, "VpcId": "vpc-1"},
            "NetworkInterfaces": {"NetworkInterface": [{"PrivateIpSets": {"PrivateIpSet": [{"Primary": true}]}}]},
            "CpuOptions": {"Numa": "2"},
            "DnsConfig": {"NameServers": ["1.1.1.1"]}
        });
        let out = n.resource("Instance", &raw, "cn-hangzhou");
        assert_eq!(
            out.value,
            json!({
                "InstanceId": "i-1",
                "RegionId": "cn-hangzhou",
                "Cpu": 8,
                "Memory": 16384,
                "SpotPriceLimit": 0.5,
                "DeletionProtection": false,
                "CreationTime": "2024-04-14T22:32:00Z",
                "Tags": [{"Key": "env", "Value": "prod"}],
                "SecurityGroupIds": ["sg-1"],
                "PublicIpAddress": [],
                "OperationLocks": [{"LockReason": "Recycling"}],
                "VpcAttributes": {"PrivateIpAddress": ["10.0.0.1"], "VpcId": "vpc-1"},
                "NetworkInterfaces": [{"PrivateIpSets": [{"Primary": true}]}],
                "CpuOptions": {"Numa": "2"},
                "DnsConfig": {"NameServers": ["1.1.1.1"]}
            })
        );
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(out.problems[0].path, "StartTime");
        assert!(out.problems[0].to_string().contains("\"soon\""));
    }

    /// The documented sample responses, normalized, must satisfy the
    /// snapshot schema.
    #[test]
    fn documented_samples_normalize_to_the_schema() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/reference/api-samples");
        if !dir.is_dir() {
            println!(
                "skipped: {} is absent (the API samples live in the shared reference, outside the repository)",
                dir.display()
            );
            return;
        }
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "DescribeInstances",
                "Instances.Instance",
                "Instance",
                "instances",
            ),
            ("DescribeImages", "Images.Image", "Image", "images"),
            (
                "DescribeDeploymentSets",
                "DeploymentSets.DeploymentSet",
                "DeploymentSet",
                "deployment_sets",
            ),
            (
                "DescribeInstanceHistoryEvents",
                "InstanceSystemEventSet.InstanceSystemEventType",
                "InstanceEvent",
                "instance_events",
            ),
            (
                "DescribeCloudAssistantStatus",
                "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus",
                "CloudAssistantStatus",
                "cloud_assistant",
            ),
            (
                "DescribeInvocations",
                "Invocations.Invocation",
                "Invocation",
                "invocations",
            ),
            (
                "DescribeInstanceTypes",
                "InstanceTypes.InstanceType",
                "InstanceType",
                "instance_types",
            ),
            (
                "DescribeScalingGroups",
                "ScalingGroups.ScalingGroup",
                "ScalingGroup",
                "scaling_groups",
            ),
            (
                "DescribeContainerGroups",
                "ContainerGroups",
                "ContainerGroup",
                "container_groups",
            ),
        ];
        let schema = crate::snapshot::json_schema();
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let n = Normalizer::new();
        for (file, path, def, collection) in cases {
            let text = std::fs::read_to_string(dir.join(format!("{file}.json"))).unwrap();
            let body: Value = serde_json::from_str(&text).unwrap();
            let items = items_at(&body, path);
            assert!(!items.is_empty(), "{file}: nothing at {path}");
            let mut resources = Vec::new();
            for item in &items {
                let out = n.resource(def, item, "cn-hangzhou");
                assert!(out.problems.is_empty(), "{file}: {:?}", out.problems);
                resources.push(out.value);
            }
            let snapshot = json!({
                "schema_version": "1",
                "collected_at": "2026-11-27T00:00:00Z",
                "regions": ["cn-hangzhou"],
                "collector": {"name": "ecsguard", "version": "0"},
                *collection: resources,
                "collection_errors": []
            });
            let errors: Vec<String> = validator
                .iter_errors(&snapshot)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{file}: {errors:#?}");
        }
        // Spot checks of the sample quirks.
        let text = std::fs::read_to_string(dir.join("DescribeInstances.json")).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        let i = n
            .resource("Instance", &items_at(&body, "Instances.Instance")[0], "x")
            .value;
        assert_eq!(i["CreationTime"], "2017-12-10T04:04:00Z");
        assert_eq!(i["Tags"], json!([{"Key": "TestKey", "Value": "TestValue"}]));
        assert_eq!(i["RegionId"], "cn-hangzhou");
        assert_eq!(i["OperationLocks"], json!([]));
        assert_eq!(
            i["NetworkInterfaces"][0]["PrivateIpSets"][0]["Primary"],
            true
        );
        let text = std::fs::read_to_string(dir.join("DescribeCloudAssistantStatus.json")).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        let c = n
            .resource(
                "CloudAssistantStatus",
                &items_at(
                    &body,
                    "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus",
                )[0],
                "cn-hangzhou",
            )
            .value;
        assert_eq!(c["CloudAssistantStatus"], true);
        let text = std::fs::read_to_string(dir.join("DescribeLifecycleHooks.json")).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        let hooks = items_at(&body, "LifecycleHooks.LifecycleHook");
        assert_eq!(hooks.len(), 1, "a lone object is one element");
        let h = n.resource("LifecycleHook", &hooks[0], "cn-beijing").value;
        assert_eq!(h["HeartbeatTimeout"], 60);
        assert_eq!(h["RegionId"], "cn-beijing");
    }
}
