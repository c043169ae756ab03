//! Validation of the engine's value tree against the snapshot schema.
//!
//! The schema generated from [`super::model`] is compiled once into
//! [`Shape`]s and the parsed tree is walked against them, so a snapshot is
//! parsed once (into the tree the engine needs) rather than once more for
//! validation, and the schema users read is exactly what is enforced.

use std::collections::HashMap;

use regorus::Value;
use serde_json::Value as J;

use super::locate::escape_token;
use super::types::parse_utc_timestamp;

/// What a value must look like.
#[derive(Debug)]
pub enum Shape {
    Any,
    String,
    Timestamp,
    Integer,
    Number,
    Boolean,
    Const(String),
    Array(Box<Shape>),
    Object(ObjectShape),
}

#[derive(Debug)]
pub struct ObjectShape {
    /// Sorted by name.
    properties: Vec<(String, Shape)>,
    /// Sorted.
    required: Vec<String>,
}

impl ObjectShape {
    pub fn property(&self, name: &str) -> Option<&Shape> {
        self.properties
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| &self.properties[i].1)
    }
}

/// Compiles a JSON Schema of the subset schemars generates for the model.
pub fn compile(schema: &J) -> Shape {
    let defs = schema
        .get("$defs")
        .and_then(J::as_object)
        .cloned()
        .unwrap_or_default();
    compile_node(schema, &defs.into_iter().collect())
}

fn compile_node(node: &J, defs: &HashMap<String, J>) -> Shape {
    if let Some(reference) = node.get("$ref").and_then(J::as_str) {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return defs.get(name).map_or(Shape::Any, |d| compile_node(d, defs));
    }
    if let Some(c) = node.get("const").and_then(J::as_str) {
        return Shape::Const(c.to_string());
    }
    match node.get("type").and_then(J::as_str) {
        Some("string") if node.get("format").and_then(J::as_str) == Some("date-time") => {
            Shape::Timestamp
        }
        Some("string") => Shape::String,
        Some("integer") => Shape::Integer,
        Some("number") => Shape::Number,
        Some("boolean") => Shape::Boolean,
        Some("array") => Shape::Array(Box::new(
            node.get("items")
                .map_or(Shape::Any, |i| compile_node(i, defs)),
        )),
        Some("object") => {
            let mut properties: Vec<(String, Shape)> = node
                .get("properties")
                .and_then(J::as_object)
                .map(|p| {
                    p.iter()
                        .map(|(k, v)| (k.clone(), compile_node(v, defs)))
                        .collect()
                })
                .unwrap_or_default();
            properties.sort_by(|a, b| a.0.cmp(&b.0));
            let mut required: Vec<String> = node
                .get("required")
                .and_then(J::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            required.sort();
            Shape::Object(ObjectShape {
                properties,
                required,
            })
        }
        _ => Shape::Any,
    }
}

/// The shape of an object whose properties were checked elsewhere: only
/// its required fields are left to check.
pub fn required_only(o: &ObjectShape) -> Shape {
    Shape::Object(ObjectShape {
        properties: Vec::new(),
        required: o.required.clone(),
    })
}

/// A schema violation: where (a JSON pointer) and what.
#[derive(Debug, PartialEq)]
pub struct Violation {
    pub pointer: String,
    pub message: String,
    /// True when a required field is missing (the pointer names its object).
    pub missing: bool,
}

enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// Checks `value` against `shape`; `prefix` makes the pointer of where the
/// value was found, only when there is a violation to report.
pub fn check(
    shape: &Shape,
    value: &Value,
    prefix: impl FnOnce() -> String,
) -> Result<(), Violation> {
    let mut path = Vec::new();
    walk(shape, value, &mut path).map_err(|(message, missing)| {
        let mut pointer = prefix();
        for seg in &path {
            match seg {
                Seg::Key(k) => {
                    pointer.push('/');
                    pointer.push_str(&escape_token(k));
                }
                Seg::Index(i) => pointer.push_str(&format!("/{i}")),
            }
        }
        Violation {
            pointer,
            message,
            missing,
        }
    })
}

/// On error, `path` holds the location of the offending value.
fn walk<'v>(
    shape: &Shape,
    value: &'v Value,
    path: &mut Vec<Seg<'v>>,
) -> Result<(), (String, bool)> {
    let wrong = |expected: &str| {
        Err((
            format!("invalid type: {}, expected {expected}", describe(value)),
            false,
        ))
    };
    match (shape, value) {
        (Shape::Any, _) => Ok(()),
        (Shape::String, Value::String(_)) => Ok(()),
        (Shape::String, _) => wrong("a string"),
        (Shape::Timestamp, Value::String(s)) => {
            parse_utc_timestamp(s).map(|_| ()).map_err(|m| (m, false))
        }
        (Shape::Timestamp, _) => {
            wrong("an RFC 3339 UTC timestamp with seconds, e.g. \"2026-11-27T08:30:00Z\"")
        }
        (Shape::Integer, Value::Number(n)) if n.is_integer() => Ok(()),
        (Shape::Integer, _) => wrong("an integer"),
        (Shape::Number, Value::Number(_)) => Ok(()),
        (Shape::Number, _) => wrong("a number"),
        (Shape::Boolean, Value::Bool(_)) => Ok(()),
        (Shape::Boolean, _) => wrong("a boolean"),
        (Shape::Const(c), Value::String(s)) if s.as_ref() == c => Ok(()),
        (Shape::Const(c), _) => Err((
            format!("{} is not supported: expected \"{c}\"", describe(value)),
            false,
        )),
        (Shape::Array(items), Value::Array(a)) => {
            for (i, item) in a.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(items, item, path)?;
                path.pop();
            }
            Ok(())
        }
        (Shape::Array(_), _) => wrong("a sequence"),
        (Shape::Object(o), Value::Object(map)) => {
            // The map's keys, the properties and the required names are all
            // sorted: one merge pass, no lookups and no allocation per object.
            let (mut props, mut required) = (o.properties.iter().peekable(), o.required.iter());
            let mut next_required = required.next();
            for (k, v) in map.iter() {
                let Value::String(key) = k else { continue };
                let key: &str = key;
                while let Some(r) = next_required.filter(|r| r.as_str() <= key) {
                    if r != key {
                        return Err((format!("missing field `{r}`"), true));
                    }
                    next_required = required.next();
                }
                while props.next_if(|(name, _)| name.as_str() < key).is_some() {}
                if let Some((_, s)) = props.next_if(|(name, _)| name == key) {
                    path.push(Seg::Key(key));
                    walk(s, v, path)?;
                    path.pop();
                }
            }
            match next_required {
                Some(r) => Err((format!("missing field `{r}`"), true)),
                None => Ok(()),
            }
        }
        (Shape::Object(_), _) => wrong("a map"),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_integer() => format!("integer `{v}`"),
        Value::Number(_) => format!("floating point `{v}`"),
        Value::String(s) => format!("string {:?}", s.as_ref()),
        Value::Array(_) | Value::Set(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
        Value::Undefined => "nothing".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> Shape {
        compile(&super::super::json_schema())
    }

    fn violation(doc: &str) -> Option<Violation> {
        check(&shape(), &Value::from_json_str(doc).unwrap(), String::new).err()
    }

    const OK: &str = r#"{"schema_version": "1", "collected_at": "2026-01-01T00:00:00Z", "regions": ["r"],
        "collector": {"name": "x", "version": "1"}, "collection_errors": [],
        "instances": [{"InstanceId": "i-1", "RegionId": "r", "Cpu": 2, "Extra": {"anything": null}}]}"#;

    #[test]
    fn accepts_a_valid_snapshot_with_extra_fields() {
        assert_eq!(violation(OK), None);
    }

    #[test]
    fn reports_where_and_what() {
        let v = violation(&OK.replace("\"Cpu\": 2", "\"Cpu\": \"two\"")).unwrap();
        assert_eq!(v.pointer, "/instances/0/Cpu");
        assert_eq!(
            v.message,
            "invalid type: string \"two\", expected an integer"
        );
        let v = violation(&OK.replace("\"RegionId\": \"r\", ", "")).unwrap();
        assert_eq!(
            (v.pointer.as_str(), v.message.as_str(), v.missing),
            ("/instances/0", "missing field `RegionId`", true)
        );
        let v = violation(&OK.replace("\"Cpu\": 2", "\"Cpu\": null")).unwrap();
        assert_eq!(v.message, "invalid type: null, expected an integer");
        let v = violation(&OK.replace("2026-01-01T00:00:00Z", "2026-01-01T00:00Z")).unwrap();
        assert!(
            v.pointer == "/collected_at" && v.message.contains("with seconds"),
            "{v:?}"
        );
        let v = violation(&OK.replace("\"schema_version\": \"1\"", "\"schema_version\": \"2\""))
            .unwrap();
        assert_eq!(v.message, "string \"2\" is not supported: expected \"1\"");
    }
}
